/**
 * Textbook catastrophic cancellations and their stable algebraic twins: the quadratic formula
 * ({@link dev.numguard.rules.idioms.cancellation.QuadraticRoot}) and differences of nearly equal
 * elementary functions ({@link dev.numguard.rules.idioms.cancellation.NearlyEqualTerms}), for
 * CancellingDifference.
 */
package dev.numguard.rules.idioms.cancellation;
