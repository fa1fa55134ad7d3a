package dev.numguard.guards;

import java.util.Objects;

/**
 * Weighted mean and variance, behind {@link Statistics#weightedMean(double[], double[])} and its
 * relatives: the corrected two-pass algorithm with weights ({@code Σw·d² − (Σw·d)²/Σw} around a
 * first estimate of the mean), on weights scaled by a power of two so that their sum cannot
 * overflow (the scale cancels in every result).
 */
final class WeightedMoments {

    private WeightedMoments() {
    }

    /** The weighted mean, or NaN; see {@link Statistics#weightedMean(double[], double[])}. */
    static double mean(double[] x, double[] w) {
        Objects.requireNonNull(x, "x");
        Objects.requireNonNull(w, "weights");
        requireSameLength(x.length, w.length, "weights");
        double scale = weightScale(w, "weights");
        if (x.length == 0 || scale == 0) {
            return Double.NaN;
        }
        return weightedMean(x, w, scale);
    }

    /**
     * {@code Σw(x − mean)² / denominator}, where the denominator is {@code Σw} (population, {@code
     * ddof = 0}) or NumPy's {@code v1 − v2/v1} with {@code v1 = Σw}, {@code v2 = Σw·a} ({@code ddof
     * = 1}); {@code w = f·a}, a null array meaning all ones.
     */
    static double variance(double[] x, double[] frequency, double[] reliability, int ddof) {
        Objects.requireNonNull(x, "x");
        int n = x.length;
        if (frequency != null) {
            requireSameLength(n, frequency.length, "frequencyWeights");
            weightScale(frequency, "frequencyWeights");
        }
        if (reliability != null) {
            requireSameLength(n, reliability.length, "reliabilityWeights");
            weightScale(reliability, "reliabilityWeights");
        }
        double[] w = product(frequency, reliability, n);
        double scale = weightScale(w, "weights");
        if (n == 0 || scale == 0) {
            return Double.NaN;
        }
        double mean = weightedMean(x, w, scale);
        if (!Double.isFinite(mean)) {
            return Double.NaN;
        }
        for (double v : x) {
            if (!Double.isFinite(v)) {
                return Double.NaN; // an infinity with zero weight leaves the mean finite
            }
        }
        double[] sums = new double[3]; // Σw'd, Σw'd² (compensated), Σw'
        for (int refinements = 0; ; refinements++) {
            centeredSums(x, w, scale, mean, sums);
            double shift = sums[0] / sums[2];
            double removed = sums[0] * shift;
            if (refinements < 2 && removed > sums[1] * 0x1p-2 && removed <= Double.MAX_VALUE) {
                mean += shift;
                continue;
            }
            double squares = sums[1] - removed;
            double denominator = ddof == 0 ? sums[2] : sampleDenominator(frequency, reliability, w, scale, sums[2]);
            if (!(denominator > 0)) {
                return Double.NaN; // one effective observation: no sample variance
            }
            if (!(squares <= Double.MAX_VALUE) || (squares > 0 && squares < 0x1p-900)) {
                return scaledVariance(x, w, scale, denominator); // squares overflowed or near underflow
            }
            return Math.max(squares, 0.0) / denominator;
        }
    }

    /**
     * NumPy's {@code v1 − v2/v1} ({@code v1 = Σw}, {@code v2 = Σw·a}), in the units of the scaled
     * weights {@code w' = s·w} (so {@code s·(v1 − v2/v1)}), without its cancellation: the formula
     * equals {@code (2·Σ_{i<j} w_i·w_j + Σ w_i·a_i·(f_i − 1)) / v1}, whose first sum has only
     * non-negative terms (the second vanishes for reliability weights alone and is non-negative for
     * integer frequencies). With frequency weights alone it is {@code v1 − 1}.
     */
    private static double sampleDenominator(double[] frequency, double[] reliability, double[] w, double scale, double v1) {
        if (reliability == null) {
            return v1 - scale;
        }
        double pairs = 0;
        double pairsCompensation = 0;
        double before = 0;
        double beforeCompensation = 0;
        double frequencyTerm = 0;
        for (int i = 0; i < w.length; i++) {
            double wi = w[i] * scale;
            double term = wi * (before + beforeCompensation);
            double t = pairs + term;
            pairsCompensation += pairs >= term ? (pairs - t) + term : (term - t) + pairs;
            pairs = t;
            double u = before + wi;
            beforeCompensation += before >= wi ? (before - u) + wi : (wi - u) + before;
            before = u;
            if (frequency != null) {
                frequencyTerm += wi * reliability[i] * (frequency[i] - 1);
            }
        }
        return (2 * (pairs + pairsCompensation) + scale * frequencyTerm) / v1;
    }

    /**
     * Redoes the sums on values scaled to unit size when the squares overflow or come near
     * underflow; the power of two comes back exactly.
     */
    private static double scaledVariance(double[] x, double[] w, double scale, double denominator) {
        double largest = 0;
        for (double v : x) {
            largest = Math.max(largest, Math.abs(v));
        }
        int exponent = Math.max(Math.getExponent(largest), Double.MIN_EXPONENT);
        double factor = Math.scalb(1.0, -exponent);
        double[] scaled = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            scaled[i] = x[i] * factor;
        }
        double mean = weightedMean(scaled, w, scale);
        double[] sums = new double[3];
        centeredSums(scaled, w, scale, mean, sums);
        double squares = Math.max(0.0, sums[1] - sums[0] * (sums[0] / sums[2]));
        return Math.scalb(squares / denominator, 2 * exponent);
    }

    /**
     * {@code Σw'x / Σw'} with {@code w' = w·scale}: the products' rounding errors are taken exactly
     * ({@link ExactProduct}) and summed with the compensation, as in a compensated dot product.
     */
    private static double weightedMean(double[] x, double[] w, double scale) {
        double sum = 0;
        double compensation = 0;
        double weights = 0;
        double weightsCompensation = 0;
        for (int i = 0; i < x.length; i++) {
            double wi = w[i] * scale;
            double term = wi * x[i];
            double t = sum + term;
            compensation += (Math.abs(sum) >= Math.abs(term) ? (sum - t) + term : (term - t) + sum)
                    + ExactProduct.error(wi, x[i], term);
            sum = t;
            double u = weights + wi;
            weightsCompensation += (weights >= wi) ? (weights - u) + wi : (wi - u) + weights;
            weights = u;
        }
        double total = sum + compensation;
        if (Double.isFinite(total)) {
            return total / (weights + weightsCompensation);
        }
        for (double v : x) {
            if (!Double.isFinite(v)) {
                return sum / weights; // an infinity or NaN in x decides, as IEEE arithmetic does
            }
        }
        // finite values whose weighted sum overflows: a convex combination cannot, so add shares
        double mean = 0;
        double totalWeight = weights + weightsCompensation;
        for (int i = 0; i < x.length; i++) {
            mean += (w[i] * scale / totalWeight) * x[i];
        }
        return mean;
    }

    /** Fills {@code sums} with Σw'd, the compensated Σw'd² and Σw', d = x − mean. */
    private static void centeredSums(double[] x, double[] w, double scale, double mean, double[] sums) {
        double deviations = 0;
        double squares = 0;
        double compensation = 0;
        double weights = 0;
        double weightsCompensation = 0;
        for (int i = 0; i < x.length; i++) {
            double wi = w[i] * scale;
            double d = x[i] - mean;
            double wd = wi * d;
            deviations += wd;
            double p = wd * d;
            // w·d² exactly = p + error(wd·d) + error(w·d)·d (to first order): two roundings per term
            // would otherwise add up over the sum like the plain sum of the weights did
            double productErrors = ExactProduct.error(wd, d, p) + ExactProduct.error(wi, d, wd) * d;
            double t = squares + p;
            compensation += (squares >= p ? (squares - t) + p : (p - t) + squares) + productErrors;
            squares = t;
            double u = weights + wi;
            weightsCompensation += weights >= wi ? (weights - u) + wi : (wi - u) + weights;
            weights = u;
        }
        sums[0] = deviations;
        sums[1] = squares + compensation;
        sums[2] = weights + weightsCompensation;
    }

    private static double[] product(double[] frequency, double[] reliability, int n) {
        if (frequency == null && reliability == null) {
            double[] ones = new double[n];
            java.util.Arrays.fill(ones, 1.0);
            return ones;
        }
        if (frequency == null || reliability == null) {
            return frequency == null ? reliability : frequency;
        }
        double[] w = new double[n];
        for (int i = 0; i < n; i++) {
            w[i] = frequency[i] * reliability[i];
        }
        return w;
    }

    /**
     * Checks that every weight is finite and {@code >= 0} and returns the power of two that brings
     * the largest to [1, 2) (0 when all weights are 0), so that n scaled weights sum without overflow.
     */
    static double weightScale(double[] w, String name) {
        double largest = 0;
        for (int i = 0; i < w.length; i++) {
            double v = w[i];
            if (!(v >= 0 && v <= Double.MAX_VALUE)) {
                throw new IllegalArgumentException(
                        name + "[" + i + "] = " + v + ": weights must be finite and >= 0");
            }
            largest = Math.max(largest, v);
        }
        return largest == 0 ? 0 : Math.scalb(1.0, -Math.max(Math.getExponent(largest), Double.MIN_EXPONENT));
    }

    private static void requireSameLength(int xLength, int wLength, String name) {
        if (xLength != wLength) {
            throw new IllegalArgumentException("x has " + xLength + " values but " + name + " has " + wLength);
        }
    }
}
