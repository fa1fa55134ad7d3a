/**
 * The logistic family's idioms: a sigmoid written by hand or reached through a local, a field or a
 * same-class helper ({@link dev.numguard.rules.idioms.logistic.Sigmoids}), the binary
 * cross-entropy written from a probability ({@link dev.numguard.rules.idioms.logistic.BinaryCrossEntropyShape}),
 * and whether an exponent is bounded above so that {@code log(1 + exp(z))} cannot overflow
 * ({@link dev.numguard.rules.idioms.logistic.UpperBounds}). Used by NaiveBinaryCrossEntropy and NaiveSoftplus.
 */
package dev.numguard.rules.idioms.logistic;
