/**
 * Moment formulas as power-sum monomials ({@link dev.numguard.rules.idioms.moments.Moments}), for
 * NaiveVariance.
 */
package dev.numguard.rules.idioms.moments;
