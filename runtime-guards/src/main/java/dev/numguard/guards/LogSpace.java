package dev.numguard.guards;

import java.util.Arrays;
import java.util.Objects;

/**
 * Working with probabilities in log space: the log of a product without underflow, log-sums and
 * log-means of values that are already logarithms, and the stable {@code log(1 − exp(x))} and
 * {@code log(exp(a) − exp(b))}.
 *
 * <p>A product of probabilities underflows quickly: {@code 0.1^324} is 0 in double ({@code 0.1f^46}
 * in float), so {@code Math.log(product)} returns {@code -Infinity} for a perfectly ordinary
 * 400-token sentence. {@link #logProduct(double...)} returns the exact-to-a-few-ulps
 * {@code Σ log p_i} instead; {@link LogProduct} does the same incrementally.
 *
 * <p>Pass {@code double} values to the varargs {@code logProduct}: by Java's overload rules integer
 * arguments, and an empty argument list, select the {@code float...} overload.
 */
public final class LogSpace {

    private static final double LN2 = Math.log(2.0);

    private LogSpace() {
    }

    /**
     * {@code log(p_1 · p_2 · … · p_n)} without underflow or overflow, accurate to a few ulps (see
     * {@link LogProduct} for the method). Values above 1 (likelihood ratios, densities) are allowed.
     *
     * <p>Edge cases, those of {@code Σ log p_i}: empty → {@code 0.0}; a zero factor → {@code -Infinity};
     * a {@code +Infinity} factor → {@code +Infinity}; both, or any NaN → NaN.
     *
     * @throws NullPointerException     if {@code probabilities} is null
     * @throws IllegalArgumentException if a factor is negative (the message names its index)
     */
    public static double logProduct(double... probabilities) {
        Objects.requireNonNull(probabilities, "probabilities");
        return new LogProduct().multiplyRange(probabilities, 0, probabilities.length).log();
    }

    /**
     * {@link #logProduct(double...)} of {@code probabilities[offset .. offset+length)}.
     *
     * @throws NullPointerException      if {@code probabilities} is null
     * @throws IndexOutOfBoundsException if the range lies outside the array
     * @throws IllegalArgumentException  if a factor is negative
     */
    public static double logProduct(double[] probabilities, int offset, int length) {
        Objects.requireNonNull(probabilities, "probabilities");
        SliceBounds.check(offset, length, probabilities.length);
        return new LogProduct().multiplyRange(probabilities, offset, offset + length).log();
    }

    /**
     * {@link #logProduct(double...)} of float factors (each exact in double), rounded once to float.
     * The float formula {@code (float) Math.log(product)} already fails after 46 factors of 0.1.
     *
     * @throws NullPointerException     if {@code probabilities} is null
     * @throws IllegalArgumentException if a factor is negative
     */
    public static float logProduct(float... probabilities) {
        Objects.requireNonNull(probabilities, "probabilities");
        return (float) new LogProduct().multiplyRange(probabilities, 0, probabilities.length).log();
    }

    /**
     * {@code log Σ exp(logValues_i)}: the log of a sum of values given by their logs (the same as
     * {@link StableMath#logSumExp(double[])}, with its edge cases: empty → {@code -Infinity}).
     *
     * @throws NullPointerException if {@code logValues} is null
     */
    public static double logSum(double[] logValues) {
        return StableMath.logSumExp(logValues);
    }

    /**
     * {@code log((1/n)·Σ exp(logValues_i))}: the log of the mean of values given by their logs, e.g.
     * the log of a Monte-Carlo average of likelihoods. Empty → NaN (the mean of nothing); otherwise
     * edge cases as {@link StableMath#logSumExp(double[])}.
     *
     * @throws NullPointerException if {@code logValues} is null
     */
    public static double logMean(double[] logValues) {
        Objects.requireNonNull(logValues, "logValues");
        if (logValues.length == 0) {
            return Double.NaN;
        }
        return StableMath.logSumExp(logValues) - Math.log(logValues.length);
    }

    /**
     * Turns log weights into weights, in place, each divided by the largest: {@code w_i =
     * exp(logWeights_i − max)}, and returns their sum {@code Σ w_i}. Every ratio {@code w_i / Σ w}
     * (a posterior, a normalised score, the chance of a draw) equals the one of the unscaled weights
     * {@code exp(logWeights_i)}, which underflow to 0 (all of them, giving 0/0 = NaN) once the logs
     * are below about −745; the scaled ones keep the largest at 1, so the sum is between 1 and the
     * number of weights.
     *
     * <p>Edge cases: all logs {@code -Infinity} (every weight 0) → the weights become 0 and the sum
     * is 0, as the unscaled weights' sum would be; a {@code +Infinity} or NaN log → every weight and
     * the sum NaN (the ratios of an infinite weight are undefined); empty → 0.
     *
     * @throws NullPointerException if {@code logWeights} is null
     */
    public static double toRelativeWeights(double[] logWeights) {
        Objects.requireNonNull(logWeights, "logWeights");
        double max = Double.NEGATIVE_INFINITY;
        for (double l : logWeights) {
            if (!(l <= max)) {
                max = l;
                if (Double.isNaN(l)) {
                    break;
                }
            }
        }
        if (max == Double.NEGATIVE_INFINITY || !(max < Double.POSITIVE_INFINITY)) {
            double fill = max == Double.NEGATIVE_INFINITY ? 0.0 : Double.NaN;
            Arrays.fill(logWeights, fill);
            return fill;
        }
        double sum = 0;
        for (int i = 0; i < logWeights.length; i++) {
            double w = Math.exp(logWeights[i] - max);
            logWeights[i] = w;
            sum += w;
        }
        return sum;
    }

    /**
     * {@code log(1 − exp(x))} for {@code x ≤ 0}, computed stably by Mächler's rule: {@code
     * log(−expm1(x))} for {@code x > −ln 2} and {@code log1p(−exp(x))} otherwise (each form is accurate
     * where the other loses digits; the naive formula gives {@code -Infinity} at {@code x = -1e-20}
     * and {@code 0} at {@code x = -40}).
     *
     * <p>Edge cases: {@code x = 0} → {@code -Infinity}; {@code x = -Infinity} → {@code 0.0};
     * {@code x > 0} → NaN (the argument of the log is negative); NaN → NaN.
     */
    public static double log1mExp(double x) {
        if (x > -LN2) {
            return Math.log(-Math.expm1(x)); // x > 0 gives log of a negative number: NaN
        }
        if (x == Double.NEGATIVE_INFINITY) {
            return 0.0;
        }
        return Math.log1p(-Math.exp(x)); // NaN falls through here and stays NaN
    }

    /**
     * {@code log(exp(a) − exp(b))}, the log of a difference of values given by their logs, computed
     * as {@code a + log1mExp(b − a)}.
     *
     * <p>Edge cases: {@code a == b} → {@code -Infinity} (a zero difference), except
     * {@code a == b == +Infinity} → NaN ({@code Infinity − Infinity}); {@code b = -Infinity} →
     * {@code a}; {@code a < b} → NaN (a negative difference has no log); NaN → NaN.
     */
    public static double logDiffExp(double a, double b) {
        if (b == Double.NEGATIVE_INFINITY) {
            return a;
        }
        if (a == b) {
            return a == Double.POSITIVE_INFINITY ? Double.NaN : Double.NEGATIVE_INFINITY;
        }
        if (a == Double.POSITIVE_INFINITY) {
            return Double.isNaN(b) ? Double.NaN : Double.POSITIVE_INFINITY;
        }
        if (!(a > b)) {
            return Double.NaN; // a < b, or a NaN
        }
        return a + log1mExp(b - a);
    }
}
