/**
 * Norms written by hand: sums of squares, inline or accumulated over an array
 * ({@link dev.numguard.rules.idioms.norms.SumOfSquares}). Used by NaiveHypot.
 */
package dev.numguard.rules.idioms.norms;
