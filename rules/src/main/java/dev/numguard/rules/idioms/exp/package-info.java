/**
 * The exponential family's idioms on top of the facts: sums of exponentials through locals, loops,
 * streams and same-class helpers ({@link dev.numguard.rules.idioms.exp.ExpSums}), and the shifts
 * and bounds of exponents ({@link dev.numguard.rules.idioms.exp.Exponents}). Used by NaiveSoftmax,
 * NaiveLogSumExp and NaiveCrossEntropy.
 */
package dev.numguard.rules.idioms.exp;
