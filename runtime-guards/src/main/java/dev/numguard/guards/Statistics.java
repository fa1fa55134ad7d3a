package dev.numguard.guards;

import java.util.Objects;

/**
 * Mean, variance, standard deviation, covariance and layer normalisation of {@code double[]} and
 * {@code float[]} data, accurate where the textbook one-pass formula
 * {@code Σx²/n − (Σx/n)²} cancels to garbage (NIST StRD NumAcc4 gives −2 with it, not 0.01).
 *
 * <h2>Algorithm</h2>
 * The corrected two-pass algorithm (Chan, Golub and LeVeque 1983), with its first pass replaced by
 * a sample: the mean is estimated from 32 evenly spaced values (all values of a range up to 64);
 * one pass then sums the deviations {@code d = x − estimate} and, compensated per group of eight,
 * their squares, and the correction {@code Σd² − (Σd)²/n} removes the first-order effect of the
 * estimate's error. Should the estimate be off by more than about half the spread (the correction
 * would then remove more than a quarter of the sum), the estimate is moved by {@code Σd/n} and the
 * pass repeated, so the subtraction never cancels more than half a bit; for typical data a sample of
 * 32 is about 0.18 standard deviations off and one pass suffices. {@link #mean} itself is a
 * compensated (Neumaier) sum divided by n. Results are within a few ulps of the exact statistic of
 * the given doubles for any offset (1e8 + noise, 1e15 + noise) and reach LRE ≥ 13 on every NIST StRD
 * univariate set (against the exact statistics of the parsed data; see the tests).
 *
 * <h2>Range</h2>
 * Nothing overflows or underflows unless the answer does: sums that overflow are redone on values
 * scaled by a power of two (exactly), and squared deviations that would overflow (deviations above
 * about 1.3e154) or underflow (below about 1e-154) are redone on values scaled to unit size, the
 * scale re-applied at the end. So the mean of values near 1e308 is finite, the standard deviation
 * of {@code ±1e300} is 1e300 (its variance, 1e600, is {@code +Infinity}), and the standard
 * deviation of values near 1e-300 is not 0.
 *
 * <h2>Edge cases (as NumPy with {@code ddof=0} / {@code ddof=1}, and Apache Commons Statistics)</h2>
 * <ul>
 *   <li>Empty input: every statistic is NaN; {@code layerNorm} returns an empty array.</li>
 *   <li>One value: population variance and standard deviation 0; sample variance and sample
 *       standard deviation NaN (NumPy's {@code ddof=1} gives nan; note that Commons Statistics
 *       returns 0 here).</li>
 *   <li>NaN anywhere: NaN.</li>
 *   <li>Infinity: the mean follows IEEE addition (+Infinity, −Infinity, or NaN when both signs are
 *       present); variance, standard deviation and covariance are NaN whenever any value is
 *       infinite (the deviation {@code ∞ − ∞} is undefined), as in NumPy.</li>
 *   <li>{@code null} arrays throw {@link NullPointerException}; ranges outside the array throw
 *       {@link IndexOutOfBoundsException}; arrays of different lengths where lengths must match
 *       throw {@link IllegalArgumentException}.</li>
 * </ul>
 *
 * <p>{@code float[]} overloads accumulate in double (where float data can neither overflow nor
 * underflow) and round the result once to float.
 */
public final class Statistics {

    /** Squared-deviation sums below this may have lost terms to underflow; redo them scaled. */
    private static final double UNDERFLOW_RISK = 0x1p-900;

    private Statistics() {
    }

    // ------------------------------------------------------------------------------------ mean

    /**
     * Arithmetic mean.
     *
     * @return the mean, within about one ulp of the exact mean; NaN if empty or any value is NaN;
     *     ±Infinity or NaN per IEEE addition if values are infinite. Never overflows for finite
     *     values.
     */
    public static double mean(double[] x) {
        Objects.requireNonNull(x, "x");
        return mean(x, 0, x.length);
    }

    /**
     * Arithmetic mean of {@code x[offset .. offset+length)}; see {@link #mean(double[])}.
     *
     * @throws IndexOutOfBoundsException if the range lies outside {@code x}
     */
    public static double mean(double[] x, int offset, int length) {
        SliceBounds.check(offset, length, x.length);
        if (length == 0) {
            return Double.NaN;
        }
        double sum = scaledSum(x, offset, length, 1.0);
        if (Double.isFinite(sum)) {
            return sum / length;
        }
        double nonFinite = nonFiniteSum(x, offset, length);
        if (nonFinite != 0) {
            return nonFinite;
        }
        // Finite values whose sum overflows: sum them scaled down so n of them cannot overflow.
        int scaleExponent = 65 - Long.numberOfLeadingZeros(length);
        double scaled = scaledSum(x, offset, length, Math.scalb(1.0, -scaleExponent));
        return Math.scalb(scaled / length, scaleExponent);
    }

    /**
     * Arithmetic mean of float values, accumulated in double and rounded once to float.
     *
     * @return see {@link #mean(double[])}
     */
    public static float mean(float[] x) {
        Objects.requireNonNull(x, "x");
        return mean(x, 0, x.length);
    }

    /**
     * Arithmetic mean of {@code x[offset .. offset+length)}; see {@link #mean(float[])}.
     *
     * @throws IndexOutOfBoundsException if the range lies outside {@code x}
     */
    public static float mean(float[] x, int offset, int length) {
        SliceBounds.check(offset, length, x.length);
        if (length == 0) {
            return Float.NaN;
        }
        double sum = floatSum(x, offset, length);
        if (Double.isFinite(sum)) {
            return (float) (sum / length);
        }
        return (float) nonFiniteSum(x, offset, length);
    }

    // ------------------------------------------------------------------------ variance and sd

    /**
     * Population variance, {@code Σ(x − mean)² / n} (NumPy {@code var(x)}, {@code ddof=0}).
     *
     * @return the variance; NaN if empty, if any value is NaN or infinite; 0 for one finite value;
     *     {@code +Infinity} only if the true variance exceeds {@link Double#MAX_VALUE}
     */
    public static double variance(double[] x) {
        Objects.requireNonNull(x, "x");
        return dispersion(x, 0, x.length, 0, false);
    }

    /**
     * Population variance of {@code x[offset .. offset+length)}; see {@link #variance(double[])}.
     *
     * @throws IndexOutOfBoundsException if the range lies outside {@code x}
     */
    public static double variance(double[] x, int offset, int length) {
        return dispersion(x, offset, length, 0, false);
    }

    /**
     * Sample variance, {@code Σ(x − mean)² / (n − 1)} (NumPy {@code var(x, ddof=1)}).
     *
     * @return the sample variance; NaN if fewer than two values, or if any value is NaN or infinite
     */
    public static double sampleVariance(double[] x) {
        Objects.requireNonNull(x, "x");
        return dispersion(x, 0, x.length, 1, false);
    }

    /**
     * Sample variance of {@code x[offset .. offset+length)}; see {@link #sampleVariance(double[])}.
     *
     * @throws IndexOutOfBoundsException if the range lies outside {@code x}
     */
    public static double sampleVariance(double[] x, int offset, int length) {
        return dispersion(x, offset, length, 1, false);
    }

    /**
     * Population standard deviation, the square root of {@link #variance(double[])}, computed so
     * that it is finite whenever the answer is (the standard deviation of ±1e300 is 1e300).
     *
     * @return the standard deviation; NaN if empty, if any value is NaN or infinite; 0 for one value
     */
    public static double standardDeviation(double[] x) {
        Objects.requireNonNull(x, "x");
        return dispersion(x, 0, x.length, 0, true);
    }

    /**
     * Population standard deviation of {@code x[offset .. offset+length)}.
     *
     * @throws IndexOutOfBoundsException if the range lies outside {@code x}
     */
    public static double standardDeviation(double[] x, int offset, int length) {
        return dispersion(x, offset, length, 0, true);
    }

    /**
     * Sample standard deviation, the square root of {@link #sampleVariance(double[])} (NumPy
     * {@code std(x, ddof=1)}, the "s" of the NIST StRD certificates).
     *
     * @return the sample standard deviation; NaN if fewer than two values, or any NaN or infinity
     */
    public static double sampleStandardDeviation(double[] x) {
        Objects.requireNonNull(x, "x");
        return dispersion(x, 0, x.length, 1, true);
    }

    /**
     * Sample standard deviation of {@code x[offset .. offset+length)}.
     *
     * @throws IndexOutOfBoundsException if the range lies outside {@code x}
     */
    public static double sampleStandardDeviation(double[] x, int offset, int length) {
        return dispersion(x, offset, length, 1, true);
    }

    /** Population variance of float values, computed in double, rounded once to float. */
    public static float variance(float[] x) {
        Objects.requireNonNull(x, "x");
        return (float) floatDispersion(x, 0, x.length, 0, false);
    }

    /** Population variance of {@code x[offset .. offset+length)}, computed in double. */
    public static float variance(float[] x, int offset, int length) {
        return (float) floatDispersion(x, offset, length, 0, false);
    }

    /** Sample variance of float values, computed in double, rounded once to float. */
    public static float sampleVariance(float[] x) {
        Objects.requireNonNull(x, "x");
        return (float) floatDispersion(x, 0, x.length, 1, false);
    }

    /** Sample variance of {@code x[offset .. offset+length)}, computed in double. */
    public static float sampleVariance(float[] x, int offset, int length) {
        return (float) floatDispersion(x, offset, length, 1, false);
    }

    /** Population standard deviation of float values, computed in double. */
    public static float standardDeviation(float[] x) {
        Objects.requireNonNull(x, "x");
        return (float) floatDispersion(x, 0, x.length, 0, true);
    }

    /** Population standard deviation of {@code x[offset .. offset+length)}, computed in double. */
    public static float standardDeviation(float[] x, int offset, int length) {
        return (float) floatDispersion(x, offset, length, 0, true);
    }

    /** Sample standard deviation of float values, computed in double. */
    public static float sampleStandardDeviation(float[] x) {
        Objects.requireNonNull(x, "x");
        return (float) floatDispersion(x, 0, x.length, 1, true);
    }

    /** Sample standard deviation of {@code x[offset .. offset+length)}, computed in double. */
    public static float sampleStandardDeviation(float[] x, int offset, int length) {
        return (float) floatDispersion(x, offset, length, 1, true);
    }

    // ------------------------------------------------------------------------------ covariance

    /**
     * Population covariance, {@code Σ(x − mean x)(y − mean y) / n}: what {@code E[XY] − E[X]E[Y]}
     * means, without its cancellation (NumPy {@code cov(x, y, bias=True)[0, 1]}).
     *
     * @return the covariance; NaN if empty or if any value is NaN or infinite; 0 for one pair
     * @throws IllegalArgumentException if the arrays differ in length
     */
    public static double covariance(double[] x, double[] y) {
        return codispersion(x, y, 0);
    }

    /**
     * Sample covariance, {@code Σ(x − mean x)(y − mean y) / (n − 1)} (NumPy {@code cov(x, y)[0, 1]}).
     *
     * @return the sample covariance; NaN if fewer than two pairs or any value is NaN or infinite
     * @throws IllegalArgumentException if the arrays differ in length
     */
    public static double sampleCovariance(double[] x, double[] y) {
        return codispersion(x, y, 1);
    }

    /** Population covariance of float values, computed in double; see {@link #covariance(double[], double[])}. */
    public static float covariance(float[] x, float[] y) {
        return (float) floatCodispersion(x, y, 0);
    }

    /** Sample covariance of float values, computed in double; see {@link #sampleCovariance(double[], double[])}. */
    public static float sampleCovariance(float[] x, float[] y) {
        return (float) floatCodispersion(x, y, 1);
    }

    // ------------------------------------------------------------------------ weighted moments

    /**
     * Weighted mean {@code Σw·x / Σw}, like {@code numpy.average(x, weights=w)}. The products' rounding
     * errors are taken exactly and the sums compensated, so the result is within about two ulps of
     * the exact weighted mean of the given doubles; the weights are scaled by a power of two first, so
     * neither their sum nor a product overflows or underflows unless the mean does.
     *
     * <p>Weights may be frequency weights (counts) or reliability weights (e.g. inverse variances):
     * the mean is the same. Edge cases: empty input or weights that are all 0 → NaN (NumPy raises
     * {@code ZeroDivisionError}); a NaN in {@code x} → NaN, even with weight 0 (NumPy: 0·nan = nan);
     * an infinity → ±Infinity (NaN when both signs occur, or with weight 0).
     *
     * @throws NullPointerException     if an argument is null
     * @throws IllegalArgumentException if the lengths differ or a weight is negative, infinite or NaN
     */
    public static double weightedMean(double[] x, double[] weights) {
        return WeightedMoments.mean(x, weights);
    }

    /**
     * Weighted mean of float values, computed in double, rounded once to float; see
     * {@link #weightedMean(double[], double[])}.
     */
    public static float weightedMean(float[] x, float[] weights) {
        return (float) WeightedMoments.mean(widen(x, "x"), widen(weights, "weights"));
    }

    /**
     * Weighted population variance {@code Σw·(x − μ_w)² / Σw} with {@code μ_w} the
     * {@linkplain #weightedMean(double[], double[]) weighted mean}: NumPy's {@code
     * average((x - average(x, weights=w))**2, weights=w)}, equal to {@code cov(x, aweights=w,
     * ddof=0)} and {@code cov(x, fweights=w, ddof=0)}. This is the stable form of the textbook
     * {@code Σw·x²/Σw − (Σw·x/Σw)²}, which cancels like the unweighted one.
     *
     * <p>Computed by the corrected two-pass algorithm with weights, compensated; within a few ulps of
     * the exact value for any offset. Edge cases: empty, all weights 0, any NaN or infinity in
     * {@code x} → NaN; one positive weight → 0.
     *
     * @throws NullPointerException     if an argument is null
     * @throws IllegalArgumentException if the lengths differ or a weight is negative, infinite or NaN
     */
    public static double weightedVariance(double[] x, double[] weights) {
        Objects.requireNonNull(weights, "weights");
        return WeightedMoments.variance(x, null, weights, 0);
    }

    /** Weighted population variance of float values, computed in double; see {@link #weightedVariance(double[], double[])}. */
    public static float weightedVariance(float[] x, float[] weights) {
        Objects.requireNonNull(weights, "weights");
        return (float) WeightedMoments.variance(widen(x, "x"), null, widen(weights, "weights"), 0);
    }

    /**
     * Weighted sample variance, as {@code numpy.cov(x, fweights=f, aweights=a)} (its {@code ddof=1}
     * default): with {@code w = f·a}, {@code v1 = Σw} and {@code v2 = Σw·a}, the result is
     * {@code Σw·(x − μ_w)² / (v1 − v2/v1)}.
     * <ul>
     *   <li>Frequency weights only ({@code reliabilityWeights == null}): each {@code f_i} counts how
     *       often {@code x_i} occurred, and the divisor is {@code Σf − 1}; integer weights give exactly
     *       the sample variance of the data written out with repetitions. (NumPy requires integer
     *       {@code fweights}; any finite non-negative value is accepted here.)</li>
     *   <li>Reliability weights only ({@code frequencyWeights == null}): the weights describe how
     *       much each value is trusted (e.g. inverse variances), and the divisor
     *       {@code Σa − Σa²/Σa} makes the estimate unbiased; it depends only on the weights' ratios.</li>
     *   <li>Both: NumPy's combination above. Neither: {@link #sampleVariance(double[])}.</li>
     * </ul>
     *
     * <p>Edge cases: empty, all products 0, any NaN or infinity in {@code x}, or a divisor that is not
     * positive (one effective observation: {@code Σf ≤ 1}, or a single positive reliability weight)
     * → NaN.
     *
     * @param frequencyWeights   counts, or {@code null} for all ones
     * @param reliabilityWeights reliabilities, or {@code null} for all ones
     * @throws NullPointerException     if {@code x} is null
     * @throws IllegalArgumentException if a lengths differs from {@code x}'s or a weight is negative,
     *                                  infinite or NaN
     */
    public static double weightedSampleVariance(double[] x, double[] frequencyWeights, double[] reliabilityWeights) {
        return WeightedMoments.variance(x, frequencyWeights, reliabilityWeights, 1);
    }

    // --------------------------------------------------------------------------- column variance

    /**
     * Population variance of each column of a row-major matrix, like {@code numpy.var(x, axis=0)}:
     * {@code result[j]} is {@link #variance(double[])} of column {@code j}, as accurate and with the
     * same edge cases per column (a NaN or an infinity makes its column NaN), but computed by
     * streaming the rows once per pass instead of copying columns.
     *
     * @param rows the matrix, one array per row, all of the same length
     * @return one variance per column; an empty array when there are no rows
     * @throws NullPointerException     if {@code rows} or a row is null
     * @throws IllegalArgumentException if the rows differ in length (the message names the row)
     */
    public static double[] columnVariance(double[][] rows) {
        return ColumnMoments.variance(rows, 0);
    }

    /**
     * Sample variance of each column, like {@code numpy.var(x, axis=0, ddof=1)}; NaN in every column
     * for a single row. See {@link #columnVariance(double[][])}.
     */
    public static double[] columnSampleVariance(double[][] rows) {
        return ColumnMoments.variance(rows, 1);
    }

    /** Population variance of each column of float rows, computed in double; see {@link #columnVariance(double[][])}. */
    public static float[] columnVariance(float[][] rows) {
        return ColumnMoments.variance(rows, 0);
    }

    /** Sample variance of each column of float rows, computed in double; see {@link #columnSampleVariance(double[][])}. */
    public static float[] columnSampleVariance(float[][] rows) {
        return ColumnMoments.variance(rows, 1);
    }

    // ------------------------------------------------------------------------------------ norm

    /**
     * The Euclidean norm {@code sqrt(Σ x_i²)} without overflow or underflow, like LAPACK's {@code
     * dnrm2} (Blue's algorithm) and {@code numpy.linalg.norm}: the stable form of {@code
     * Math.sqrt(sum of x*x)}, whose squares overflow above about 1.3e154 and underflow below about
     * 1.5e-154. The norm of {@code [3e200, 4e200]} is {@code 5e200}, of {@code [3e-200, 4e-200]} is
     * {@code 5e-200}. Accurate to a relative {@code (n/2 + 1)·2^-53} at worst.
     *
     * <p>Edge cases (as {@code numpy.linalg.norm}): empty → 0; any NaN → NaN; otherwise any infinity
     * → {@code +Infinity}. ({@link Math#hypot} differs: there an infinity wins over a NaN.)
     *
     * @throws NullPointerException if {@code x} is null
     */
    public static double norm2(double[] x) {
        Objects.requireNonNull(x, "x");
        return EuclideanNorm.of(x, 0, x.length);
    }

    /**
     * The Euclidean norm of {@code x[offset .. offset+length)}; see {@link #norm2(double[])}.
     *
     * @throws IndexOutOfBoundsException if the range lies outside {@code x}
     */
    public static double norm2(double[] x, int offset, int length) {
        SliceBounds.check(offset, length, x.length);
        return EuclideanNorm.of(x, offset, length);
    }

    /**
     * The Euclidean norm of float values, computed in double (where float squares can neither
     * overflow nor underflow) and rounded once to float; edge cases as {@link #norm2(double[])}.
     */
    public static float norm2(float[] x) {
        Objects.requireNonNull(x, "x");
        return (float) EuclideanNorm.of(x, 0, x.length);
    }

    /**
     * The Euclidean norm of {@code x[offset .. offset+length)} of float values; see {@link #norm2(float[])}.
     *
     * @throws IndexOutOfBoundsException if the range lies outside {@code x}
     */
    public static float norm2(float[] x, int offset, int length) {
        SliceBounds.check(offset, length, x.length);
        return (float) EuclideanNorm.of(x, offset, length);
    }

    /**
     * The Euclidean norm of {@code value(e)} over the elements {@code e} of {@code elements}, in their
     * iteration order: the stable form of a loop {@code for (T e : elements) s += v * v;} followed by
     * {@code Math.sqrt(s)}, for values held in a collection ({@code map.values()}, boxed numbers,
     * entries, objects with a getter). The values are read once each into a buffer and the norm
     * taken as {@link #norm2(double[])} does; edge cases as there (no elements → 0).
     *
     * @throws NullPointerException if an argument is null, or {@code value} throws it for an element
     */
    public static <T> double norm2(Iterable<T> elements, java.util.function.ToDoubleFunction<? super T> value) {
        Objects.requireNonNull(elements, "elements");
        Objects.requireNonNull(value, "value");
        double[] buffer = new double[16];
        int n = 0;
        for (T element : elements) {
            if (n == buffer.length) {
                buffer = java.util.Arrays.copyOf(buffer, 2 * n);
            }
            buffer[n++] = value.applyAsDouble(element);
        }
        return EuclideanNorm.of(buffer, 0, n);
    }

    /**
     * The Euclidean norm of {@code element(0), …, element(length − 1)}: the stable form of
     * {@code Math.sqrt(v.getLengthSquared())} for a vector object read element by element
     * ({@code Statistics.norm2(v.size(), v::get)}). The values are read once each, in order, and the
     * norm taken as {@link #norm2(double[])} does; edge cases as there ({@code length} 0 → 0).
     *
     * @throws IllegalArgumentException if {@code length} is negative
     * @throws NullPointerException if {@code element} is null
     */
    public static double norm2(int length, java.util.function.IntToDoubleFunction element) {
        if (length < 0) {
            throw new IllegalArgumentException("length must not be negative, got " + length);
        }
        Objects.requireNonNull(element, "element");
        double[] values = new double[length];
        for (int i = 0; i < length; i++) {
            values[i] = element.applyAsDouble(i);
        }
        return EuclideanNorm.of(values, 0, length);
    }

    // ------------------------------------------------------------------------------ layer norm

    /**
     * Layer normalisation without affine parameters, as {@code torch.nn.functional.layer_norm(x,
     * x.shape)}: {@code (x − mean) / sqrt(variance + eps)} with the population variance.
     *
     * @param eps added to the variance; finite and {@code >= 0} (PyTorch's default is 1e-5). With
     *     {@code eps = 0} a constant input gives NaN (0/0), as in PyTorch.
     * @return a new array; empty for empty input; all NaN if any value is NaN or infinite
     * @throws IllegalArgumentException if {@code eps} is negative, infinite or NaN
     */
    public static double[] layerNorm(double[] x, double eps) {
        Objects.requireNonNull(x, "x");
        double[] out = new double[x.length];
        layerNorm(x, 0, x.length, eps, out, 0);
        return out;
    }

    /**
     * Layer normalisation of {@code x} into {@code out}, which may be {@code x} itself.
     *
     * @return {@code out}
     * @throws IllegalArgumentException if the lengths differ or {@code eps} is invalid
     */
    public static double[] layerNorm(double[] x, double eps, double[] out) {
        Objects.requireNonNull(x, "x");
        Objects.requireNonNull(out, "out");
        Half.requireSameLength(x.length, out.length);
        layerNorm(x, 0, x.length, eps, out, 0);
        return out;
    }

    /**
     * Layer normalisation of one row {@code x[offset .. offset+length)} into
     * {@code out[outOffset .. outOffset+length)}; {@code out} may be {@code x} when
     * {@code outOffset == offset} (in place).
     *
     * @throws IndexOutOfBoundsException if a range lies outside its array
     * @throws IllegalArgumentException  if {@code eps} is negative, infinite or NaN
     */
    public static void layerNorm(double[] x, int offset, int length, double eps, double[] out, int outOffset) {
        SliceBounds.check(offset, length, x.length);
        SliceBounds.check(outOffset, length, out.length);
        requireValidEps(eps);
        if (length == 0) {
            return;
        }
        double sum = scaledSum(x, offset, length, 1.0);
        double factor = 1.0;
        int scaleExponent = 0;
        if (!Double.isFinite(sum)) {
            if (nonFiniteSum(x, offset, length) != 0) {
                java.util.Arrays.fill(out, outOffset, outOffset + length, Double.NaN);
                return;
            }
            scaleExponent = unitScaleExponent(x, offset, length);
            factor = Math.scalb(1.0, -scaleExponent);
            sum = scaledSum(x, offset, length, factor);
        }
        double mean = sum / length;
        double[] moments = new double[2];
        centeredMoments(x, offset, length, factor, mean, moments);
        if (!(moments[1] >= UNDERFLOW_RISK && moments[1] <= Double.MAX_VALUE) && factor == 1.0) {
            scaleExponent = unitScaleExponent(x, offset, length);
            factor = Math.scalb(1.0, -scaleExponent);
            mean = scaledSum(x, offset, length, factor) / length;
            centeredMoments(x, offset, length, factor, mean, moments);
        }
        // The mean is a double; the rest of it, Σd/n, is subtracted from each deviation so that
        // the outputs are accurate even when the mean is large next to the spread (1e8 + noise).
        double meanRemainder = moments[0] / length;
        // Work in the scaled units of the data: out = (x·2^-k − mean_s) / (sqrt(var + eps)·2^-k).
        double scaledVariance = moments[1] / length;
        double scaledEps = Math.scalb(eps, -2 * scaleExponent);
        double deviationScale;
        if (Double.isFinite(scaledEps)) {
            deviationScale = Math.sqrt(scaledVariance + scaledEps);
        } else {
            // eps exceeds the (tiny) variance by more than 2^1000: the variance is negligible, and
            // sqrt(eps)·2^-k is what remains (it may overflow, making the outputs underflow to 0).
            deviationScale = Math.scalb(Math.sqrt(eps), -scaleExponent);
        }
        for (int i = 0; i < length; i++) {
            out[outOffset + i] = ((x[offset + i] * factor - mean) - meanRemainder) / deviationScale;
        }
    }

    /**
     * Layer normalisation of float values, computed in double and rounded once per element.
     *
     * @see #layerNorm(double[], double)
     */
    public static float[] layerNorm(float[] x, float eps) {
        Objects.requireNonNull(x, "x");
        float[] out = new float[x.length];
        layerNorm(x, 0, x.length, eps, out, 0);
        return out;
    }

    /**
     * Layer normalisation of float values into {@code out}, which may be {@code x} itself.
     *
     * @return {@code out}
     * @throws IllegalArgumentException if the lengths differ or {@code eps} is invalid
     */
    public static float[] layerNorm(float[] x, float eps, float[] out) {
        Objects.requireNonNull(x, "x");
        Objects.requireNonNull(out, "out");
        Half.requireSameLength(x.length, out.length);
        layerNorm(x, 0, x.length, eps, out, 0);
        return out;
    }

    /**
     * Layer normalisation of one float row into {@code out}; see
     * {@link #layerNorm(double[], int, int, double, double[], int)}.
     */
    public static void layerNorm(float[] x, int offset, int length, float eps, float[] out, int outOffset) {
        SliceBounds.check(offset, length, x.length);
        SliceBounds.check(outOffset, length, out.length);
        requireValidEps(eps);
        if (length == 0) {
            return;
        }
        double sum = floatSum(x, offset, length);
        if (!Double.isFinite(sum)) {
            java.util.Arrays.fill(out, outOffset, outOffset + length, Float.NaN);
            return;
        }
        double mean = sum / length;
        double deviationScale = Math.sqrt(floatCenteredSumOfSquares(x, offset, length, mean) / length + eps);
        // A double reciprocal product (within 2^-52 of the quotient: the float result differs from
        // the rounded quotient only at a near-tie) instead of a division per element; four floats
        // widened before the arithmetic, as in floatCenteredSumOfSquares.
        double inverse = 1.0 / deviationScale;
        int i = 0;
        for (; i + 3 < length; i += 4) {
            double d0 = x[offset + i] - mean;
            double d1 = x[offset + i + 1] - mean;
            double d2 = x[offset + i + 2] - mean;
            double d3 = x[offset + i + 3] - mean;
            out[outOffset + i] = (float) (d0 * inverse);
            out[outOffset + i + 1] = (float) (d1 * inverse);
            out[outOffset + i + 2] = (float) (d2 * inverse);
            out[outOffset + i + 3] = (float) (d3 * inverse);
        }
        for (; i < length; i++) {
            out[outOffset + i] = (float) ((x[offset + i] - mean) * inverse);
        }
    }

    // ------------------------------------------------------------------------------- internals

    private static double[] widen(float[] x, String name) {
        Objects.requireNonNull(x, name);
        double[] wide = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            wide[i] = x[i];
        }
        return wide;
    }

    /** Compensated sum of a range; non-finite if any value is or if the sum overflows. */
    static double compensatedSum(double[] x, int offset, int length) {
        return scaledSum(x, offset, length, 1.0);
    }

    /** {@code Σ(x − mean)} of a range: what the rounded mean leaves over, times n. */
    static double deviationSum(double[] x, int offset, int length, double mean) {
        double sum = 0;
        for (int i = offset, end = offset + length; i < end; i++) {
            sum += x[i] - mean;
        }
        return sum;
    }

    /** Corrected two-pass {@code Σ(x − mean)²} of a range around a mean computed from it. */
    static double sumOfSquaredDeviations(double[] x, int offset, int length, double mean) {
        return centeredSumOfSquares(x, offset, length, 1.0, mean);
    }

    private static double dispersion(double[] x, int offset, int length, int ddof, boolean root) {
        SliceBounds.check(offset, length, x.length);
        if (length <= 1) {
            // NaN when empty, for ddof = 1, and for a lone NaN or infinity; otherwise 0
            return length == 0 || length == ddof || !Double.isFinite(x[offset]) ? Double.NaN : 0.0;
        }
        if (length == ddof) {
            return Double.NaN;
        }
        // Fast path: one pass around a sampled estimate of the mean (the pass corrects for the
        // estimate's error, or repeats itself around a better one). Non-finite values, a sum of
        // squares near overflow or underflow, fall through to the careful path below.
        double shift = shiftEstimate(x, offset, length);
        if (Double.isFinite(shift)) {
            double squares = centeredSumOfSquares(x, offset, length, 1.0, shift);
            if (squares >= UNDERFLOW_RISK && squares <= Double.MAX_VALUE) {
                double variance = squares / (length - ddof);
                return root ? Math.sqrt(variance) : variance;
            }
        }
        double sum = plainSum(x, offset, length);
        if (!Double.isFinite(sum) && nonFiniteSum(x, offset, length) != 0) {
            return Double.NaN;
        }
        // Redo on values scaled to unit size, so that neither the sum nor any square leaves the
        // range of double; the power of two comes back exactly at the end.
        int scaleExponent = unitScaleExponent(x, offset, length);
        double factor = Math.scalb(1.0, -scaleExponent);
        double mean = scaledSum(x, offset, length, factor) / length;
        double variance = centeredSumOfSquares(x, offset, length, factor, mean) / (length - ddof);
        return root ? Math.scalb(Math.sqrt(variance), scaleExponent) : Math.scalb(variance, 2 * scaleExponent);
    }

    private static double floatDispersion(float[] x, int offset, int length, int ddof, boolean root) {
        SliceBounds.check(offset, length, x.length);
        if (length == 0 || length == ddof) {
            return Double.NaN;
        }
        double shift = shiftEstimate(x, offset, length);
        if (!Double.isFinite(shift)) {
            return Double.NaN;
        }
        double squares = floatCenteredSumOfSquares(x, offset, length, shift);
        if (!(squares <= Double.MAX_VALUE)) {
            return Double.NaN; // a NaN or an infinity in the data (float squares cannot overflow double)
        }
        double variance = squares / (length - ddof);
        return root ? Math.sqrt(variance) : variance;
    }

    /** Up to this length the shift estimate is the mean of all values; above it, of a sample. */
    private static final int SHIFT_SAMPLE = 32;

    /**
     * An estimate of the mean to centre the squared deviations on: the mean of all values of a short
     * range, else of {@value #SHIFT_SAMPLE} values spread evenly over it. Its error costs nothing in
     * accuracy: the correction term removes it, and a poor estimate (off by more than half the
     * spread) makes {@link #centeredSumOfSquares} repeat its pass around the mean it measured. For
     * typical data a 32-value sample is off by about 0.18 standard deviations, far inside that.
     */
    private static double shiftEstimate(double[] x, int offset, int length) {
        if (length <= 2 * SHIFT_SAMPLE) {
            return plainSum(x, offset, length) / length;
        }
        long stride = length / SHIFT_SAMPLE;
        double sum = 0;
        for (int k = 0; k < SHIFT_SAMPLE; k++) {
            sum += x[(int) (offset + k * stride)];
        }
        return sum / SHIFT_SAMPLE;
    }

    private static double shiftEstimate(float[] x, int offset, int length) {
        if (length <= 2 * SHIFT_SAMPLE) {
            return floatPlainSum(x, offset, length) / length;
        }
        long stride = length / SHIFT_SAMPLE;
        double sum = 0;
        for (int k = 0; k < SHIFT_SAMPLE; k++) {
            sum += x[(int) (offset + k * stride)];
        }
        return sum / SHIFT_SAMPLE;
    }

    private static double codispersion(double[] x, double[] y, int ddof) {
        Objects.requireNonNull(x, "x");
        Objects.requireNonNull(y, "y");
        requireSameLengths(x.length, y.length);
        int length = x.length;
        if (length == 0) {
            return Double.NaN;
        }
        double sumX = scaledSum(x, 0, length, 1.0);
        double sumY = scaledSum(y, 0, length, 1.0);
        boolean finiteSums = Double.isFinite(sumX) && Double.isFinite(sumY);
        if (!finiteSums && (nonFiniteSum(x, 0, length) != 0 || nonFiniteSum(y, 0, length) != 0)) {
            return Double.NaN;
        }
        if (length == ddof) {
            return Double.NaN;
        }
        if (finiteSums) {
            double products = centeredSumOfProducts(x, 1.0, sumX / length, y, 1.0, sumY / length);
            double magnitude = Math.abs(products);
            if (magnitude >= UNDERFLOW_RISK && magnitude <= Double.MAX_VALUE) {
                return products / (length - ddof);
            }
        }
        int scaleX = unitScaleExponent(x, 0, length);
        int scaleY = unitScaleExponent(y, 0, length);
        double factorX = Math.scalb(1.0, -scaleX);
        double factorY = Math.scalb(1.0, -scaleY);
        double meanX = scaledSum(x, 0, length, factorX) / length;
        double meanY = scaledSum(y, 0, length, factorY) / length;
        double products = centeredSumOfProducts(x, factorX, meanX, y, factorY, meanY);
        return Math.scalb(products / (length - ddof), scaleX + scaleY);
    }

    private static double floatCodispersion(float[] x, float[] y, int ddof) {
        Objects.requireNonNull(x, "x");
        Objects.requireNonNull(y, "y");
        requireSameLengths(x.length, y.length);
        int length = x.length;
        if (length == 0) {
            return Double.NaN;
        }
        double sumX = floatSum(x, 0, length);
        double sumY = floatSum(y, 0, length);
        if (!Double.isFinite(sumX) || !Double.isFinite(sumY) || length == ddof) {
            return Double.NaN;
        }
        double meanX = sumX / length;
        double meanY = sumY / length;
        double sumDx = 0;
        double sumDy = 0;
        double products = 0;
        double compensation = 0;
        for (int i = 0; i < length; i++) {
            double dx = x[i] - meanX;
            double dy = y[i] - meanY;
            sumDx += dx;
            sumDy += dy;
            double product = dx * dy;
            double t = products + product;
            compensation += Math.abs(products) >= Math.abs(product) ? (products - t) + product : (product - t) + products;
            products = t;
        }
        return (products + compensation - sumDx * sumDy / length) / (length - ddof);
    }

    /**
     * Neumaier-compensated sum of {@code x[i] * factor} in two independent lanes (which lets the
     * processor overlap the two dependency chains). {@code factor} is a power of two, so the
     * scaling is exact; the result is non-finite if any input is or if the sum overflows.
     */
    private static double scaledSum(double[] x, int offset, int length, double factor) {
        double sum0 = 0;
        double compensation0 = 0;
        double sum1 = 0;
        double compensation1 = 0;
        int end = offset + length;
        int i = offset;
        for (; i + 1 < end; i += 2) {
            double a = x[i] * factor;
            double t0 = sum0 + a;
            compensation0 += Math.abs(sum0) >= Math.abs(a) ? (sum0 - t0) + a : (a - t0) + sum0;
            sum0 = t0;
            double b = x[i + 1] * factor;
            double t1 = sum1 + b;
            compensation1 += Math.abs(sum1) >= Math.abs(b) ? (sum1 - t1) + b : (b - t1) + sum1;
            sum1 = t1;
        }
        if (i < end) {
            double a = x[i] * factor;
            double t0 = sum0 + a;
            compensation0 += Math.abs(sum0) >= Math.abs(a) ? (sum0 - t0) + a : (a - t0) + sum0;
            sum0 = t0;
        }
        double total = sum0 + sum1;
        double lanes = Math.abs(sum0) >= Math.abs(sum1) ? (sum0 - total) + sum1 : (sum1 - total) + sum0;
        return total + (lanes + compensation0 + compensation1);
    }

    /**
     * Plain sum in four independent lanes (the processor overlaps their dependency chains). Its
     * rounding error only shifts the mean, which {@link #centeredSumOfSquares} corrects for.
     */
    private static double plainSum(double[] x, int offset, int length) {
        double sum0 = 0;
        double sum1 = 0;
        double sum2 = 0;
        double sum3 = 0;
        int end = offset + length;
        int i = offset;
        for (; i + 3 < end; i += 4) {
            sum0 += x[i];
            sum1 += x[i + 1];
            sum2 += x[i + 2];
            sum3 += x[i + 3];
        }
        for (; i < end; i++) {
            sum0 += x[i];
        }
        return (sum0 + sum1) + (sum2 + sum3);
    }

    /** Plain double sum of float values in four lanes; non-finite only if an input is. */
    private static double floatPlainSum(float[] x, int offset, int length) {
        double sum0 = 0;
        double sum1 = 0;
        double sum2 = 0;
        double sum3 = 0;
        int end = offset + length;
        int i = offset;
        for (; i + 3 < end; i += 4) {
            sum0 += x[i];
            sum1 += x[i + 1];
            sum2 += x[i + 2];
            sum3 += x[i + 3];
        }
        for (; i < end; i++) {
            sum0 += x[i];
        }
        return (sum0 + sum1) + (sum2 + sum3);
    }

    /** Compensated double sum of float values; non-finite only if an input is. */
    private static double floatSum(float[] x, int offset, int length) {
        // Two Neumaier lanes, two floats widened at a time before the sums need them.
        double sum0 = 0;
        double compensation0 = 0;
        double sum1 = 0;
        double compensation1 = 0;
        int end = offset + length;
        int i = offset;
        for (; i + 1 < end; i += 2) {
            double a = x[i];
            double b = x[i + 1];
            double t0 = sum0 + a;
            compensation0 += Math.abs(sum0) >= Math.abs(a) ? (sum0 - t0) + a : (a - t0) + sum0;
            sum0 = t0;
            double t1 = sum1 + b;
            compensation1 += Math.abs(sum1) >= Math.abs(b) ? (sum1 - t1) + b : (b - t1) + sum1;
            sum1 = t1;
        }
        if (i < end) {
            double a = x[i];
            double t0 = sum0 + a;
            compensation0 += Math.abs(sum0) >= Math.abs(a) ? (sum0 - t0) + a : (a - t0) + sum0;
            sum0 = t0;
        }
        double total = sum0 + sum1;
        double lanes = Math.abs(sum0) >= Math.abs(sum1) ? (sum0 - total) + sum1 : (sum1 - total) + sum0;
        return total + (lanes + compensation0 + compensation1);
    }

    /**
     * {@code Σ(x·factor − mean)² − (Σ(x·factor − mean))² / n}: the centred sum of squares with the
     * two-pass correction term. The squares, all non-negative, are summed per group of eight and the
     * group sums with Fast2Sum compensation (exact whenever the running sum is at least the group,
     * which is all but the first few groups). The correction is exact to first order in the mean's
     * error; if the mean was off by more than about half the spread (a sampled estimate from
     * unluckily placed values, or a plain sum of data whose offset dwarfs its spread, like
     * 1e15 + noise), the mean is moved by {@code Σd/n} and the pass repeated, so the subtraction
     * never cancels more than half a bit.
     */
    private static double centeredSumOfSquares(double[] x, int offset, int length, double factor, double mean) {
        int end = offset + length;
        for (int refinements = 0; ; refinements++) {
            // Eight elements per iteration: the JIT keeps floating-point sums in source order (it does
            // not vectorise them), so the sums of the eight deviations and of their squares are
            // written as trees, whose additions overlap, and only the group's square sum enters the
            // compensated (Fast2Sum) total. A group's rounding error is below 1.5 ulp of that group,
            // so together they shift the non-negative total by at most 1.5 ulp of it, for a quarter
            // of the compensation's cost.
            double deviations0 = 0;
            double deviations1 = 0;
            double squares0 = 0;
            double compensation0 = 0;
            double squares1 = 0;
            double compensation1 = 0;
            int i = offset;
            for (; i + 7 < end; i += 8) {
                double d0 = x[i] * factor - mean;
                double d1 = x[i + 1] * factor - mean;
                double d2 = x[i + 2] * factor - mean;
                double d3 = x[i + 3] * factor - mean;
                double d4 = x[i + 4] * factor - mean;
                double d5 = x[i + 5] * factor - mean;
                double d6 = x[i + 6] * factor - mean;
                double d7 = x[i + 7] * factor - mean;
                deviations0 += (d0 + d1) + (d2 + d3);
                deviations1 += (d4 + d5) + (d6 + d7);
                double p = ((d0 * d0 + d1 * d1) + (d2 * d2 + d3 * d3)) + ((d4 * d4 + d5 * d5) + (d6 * d6 + d7 * d7));
                double t0 = squares0 + p;
                compensation0 += (squares0 - t0) + p;
                squares0 = t0;
            }
            for (; i < end; i++) {
                double d0 = x[i] * factor - mean;
                deviations1 += d0;
                double p1 = d0 * d0;
                double t1 = squares1 + p1;
                compensation1 += squares1 >= p1 ? (squares1 - t1) + p1 : (p1 - t1) + squares1;
                squares1 = t1;
            }
            double deviations = deviations0 + deviations1;
            double squaresHi = squares0 + squares1;
            double lanes = squares0 >= squares1 ? (squares0 - squaresHi) + squares1 : (squares1 - squaresHi) + squares0;
            double squares = squaresHi + (lanes + compensation0 + compensation1);
            double shift = deviations / length;
            double removed = deviations * shift;
            if (refinements < 2 && removed > squares * 0x1p-2 && removed <= Double.MAX_VALUE) {
                mean += shift;
                continue;
            }
            double corrected = squares - removed;
            // Rounding can push the corrected sum a hair below zero for (nearly) constant data.
            return corrected > 0 ? corrected : (corrected == corrected ? 0.0 : corrected);
        }
    }

    /**
     * Fills {@code moments} with {@code Σd} and the corrected {@code Σd² − (Σd)²/n}, where
     * {@code d = x·factor − mean}; the squares are summed with compensation.
     */
    private static void centeredMoments(double[] x, int offset, int length, double factor, double mean,
            double[] moments) {
        double deviations = 0;
        double squares = 0;
        double compensation = 0;
        for (int i = offset, end = offset + length; i < end; i++) {
            double d = x[i] * factor - mean;
            deviations += d;
            double p = d * d;
            double t = squares + p;
            compensation += squares >= p ? (squares - t) + p : (p - t) + squares;
            squares = t;
        }
        double corrected = squares + compensation - deviations * deviations / length;
        moments[0] = deviations;
        moments[1] = corrected > 0 ? corrected : (corrected == corrected ? 0.0 : corrected);
    }

    /**
     * The float counterpart of {@link #centeredSumOfSquares}: in double, where float data's squares
     * and sums carry 29 spare bits, so plain two-lane sums suffice; the same mean refinement.
     */
    private static double floatCenteredSumOfSquares(float[] x, int offset, int length, double mean) {
        int end = offset + length;
        for (int refinements = 0; ; refinements++) {
            double deviations0 = 0;
            double deviations1 = 0;
            double squares0 = 0;
            double squares1 = 0;
            double squares2 = 0;
            double squares3 = 0;
            int i = offset;
            // Eight floats are widened at the top of the iteration, before any arithmetic: widening
            // (cvtss2sd) keeps a false dependency on its destination register, and spread among the
            // sums it chained the iterations together.
            for (; i + 7 < end; i += 8) {
                double d0 = x[i] - mean;
                double d1 = x[i + 1] - mean;
                double d2 = x[i + 2] - mean;
                double d3 = x[i + 3] - mean;
                double d4 = x[i + 4] - mean;
                double d5 = x[i + 5] - mean;
                double d6 = x[i + 6] - mean;
                double d7 = x[i + 7] - mean;
                deviations0 += (d0 + d1) + (d2 + d3);
                deviations1 += (d4 + d5) + (d6 + d7);
                squares0 += d0 * d0 + d4 * d4;
                squares1 += d1 * d1 + d5 * d5;
                squares2 += d2 * d2 + d6 * d6;
                squares3 += d3 * d3 + d7 * d7;
            }
            for (; i < end; i++) {
                double d0 = x[i] - mean;
                deviations0 += d0;
                squares0 += d0 * d0;
            }
            double deviations = deviations0 + deviations1;
            double squares = (squares0 + squares1) + (squares2 + squares3);
            double shift = deviations / length;
            double removed = deviations * shift;
            if (refinements < 2 && removed > squares * 0x1p-2) {
                mean += shift;
                continue;
            }
            double corrected = squares - removed;
            return corrected > 0 ? corrected : (corrected == corrected ? 0.0 : corrected); // NaN stays
        }
    }

    private static double centeredSumOfProducts(double[] x, double factorX, double meanX,
            double[] y, double factorY, double meanY) {
        int length = x.length;
        double sumDx = 0;
        double sumDy = 0;
        double products = 0;
        double compensation = 0;
        for (int i = 0; i < length; i++) {
            double dx = x[i] * factorX - meanX;
            double dy = y[i] * factorY - meanY;
            sumDx += dx;
            sumDy += dy;
            double product = dx * dy;
            double t = products + product;
            compensation += Math.abs(products) >= Math.abs(product) ? (products - t) + product : (product - t) + products;
            products = t;
        }
        return products + compensation - sumDx * sumDy / length;
    }

    /**
     * The IEEE sum of a range known to hold a non-finite value or to overflow: NaN if any value is
     * NaN or both infinities occur, the infinity if one sign of infinity occurs, and 0 if every
     * value is finite (the sum merely overflowed).
     */
    private static double nonFiniteSum(double[] x, int offset, int length) {
        boolean positive = false;
        boolean negative = false;
        for (int i = offset, end = offset + length; i < end; i++) {
            double v = x[i];
            if (v != v) {
                return Double.NaN;
            }
            positive |= v == Double.POSITIVE_INFINITY;
            negative |= v == Double.NEGATIVE_INFINITY;
        }
        if (positive && negative) {
            return Double.NaN;
        }
        return positive ? Double.POSITIVE_INFINITY : negative ? Double.NEGATIVE_INFINITY : 0.0;
    }

    private static double nonFiniteSum(float[] x, int offset, int length) {
        boolean positive = false;
        boolean negative = false;
        for (int i = offset, end = offset + length; i < end; i++) {
            float v = x[i];
            if (v != v) {
                return Double.NaN;
            }
            positive |= v == Float.POSITIVE_INFINITY;
            negative |= v == Float.NEGATIVE_INFINITY;
        }
        if (positive && negative) {
            return Double.NaN;
        }
        return positive ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
    }

    /**
     * The exponent k with {@code max|x| · 2^-k} in [1, 2): dividing by 2^k brings the data to unit
     * size. Capped at the smallest normal exponent so that 2^-k is a double; all-zero data gives 0.
     */
    private static int unitScaleExponent(double[] x, int offset, int length) {
        double largest = 0;
        for (int i = offset, end = offset + length; i < end; i++) {
            largest = Math.max(largest, Math.abs(x[i]));
        }
        return largest == 0 ? 0 : Math.max(Math.getExponent(largest), Double.MIN_EXPONENT);
    }

    private static void requireValidEps(double eps) {
        if (!(eps >= 0 && eps <= Double.MAX_VALUE)) {
            throw new IllegalArgumentException("eps must be finite and >= 0, got " + eps);
        }
    }

    private static void requireSameLengths(int xLength, int yLength) {
        if (xLength != yLength) {
            throw new IllegalArgumentException("x has " + xLength + " values but y has " + yLength);
        }
    }
}
