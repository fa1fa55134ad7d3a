/**
 * Running sums over data: how many terms a loop adds ({@link dev.numguard.rules.idioms.summation.LoopExtent}),
 * for FloatAccumulation.
 */
package dev.numguard.rules.idioms.summation;
