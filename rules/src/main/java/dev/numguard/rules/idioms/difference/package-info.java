/**
 * Numerical derivatives: difference quotients with a fixed step
 * ({@link dev.numguard.rules.idioms.difference.DifferenceQuotient}), for ForwardDifference.
 */
package dev.numguard.rules.idioms.difference;
