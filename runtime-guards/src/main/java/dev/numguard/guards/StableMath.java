package dev.numguard.guards;

import java.util.Arrays;
import java.util.Objects;

/**
 * Numerically stable replacements for the exponential-family formulas of machine learning:
 * log-sum-exp, softmax, log-softmax, cross-entropy, sigmoid, log-sigmoid, softplus and binary
 * cross-entropy with logits.
 *
 * <p>The naive formulas overflow: {@code exp(x)} is {@code +Infinity} for {@code x > 709.78} in double
 * ({@code 88.72} in float), so {@code exp(x_i) / Σ exp(x_j)} becomes {@code Infinity/Infinity = NaN}
 * and {@code log Σ exp(x_j)} becomes {@code Infinity}. The methods here find the maximum first and
 * shift by it ({@code Σ exp(x_i − max)}), so no intermediate overflows; the term of the maximum is
 * kept out of the sum and added back through {@code log1p}, which keeps full relative accuracy when
 * the other terms are tiny. {@code logSumExp} first tries the unshifted sum in one pass and keeps
 * it when it neither overflowed nor came near underflow (the sum of positive terms is then just as
 * accurate), so the common case costs one pass like the naive loop.
 *
 * <p>The exponentials of the shifted (and the moderate unshifted) arguments are {@link ShiftedExp},
 * within 1 ulp like {@code Math.exp} but inlined by the JIT, so the elements of a row overlap.
 *
 * <p>Edge semantics follow SciPy ({@code scipy.special.logsumexp}, {@code softmax},
 * {@code log_softmax}) and PyTorch, and are stated on each method. In short: the empty log-sum-exp is
 * {@code -Infinity} and the empty softmax is empty; NaN anywhere makes every result NaN; for
 * log-sum-exp, {@code +Infinity} wins and all {@code -Infinity} gives {@code -Infinity}; softmax and
 * log-softmax of an input whose maximum is not finite ({@code +Infinity}, or all {@code -Infinity})
 * are all NaN, as in SciPy and PyTorch ({@code x − max} is then {@code Infinity − Infinity}).
 *
 * <p>{@code float} versions read floats, compute in double and round each result once to float.
 * Pass {@code double} arguments to the scalar methods: by Java's overload rules an {@code int}
 * argument ({@code sigmoid(3)}) selects the {@code float} overload.
 *
 * <p>Accuracy (checked against a 60-digit reference in the tests, u = 2^-53): log-sum-exp within
 * {@code ulp(result) + (log n + n + 2)·u} absolute (a few ulps unless the result is near zero);
 * softmax entries within {@code (3 + |x_i − max| + n)} ulps, the {@code |x_i − max|} part being the
 * rounding of the shifted argument; log-softmax and cross-entropy within {@code 1.5 ulp +
 * (log n + n + 2)·u} absolute.
 */
public final class StableMath {

    private static final double LN2 = Math.log(2.0);

    private StableMath() {
    }

    // =============================================================== log-sum-exp

    /**
     * {@code log Σ exp(x_i)}, computed without overflow or underflow.
     *
     * <p>Edge cases (as {@code scipy.special.logsumexp}): empty → {@code -Infinity}; all
     * {@code -Infinity} → {@code -Infinity}; any {@code +Infinity} (and no NaN) → {@code +Infinity};
     * any NaN → NaN. {@code logSumExp([1000, 1000]) = 1000 + ln 2}.
     *
     * @throws NullPointerException if {@code x} is null
     */
    public static double logSumExp(double[] x) {
        Objects.requireNonNull(x, "x");
        return logSumExpRange(x, 0, x.length);
    }

    /**
     * {@code log Σ exp(x_i)} over {@code x[offset .. offset+length)}; see {@link #logSumExp(double[])}.
     *
     * @throws NullPointerException      if {@code x} is null
     * @throws IndexOutOfBoundsException if the range lies outside {@code x}
     */
    public static double logSumExp(double[] x, int offset, int length) {
        Objects.requireNonNull(x, "x");
        SliceBounds.check(offset, length, x.length);
        return logSumExpRange(x, offset, offset + length);
    }

    /**
     * {@code log Σ exp(x_i)} of float values, computed in double and rounded once to float, so it
     * is right where the float formula overflows at {@code x > 88.72}. Edge cases as
     * {@link #logSumExp(double[])}.
     *
     * @throws NullPointerException if {@code x} is null
     */
    public static float logSumExp(float[] x) {
        Objects.requireNonNull(x, "x");
        return (float) logSumExpRange(x, 0, x.length);
    }

    /**
     * {@code log Σ exp(x_i)} over {@code x[offset .. offset+length)} of float values; see
     * {@link #logSumExp(float[])}.
     *
     * @throws NullPointerException      if {@code x} is null
     * @throws IndexOutOfBoundsException if the range lies outside {@code x}
     */
    public static float logSumExp(float[] x, int offset, int length) {
        Objects.requireNonNull(x, "x");
        SliceBounds.check(offset, length, x.length);
        return (float) logSumExpRange(x, offset, offset + length);
    }

    /**
     * Weighted {@code log Σ b_i·exp(x_i)}, like {@code scipy.special.logsumexp(x, b=b)}.
     *
     * <p>A negative weighted sum has no real logarithm: the result is NaN (SciPy also returns NaN,
     * with a warning); use {@link #logSumExpWithSign(double[], double[])} to get the sign. A zero
     * weighted sum gives {@code -Infinity}. A term with weight exactly {@code 0} is left out entirely,
     * even if its {@code x_i} is {@code +Infinity} or NaN (SciPy masks such terms the same way).
     * Other edge cases as {@link #logSumExpWithSign(double[], double[])}.
     *
     * @throws NullPointerException     if an argument is null
     * @throws IllegalArgumentException if the lengths differ
     */
    public static double logSumExp(double[] x, double[] b) {
        SignedLogSum result = logSumExpWithSign(x, b);
        return result.sign() < 0 ? Double.NaN : result.logAbs();
    }

    /**
     * Weighted log-sum-exp with the sign of the sum, like
     * {@code scipy.special.logsumexp(x, b=b, return_sign=True)}: {@code Σ b_i·exp(x_i) =
     * sign · exp(logAbs)}.
     *
     * <p>Edge cases: terms with {@code b_i == 0} are left out (even if {@code x_i} is infinite or
     * NaN). Among the remaining terms: none, or all {@code x_i = -Infinity} → {@code (-Infinity, 0)};
     * an exactly cancelling sum → {@code (-Infinity, 0)}; NaN in {@code x} or {@code b} → {@code (NaN,
     * NaN)}; if some {@code x_i = +Infinity}, those terms alone decide: all their weights positive →
     * {@code (+Infinity, 1)}, all negative → {@code (+Infinity, -1)}, both → {@code (NaN, NaN)}; an
     * infinite weight gives {@code (+Infinity, ±1)}.
     *
     * @throws NullPointerException     if an argument is null
     * @throws IllegalArgumentException if the lengths differ
     */
    public static SignedLogSum logSumExpWithSign(double[] x, double[] b) {
        Objects.requireNonNull(x, "x");
        Objects.requireNonNull(b, "b");
        if (x.length != b.length) {
            throw new IllegalArgumentException(
                    "x and b must have the same length, got " + x.length + " and " + b.length);
        }
        double max = Double.NEGATIVE_INFINITY;
        boolean sawNaN = false;
        boolean positiveAtInfinity = false;
        boolean negativeAtInfinity = false;
        for (int i = 0; i < x.length; i++) {
            double w = b[i];
            if (w == 0.0) {
                continue;
            }
            double v = x[i];
            if (Double.isNaN(v) || Double.isNaN(w)) {
                sawNaN = true;
            } else if (v > max) {
                max = v;
            }
            if (v == Double.POSITIVE_INFINITY) {
                if (w > 0) {
                    positiveAtInfinity = true;
                } else {
                    negativeAtInfinity = true;
                }
            }
        }
        if (sawNaN || (positiveAtInfinity && negativeAtInfinity)) {
            return new SignedLogSum(Double.NaN, Double.NaN);
        }
        if (max == Double.POSITIVE_INFINITY) {
            return new SignedLogSum(Double.POSITIVE_INFINITY, positiveAtInfinity ? 1.0 : -1.0);
        }
        if (max == Double.NEGATIVE_INFINITY) {
            return new SignedLogSum(Double.NEGATIVE_INFINITY, 0.0);
        }
        // Compensated sum: terms of both signs may cancel, and the compensation keeps the part of a
        // tiny total that plain addition would round away next to the leading term.
        double s = 0.0;
        double c = 0.0;
        for (int i = 0; i < x.length; i++) {
            double w = b[i];
            if (w == 0.0) {
                continue;
            }
            double term = w * ShiftedExp.exp(x[i] - max);
            double t = s + term;
            double tt = t - s;
            c += (s - (t - tt)) + (term - tt);
            s = t;
        }
        if (Double.isNaN(s)) {
            return new SignedLogSum(Double.NaN, Double.NaN);
        }
        if (Double.isInfinite(s)) {
            return new SignedLogSum(Double.POSITIVE_INFINITY, Math.signum(s));
        }
        double total = s + c;
        if (total == 0.0) {
            return new SignedLogSum(Double.NEGATIVE_INFINITY, 0.0);
        }
        double logAbs;
        if (s != 0.0 && Math.abs(c) <= 0.5 * Math.abs(s)) {
            // log|s + c| = log|s| + log1p(c/s) keeps the digits of c that s + c would round off.
            logAbs = max + (Math.log(Math.abs(s)) + Math.log1p(c / s));
        } else {
            logAbs = max + Math.log(Math.abs(total)); // s cancelled away; c carries the total
        }
        return new SignedLogSum(logAbs, Math.signum(total));
    }

    /**
     * {@code log(exp(a) + exp(b))}, like {@code numpy.logaddexp}: exact at the edges —
     * {@code logAddExp(-Infinity, -Infinity) = -Infinity}, {@code logAddExp(+Infinity, y) = +Infinity}
     * for any non-NaN {@code y}, NaN if either is NaN, {@code logAddExp(a, a) = a + ln 2}.
     */
    public static double logAddExp(double a, double b) {
        if (a == b) {
            return a + LN2;
        }
        double d = a - b;
        if (d > 0) {
            return a + Math.log1p(Math.exp(-d));
        }
        if (d <= 0) {
            return b + Math.log1p(Math.exp(d));
        }
        return d; // NaN
    }

    /** Float version of {@link #logAddExp(double, double)}, computed in double. */
    public static float logAddExp(float a, float b) {
        return (float) logAddExp((double) a, (double) b);
    }

    /**
     * {@code log(exp(a) - exp(b))}, the difference of two numbers held as their logarithms, computed as
     * {@code a + log(-expm1(b - a))}, which neither overflows nor underflows where the difference is
     * representable as a logarithm and keeps its digits where {@code exp(a)} and {@code exp(b)} nearly
     * cancel. Edges as the linear-space expression: {@code logSubExp(a, -Infinity) = a},
     * {@code logSubExp(a, a) = -Infinity} (a difference of exactly 0) for finite or {@code -Infinity} {@code a},
     * {@code logSubExp(+Infinity, +Infinity)} and {@code logSubExp(a, b)} for {@code b > a} (a negative
     * difference) NaN, NaN if either is NaN.
     */
    public static double logSubExp(double a, double b) {
        if (a == b) {
            return a == Double.POSITIVE_INFINITY ? Double.NaN : Double.NEGATIVE_INFINITY;
        }
        if (b == Double.NEGATIVE_INFINITY) {
            return a;
        }
        if (b > a) {
            return Double.NaN;
        }
        return a + Math.log(-Math.expm1(b - a)); // NaN propagates through b - a
    }

    /**
     * {@code log(exp(a) + c)} for a number {@code a} held as its logarithm and a plain number {@code c} of
     * either sign: {@link #logAddExp(double, double) logAddExp(a, log(c))} for {@code c > 0},
     * {@link #logSubExp(double, double) logSubExp(a, log(-c))} for {@code c < 0}, {@code a} for
     * {@code c = 0}. It is finite wherever the linear-space expression has a finite logarithm, even where
     * {@code exp(a)} over- or underflows; NaN where {@code exp(a) + c} is negative, or either is NaN.
     */
    public static double logAddExpLinear(double a, double c) {
        if (c > 0) {
            return logAddExp(a, Math.log(c));
        }
        if (c < 0) {
            return logSubExp(a, Math.log(-c));
        }
        return c == 0 ? a : Double.NaN;
    }

    /** Float version of {@link #logSubExp(double, double)}, computed in double. */
    public static float logSubExp(float a, float b) {
        return (float) logSubExp((double) a, (double) b);
    }

    // =============================================================== softmax and log-softmax

    /**
     * {@code softmax(x)_i = exp(x_i) / Σ exp(x_j)} in a new array, computed as
     * {@code exp(x_i − max) / Σ exp(x_j − max)}.
     *
     * <p>Edge cases (as SciPy and PyTorch): empty → empty; {@code -Infinity} entries get {@code 0};
     * any NaN, any {@code +Infinity}, or all {@code -Infinity} → every entry NaN.
     * {@code softmax([1000, 1001, 1002]) = softmax([0, 1, 2])}.
     *
     * @throws NullPointerException if {@code x} is null
     */
    public static double[] softmax(double[] x) {
        Objects.requireNonNull(x, "x");
        return softmax(x, new double[x.length]);
    }

    /**
     * {@link #softmax(double[])} written into {@code out}, which may be {@code x} itself (in place).
     *
     * @return {@code out}
     * @throws NullPointerException     if an argument is null
     * @throws IllegalArgumentException if the lengths differ
     */
    public static double[] softmax(double[] x, double[] out) {
        Objects.requireNonNull(x, "x");
        Objects.requireNonNull(out, "out");
        requireSameLength(x.length, out.length);
        int n = x.length;
        if (n == 0) {
            return out;
        }
        // A branch that is almost never taken is cheaper than Math.max. A NaN is skipped here
        // unless it is x[0]; it then makes exp, the sum and every entry NaN in the pass below.
        double max = x[0];
        for (int i = 1; i < n; i++) {
            double v = x[i];
            if (v > max) {
                max = v;
            }
        }
        if (!Double.isFinite(max)) {
            Arrays.fill(out, Double.NaN);
            return out;
        }
        double sum = 0.0;
        for (int i = 0; i < n; i++) {
            double e = ShiftedExp.exp(x[i] - max);
            out[i] = e;
            sum += e;
        }
        for (int i = 0; i < n; i++) {
            out[i] /= sum; // a division rather than a reciprocal product: one rounding, not two
        }
        return out;
    }

    /**
     * Float softmax in a new array; exponentials and the sum in double. Edge cases as
     * {@link #softmax(double[])}.
     *
     * @throws NullPointerException if {@code x} is null
     */
    public static float[] softmax(float[] x) {
        Objects.requireNonNull(x, "x");
        return softmax(x, new float[x.length]);
    }

    /**
     * Float softmax written into {@code out}, which may be {@code x} itself.
     *
     * @return {@code out}
     * @throws NullPointerException     if an argument is null
     * @throws IllegalArgumentException if the lengths differ
     */
    public static float[] softmax(float[] x, float[] out) {
        Objects.requireNonNull(x, "x");
        Objects.requireNonNull(out, "out");
        requireSameLength(x.length, out.length);
        int n = x.length;
        if (n == 0) {
            return out;
        }
        // A branch that is almost never taken is cheaper than Math.max. A NaN is skipped here
        // unless it is x[0]; it then makes exp, the sum and every entry NaN in the pass below.
        float max = x[0];
        for (int i = 1; i < n; i++) {
            float v = x[i];
            if (v > max) {
                max = v;
            }
        }
        if (!Double.isFinite(max)) {
            Arrays.fill(out, Float.NaN);
            return out;
        }
        // Four floats are widened before any exponential starts: widened one at a time inside the
        // loop, each conversion waited for the previous element's exponential (the x86 instruction
        // keeps a false dependency on its destination register), which doubled the time per element.
        double sum0 = 0.0;
        double sum1 = 0.0;
        int i = 0;
        for (; i + 3 < n; i += 4) {
            double d0 = (double) x[i] - max;
            double d1 = (double) x[i + 1] - max;
            double d2 = (double) x[i + 2] - max;
            double d3 = (double) x[i + 3] - max;
            double e0 = ShiftedExp.expToFloatPrecision(d0);
            double e1 = ShiftedExp.expToFloatPrecision(d1);
            double e2 = ShiftedExp.expToFloatPrecision(d2);
            double e3 = ShiftedExp.expToFloatPrecision(d3);
            out[i] = (float) e0;
            out[i + 1] = (float) e1;
            out[i + 2] = (float) e2;
            out[i + 3] = (float) e3;
            sum0 += e0 + e1;
            sum1 += e2 + e3;
        }
        for (; i < n; i++) {
            double e = ShiftedExp.expToFloatPrecision((double) x[i] - max);
            out[i] = (float) e;
            sum0 += e;
        }
        double sum = sum0 + sum1;
        // A double reciprocal product instead of a double division per element: the double result
        // is within 2^-52 of the quotient, so after rounding to float it differs from the rounded
        // quotient only at a near-tie (and then by one float ulp), while the loop runs several
        // times faster than one of divisions.
        double scale = 1.0 / sum;
        for (i = 0; i < n; i++) {
            out[i] = (float) (out[i] * scale);
        }
        return out;
    }

    /**
     * {@code logSoftmax(x)_i = x_i − log Σ exp(x_j)} in a new array, computed as
     * {@code (x_i − max) − log1p(Σ_{j≠argmax} exp(x_j − max))}; both parts are ≤ 0, so nothing cancels
     * and each entry is accurate to a few ulps.
     *
     * <p>Edge cases (as SciPy and PyTorch): empty → empty; {@code -Infinity} entries stay
     * {@code -Infinity}; any NaN, any {@code +Infinity}, or all {@code -Infinity} → every entry NaN.
     * {@code logSoftmax([1000, 1]) = [0, -999]}.
     *
     * @throws NullPointerException if {@code x} is null
     */
    public static double[] logSoftmax(double[] x) {
        Objects.requireNonNull(x, "x");
        return logSoftmax(x, new double[x.length]);
    }

    /**
     * {@link #logSoftmax(double[])} written into {@code out}, which may be {@code x} itself.
     *
     * @return {@code out}
     * @throws NullPointerException     if an argument is null
     * @throws IllegalArgumentException if the lengths differ
     */
    public static double[] logSoftmax(double[] x, double[] out) {
        Objects.requireNonNull(x, "x");
        Objects.requireNonNull(out, "out");
        requireSameLength(x.length, out.length);
        int n = x.length;
        if (n == 0) {
            return out;
        }
        int k = argMax(x, 0, n);
        double max = x[k];
        if (!Double.isFinite(max)) {
            Arrays.fill(out, Double.NaN);
            return out;
        }
        double logSum = Math.log1p(sumExpShifted(x, 0, k, max) + sumExpShifted(x, k + 1, n, max));
        for (int i = 0; i < n; i++) {
            out[i] = (x[i] - max) - logSum;
        }
        return out;
    }

    /**
     * Float log-softmax in a new array, computed in double. Edge cases as
     * {@link #logSoftmax(double[])}.
     *
     * @throws NullPointerException if {@code x} is null
     */
    public static float[] logSoftmax(float[] x) {
        Objects.requireNonNull(x, "x");
        return logSoftmax(x, new float[x.length]);
    }

    /**
     * Float log-softmax written into {@code out}, which may be {@code x} itself.
     *
     * @return {@code out}
     * @throws NullPointerException     if an argument is null
     * @throws IllegalArgumentException if the lengths differ
     */
    public static float[] logSoftmax(float[] x, float[] out) {
        Objects.requireNonNull(x, "x");
        Objects.requireNonNull(out, "out");
        requireSameLength(x.length, out.length);
        int n = x.length;
        if (n == 0) {
            return out;
        }
        int k = argMax(x, 0, n);
        double max = x[k];
        if (!Double.isFinite(max)) {
            Arrays.fill(out, Float.NaN);
            return out;
        }
        double logSum = Math.log1p(sumExpShifted(x, 0, k, max) + sumExpShifted(x, k + 1, n, max));
        for (int i = 0; i < n; i++) {
            out[i] = (float) ((x[i] - max) - logSum);
        }
        return out;
    }

    // =============================================================== cross-entropy

    /**
     * Cross-entropy of one sample, {@code −logSoftmax(logits)[target] = logSumExp(logits) −
     * logits[target]}, computed as {@code (max − logits[target]) + log1p(…)} (both parts ≥ 0).
     *
     * <p>Edge cases (as PyTorch): NaN anywhere, any {@code +Infinity}, or all {@code -Infinity} → NaN;
     * {@code logits[target] = -Infinity} with a finite maximum → {@code +Infinity}.
     *
     * @throws NullPointerException      if {@code logits} is null
     * @throws IndexOutOfBoundsException if {@code target} is not in {@code [0, logits.length)}
     */
    public static double crossEntropy(double[] logits, int target) {
        Objects.requireNonNull(logits, "logits");
        checkTarget(target, logits.length);
        int n = logits.length;
        int k = argMax(logits, 0, n);
        double max = logits[k];
        if (!Double.isFinite(max)) {
            return Double.NaN;
        }
        double rest = sumExpShifted(logits, 0, k, max) + sumExpShifted(logits, k + 1, n, max);
        return (max - logits[target]) + Math.log1p(rest);
    }

    /**
     * Float version of {@link #crossEntropy(double[], int)}, computed in double.
     *
     * @throws NullPointerException      if {@code logits} is null
     * @throws IndexOutOfBoundsException if {@code target} is not in {@code [0, logits.length)}
     */
    public static float crossEntropy(float[] logits, int target) {
        Objects.requireNonNull(logits, "logits");
        checkTarget(target, logits.length);
        int n = logits.length;
        int k = argMax(logits, 0, n);
        double max = logits[k];
        if (!Double.isFinite(max)) {
            return Float.NaN;
        }
        double rest = sumExpShifted(logits, 0, k, max) + sumExpShifted(logits, k + 1, n, max);
        return (float) ((max - logits[target]) + Math.log1p(rest));
    }

    /**
     * Mean cross-entropy of a batch with PyTorch's defaults: {@code F.cross_entropy(logits, targets)}
     * (no class weights, targets equal to -100 ignored, no label smoothing). See
     * {@link #crossEntropy(double[][], int[], CrossEntropyOptions)}.
     */
    public static double crossEntropy(double[][] logits, int[] targets) {
        return crossEntropy(logits, targets, CrossEntropyOptions.defaults());
    }

    /**
     * Batch cross-entropy reduced to one number, with the semantics of
     * {@code torch.nn.functional.cross_entropy(logits, targets, weight, ignore_index=…,
     * label_smoothing=…, reduction='mean'|'sum')}.
     *
     * <p>With {@code logp = logSoftmax(logits[n])}, {@code w} the class weights (all 1 when absent),
     * {@code t = targets[n]}, {@code C} classes and ε the label smoothing, each non-ignored sample
     * has {@code nll_n = −w[t]·logp[t]} and {@code smooth_n = −Σ_c w[c]·logp[c]}; ignored samples
     * ({@code t == ignoreIndex}) have both 0. Then
     * <ul>
     *   <li>SUM: {@code (1−ε)·Σ nll_n + (ε/C)·Σ smooth_n};</li>
     *   <li>MEAN: the same with both sums divided by {@code Σ w[t_n]} over non-ignored samples (their
     *       number when unweighted). All samples ignored, or an empty batch, gives {@code 0/0 = NaN},
     *       as in PyTorch.</li>
     * </ul>
     * When ε = 0 the smoothing term is not computed at all (as in PyTorch), so it cannot turn an
     * infinite non-target log-probability into NaN. Per-row edge cases as
     * {@link #crossEntropy(double[], int)}.
     *
     * @throws NullPointerException      if an argument or a row is null
     * @throws IllegalArgumentException  if the reduction is {@link Reduction#NONE} (use
     *                                   {@link #crossEntropyPerSample}), the number of targets differs
     *                                   from the number of rows, rows differ in length, or the class
     *                                   weights do not have one entry per class
     * @throws IndexOutOfBoundsException if a non-ignored target is not in {@code [0, C)}
     */
    public static double crossEntropy(double[][] logits, int[] targets, CrossEntropyOptions options) {
        Objects.requireNonNull(options, "options");
        if (options.reduction() == Reduction.NONE) {
            throw new IllegalArgumentException(
                    "reduction NONE gives one loss per sample: call crossEntropyPerSample instead");
        }
        return BatchCrossEntropy.reduce(BatchCrossEntropy.of(logits, targets, options), options);
    }

    /**
     * Float version of {@link #crossEntropy(double[][], int[], CrossEntropyOptions)}: rows are
     * processed in double and the result rounded once to float.
     */
    public static float crossEntropy(float[][] logits, int[] targets, CrossEntropyOptions options) {
        Objects.requireNonNull(options, "options");
        if (options.reduction() == Reduction.NONE) {
            throw new IllegalArgumentException(
                    "reduction NONE gives one loss per sample: call crossEntropyPerSample instead");
        }
        return (float) BatchCrossEntropy.reduce(BatchCrossEntropy.of(logits, targets, options), options);
    }

    /** Float version of {@link #crossEntropy(double[][], int[])}. */
    public static float crossEntropy(float[][] logits, int[] targets) {
        return crossEntropy(logits, targets, CrossEntropyOptions.defaults());
    }

    /**
     * Per-sample cross-entropy losses, PyTorch's {@code reduction='none'}: {@code loss_n =
     * (1−ε)·nll_n + (ε/C)·smooth_n} with the terms defined at
     * {@link #crossEntropy(double[][], int[], CrossEntropyOptions)}; ignored samples get {@code 0.0}.
     * The options' reduction is not consulted: this method always returns the unreduced losses.
     *
     * @throws NullPointerException      if an argument or a row is null
     * @throws IllegalArgumentException  as for the reducing form (except for the reduction)
     * @throws IndexOutOfBoundsException if a non-ignored target is not in {@code [0, C)}
     */
    public static double[] crossEntropyPerSample(double[][] logits, int[] targets, CrossEntropyOptions options) {
        Objects.requireNonNull(options, "options");
        return BatchCrossEntropy.perSample(BatchCrossEntropy.of(logits, targets, options), options);
    }

    /** Float version of {@link #crossEntropyPerSample(double[][], int[], CrossEntropyOptions)}. */
    public static float[] crossEntropyPerSample(float[][] logits, int[] targets, CrossEntropyOptions options) {
        Objects.requireNonNull(options, "options");
        double[] losses = BatchCrossEntropy.perSample(BatchCrossEntropy.of(logits, targets, options), options);
        float[] out = new float[losses.length];
        for (int i = 0; i < losses.length; i++) {
            out[i] = (float) losses[i];
        }
        return out;
    }

    // =============================================================== sigmoid family

    /**
     * The logistic function {@code 1 / (1 + exp(−x))}, evaluated so that neither branch overflows
     * ({@code exp(x) / (1 + exp(x))} for negative x): full relative accuracy for very negative x,
     * where {@code 1 − σ(−x)} would round to 0 too early. {@code σ(±Infinity) = 1, 0}; NaN → NaN.
     */
    public static double sigmoid(double x) {
        if (x >= 0) {
            return 1.0 / (1.0 + Math.exp(-x));
        }
        double e = Math.exp(x);
        return e / (1.0 + e);
    }

    /** Float version of {@link #sigmoid(double)}, computed in double. */
    public static float sigmoid(float x) {
        return (float) sigmoid((double) x);
    }

    /**
     * {@code log σ(x) = −softplus(−x) = min(x, 0) − log1p(exp(−|x|))}, like
     * {@code torch.nn.functional.logsigmoid}; the naive {@code log(sigmoid(x))} is {@code -Infinity}
     * for {@code x < -745}. {@code logSigmoid(+Infinity) = 0}, {@code logSigmoid(-Infinity) =
     * -Infinity}, NaN → NaN.
     */
    public static double logSigmoid(double x) {
        return Math.min(x, 0.0) - Math.log1p(Math.exp(-Math.abs(x)));
    }

    /** Float version of {@link #logSigmoid(double)}, computed in double. */
    public static float logSigmoid(float x) {
        return (float) logSigmoid((double) x);
    }

    /**
     * {@code softplus(x) = log(1 + exp(x)) = max(x, 0) + log1p(exp(−|x|))}, accurate for every x. Unlike
     * {@code torch.nn.functional.softplus} with its default {@code threshold=20} (which returns x for
     * x &gt; 20, a relative error up to 2e-9), this is never linearised. {@code softplus(+Infinity) =
     * +Infinity}, {@code softplus(-Infinity) = 0}, NaN → NaN.
     */
    public static double softplus(double x) {
        return Math.max(x, 0.0) + Math.log1p(Math.exp(-Math.abs(x)));
    }

    /** Float version of {@link #softplus(double)}, computed in double. */
    public static float softplus(float x) {
        return (float) softplus((double) x);
    }

    /** The floor of each logarithm in {@link #binaryCrossEntropy(double, double)}, as PyTorch's {@code BCELoss}. */
    public static final double BINARY_CROSS_ENTROPY_LOG_FLOOR = -100.0;

    /**
     * Binary cross-entropy of a probability {@code p} against a target {@code t}:
     * {@code −[t·log p + (1−t)·log(1−p)]} with each logarithm clamped at
     * {@value #BINARY_CROSS_ENTROPY_LOG_FLOOR}, as {@code torch.nn.BCELoss} does, and {@code log(1−p)}
     * taken as {@code log1p(−p)}. Where p came from a logit, prefer
     * {@link #binaryCrossEntropyWithLogits(double, double)}; this is for a probability of unknown origin
     * that can reach exactly 0 or 1, where the unclamped form gives {@code 0·(−Infinity) = NaN}.
     *
     * <p>Equal to the unclamped form (up to its rounding of {@code 1 − p}) wherever p and 1 − p are both
     * at least {@code e^-100 ≈ 3.7e-44}: every double p in [3.7e-44, 1 − 2^-53]. {@code p = 0} or
     * {@code p = 1} gives {@code 100·t} or {@code 100·(1−t)}, so 0 for the target the probability matches.
     * NaN → NaN; p outside [0, 1] → NaN (as the logarithms); targets outside [0, 1] are applied as is.
     */
    public static double binaryCrossEntropy(double p, double t) {
        double logP = Math.max(Math.log(p), BINARY_CROSS_ENTROPY_LOG_FLOOR);
        double logNotP = Math.max(Math.log1p(-p), BINARY_CROSS_ENTROPY_LOG_FLOOR);
        return -(t * logP + (1.0 - t) * logNotP) + 0.0; // + 0.0: a loss of zero is +0, not -0
    }

    /** {@code Math.log(Double.MIN_VALUE)}: the log of the smallest positive double, -744.44. */
    public static final double LOG_MIN_DOUBLE = Math.log(Double.MIN_VALUE);

    /** {@code Math.log(Float.MIN_VALUE)}: the log of the smallest positive float, -103.28. */
    public static final double LOG_MIN_FLOAT = Math.log(Float.MIN_VALUE);

    /**
     * The natural log of a probability that may have underflowed to 0: {@code Math.log(p)} for every
     * {@code p} except ±0, which gives {@link #LOG_MIN_DOUBLE} ({@code log 4.9e-324 = -744.44}) instead of
     * {@code -Infinity}. A probability that underflowed was below the smallest positive double, so its
     * true log is below that value: the result is an upper bound of it, not the value, and a loss
     * {@code -log p} built on it is bounded, not correct. The cure is to compute the loss from the logits
     * ({@link #crossEntropy(double[], int)}, {@link #logSoftmax(double[])}); this is for a probability
     * whose logits are out of reach, so that a confident wrong prediction gives a large finite loss and
     * {@code 0 · log p} (a non-target class) gives 0 instead of NaN.
     *
     * <p>Edge cases: NaN → NaN; p &lt; 0 → NaN (as {@code Math.log}); {@code +Infinity} → {@code +Infinity}.
     * Equal to {@code Math.log(p)} for every other input.
     */
    public static double logProbability(double p) {
        return p == 0.0 ? LOG_MIN_DOUBLE : Math.log(p);
    }

    /**
     * {@link #logProbability(double)} of a float probability: ±0 gives {@link #LOG_MIN_FLOAT}
     * ({@code log 1.4e-45 = -103.28}), the log of the smallest positive float, since a float that
     * underflowed was below that; every other input gives {@code Math.log(p)} (in double, as
     * {@code Math.log} of a float does).
     */
    public static double logProbability(float p) {
        return p == 0.0f ? LOG_MIN_FLOAT : Math.log(p);
    }

    /**
     * Binary cross-entropy of a logit {@code x} against a target probability {@code y}:
     * {@code −[y·log σ(x) + (1−y)·log(1−σ(x))]}, like
     * {@code torch.nn.functional.binary_cross_entropy_with_logits}. Computed as
     * {@code (1−y)·x + log1p(exp(−x))} for {@code x ≥ 0} and {@code −y·x + log1p(exp(x))} otherwise, so
     * nothing overflows and {@code y = 1, x = 50} still gives {@code 1.9e-22}, not 0.
     *
     * <p>Edge cases: an infinite logit gives {@code +Infinity} when its coefficient ({@code 1−y} for
     * {@code +Infinity}, {@code y} for {@code -Infinity}) is positive, and NaN when that coefficient is
     * 0 ({@code 0·Infinity}, as PyTorch); NaN → NaN. Targets outside [0, 1] are not rejected (PyTorch
     * accepts them too); the formula is applied as is.
     */
    public static double binaryCrossEntropyWithLogits(double x, double y) {
        if (x >= 0) {
            return (1.0 - y) * x + Math.log1p(Math.exp(-x));
        }
        return -y * x + Math.log1p(Math.exp(x));
    }

    /** Float version of {@link #binaryCrossEntropyWithLogits(double, double)}, computed in double. */
    public static float binaryCrossEntropyWithLogits(float x, float y) {
        return (float) binaryCrossEntropyWithLogits((double) x, (double) y);
    }

    /**
     * Mean binary cross-entropy with logits over paired arrays (PyTorch's default
     * {@code reduction='mean'}), summed with compensation. Empty arrays → NaN (the mean of nothing, as
     * PyTorch). Element edge cases as {@link #binaryCrossEntropyWithLogits(double, double)}.
     *
     * @throws NullPointerException     if an argument is null
     * @throws IllegalArgumentException if the lengths differ
     */
    public static double binaryCrossEntropyWithLogits(double[] logits, double[] targets) {
        Objects.requireNonNull(logits, "logits");
        Objects.requireNonNull(targets, "targets");
        if (logits.length != targets.length) {
            throw new IllegalArgumentException("logits and targets must have the same length, got "
                    + logits.length + " and " + targets.length);
        }
        double s = 0.0;
        double c = 0.0;
        for (int i = 0; i < logits.length; i++) {
            double term = binaryCrossEntropyWithLogits(logits[i], targets[i]);
            double t = s + term;
            double tt = t - s;
            c += (s - (t - tt)) + (term - tt);
            s = t;
        }
        double sum = Double.isFinite(s) ? s + c : s;
        return sum / logits.length;
    }

    /**
     * Float version of {@link #binaryCrossEntropyWithLogits(double[], double[])}, computed in double.
     *
     * @throws NullPointerException     if an argument is null
     * @throws IllegalArgumentException if the lengths differ
     */
    public static float binaryCrossEntropyWithLogits(float[] logits, float[] targets) {
        Objects.requireNonNull(logits, "logits");
        Objects.requireNonNull(targets, "targets");
        if (logits.length != targets.length) {
            throw new IllegalArgumentException("logits and targets must have the same length, got "
                    + logits.length + " and " + targets.length);
        }
        double s = 0.0;
        double c = 0.0;
        for (int i = 0; i < logits.length; i++) {
            double term = binaryCrossEntropyWithLogits((double) logits[i], (double) targets[i]);
            double t = s + term;
            double tt = t - s;
            c += (s - (t - tt)) + (term - tt);
            s = t;
        }
        double sum = Double.isFinite(s) ? s + c : s;
        return (float) (sum / logits.length);
    }

    // =============================================================== kernels shared in the package

    /**
     * The smallest unshifted sum {@code Σ exp(x_i)} trusted as it is (about e^-596). Above it, no term
     * lost to underflow (each below 2^-1074) or rounded on the subnormal grid can matter, for any n
     * an array can have; a finite sum means no term overflowed. Between the two the unshifted sum is
     * as accurate as the shifted one (all terms are positive) and needs neither the maximum nor a
     * subtraction per element, so the common case is a single pass over the data.
     */
    private static final double DIRECT_SUM_MIN = 0x1p-860;
    /**
     * Below this |result| the unshifted {@code log(s)} has lost the digits that {@code log1p} of the
     * non-maximal terms keeps ({@code logSumExp([0, -40]) = 4.2e-18}, not 0); recompute shifted.
     */
    private static final double SMALL_RESULT = 0.5;

    static double logSumExpRange(double[] x, int from, int to) {
        if (from == to) {
            return Double.NEGATIVE_INFINITY;
        }
        double direct = sumExp(x, from, to);
        if (direct >= DIRECT_SUM_MIN && direct <= Double.MAX_VALUE) { // NaN and +Infinity fail too
            double log = Math.log(direct);
            if (Math.abs(log) >= SMALL_RESULT) {
                return log;
            }
        }
        double max = max(x, from, to);
        if (!Double.isFinite(max)) {
            return max; // NaN propagates through Math.max; otherwise the infinity is the answer
        }
        int k = argMax(x, from, to);
        double rest = sumExpShifted(x, from, k, max) + sumExpShifted(x, k + 1, to, max);
        return max + Math.log1p(rest);
    }

    static double logSumExpRange(float[] x, int from, int to) {
        if (from == to) {
            return Double.NEGATIVE_INFINITY;
        }
        double direct = sumExp(x, from, to);
        if (direct >= DIRECT_SUM_MIN && direct <= Double.MAX_VALUE) {
            double log = Math.log(direct);
            if (Math.abs(log) >= SMALL_RESULT) {
                return log;
            }
        }
        double max = max(x, from, to);
        if (!Double.isFinite(max)) {
            return max;
        }
        int k = argMax(x, from, to);
        double rest = sumExpShifted(x, from, k, max) + sumExpShifted(x, k + 1, to, max);
        return max + Math.log1p(rest);
    }

    /** The maximum of a non-empty range; NaN if any element is NaN (Math.max propagates it). */
    static double max(double[] x, int from, int to) {
        // Four independent running maxima: one Math.max chain waits for the previous comparison
        // at every element; four overlap. Math.max is associative (NaN wins, 0.0 beats -0.0), so
        // the result equals the sequential maximum.
        double m0 = x[from];
        double m1 = m0;
        double m2 = m0;
        double m3 = m0;
        int i = from + 1;
        for (; i + 3 < to; i += 4) {
            m0 = Math.max(m0, x[i]);
            m1 = Math.max(m1, x[i + 1]);
            m2 = Math.max(m2, x[i + 2]);
            m3 = Math.max(m3, x[i + 3]);
        }
        for (; i < to; i++) {
            m0 = Math.max(m0, x[i]);
        }
        return Math.max(Math.max(m0, m1), Math.max(m2, m3));
    }

    static double max(float[] x, int from, int to) {
        float m0 = x[from];
        float m1 = m0;
        float m2 = m0;
        float m3 = m0;
        int i = from + 1;
        for (; i + 3 < to; i += 4) {
            m0 = Math.max(m0, x[i]);
            m1 = Math.max(m1, x[i + 1]);
            m2 = Math.max(m2, x[i + 2]);
            m3 = Math.max(m3, x[i + 3]);
        }
        for (; i < to; i++) {
            m0 = Math.max(m0, x[i]);
        }
        return Math.max(Math.max(m0, m1), Math.max(m2, m3));
    }

    /** Σ exp(x_i) over {@code [from, to)}, unshifted: +Infinity or 0 where the terms leave double's range. */
    private static double sumExp(double[] x, int from, int to) {
        double s = 0.0;
        for (int i = from; i < to; i++) {
            s += ShiftedExp.exp(x[i]);
        }
        return s;
    }

    private static double sumExp(float[] x, int from, int to) {
        double s = 0.0;
        for (int i = from; i < to; i++) {
            s += ShiftedExp.exp((double) x[i]);
        }
        return s;
    }

    /**
     * Index of the first maximum of {@code x[from .. to)} (non-empty). A NaN at {@code from} is
     * returned as the maximum; a NaN later is skipped here and propagates through {@code exp} in the
     * second pass (or is found by {@link #containsNaN} when the maximum is infinite).
     */
    static int argMax(double[] x, int from, int to) {
        int k = from;
        double max = x[from];
        for (int i = from + 1; i < to; i++) {
            double v = x[i];
            if (v > max) {
                max = v;
                k = i;
            }
        }
        return k;
    }

    static int argMax(float[] x, int from, int to) {
        int k = from;
        float max = x[from];
        for (int i = from + 1; i < to; i++) {
            float v = x[i];
            if (v > max) {
                max = v;
                k = i;
            }
        }
        return k;
    }

    /** Σ exp(x_i − shift) over {@code [from, to)}; two accumulators so two exps are in flight. */
    static double sumExpShifted(double[] x, int from, int to, double shift) {
        double s0 = 0.0;
        double s1 = 0.0;
        int i = from;
        for (; i + 1 < to; i += 2) {
            s0 += ShiftedExp.exp(x[i] - shift);
            s1 += ShiftedExp.exp(x[i + 1] - shift);
        }
        if (i < to) {
            s0 += ShiftedExp.exp(x[i] - shift);
        }
        return s0 + s1;
    }

    static double sumExpShifted(float[] x, int from, int to, double shift) {
        double s0 = 0.0;
        double s1 = 0.0;
        int i = from;
        for (; i + 1 < to; i += 2) {
            s0 += ShiftedExp.exp(x[i] - shift);
            s1 += ShiftedExp.exp(x[i + 1] - shift);
        }
        if (i < to) {
            s0 += ShiftedExp.exp(x[i] - shift);
        }
        return s0 + s1;
    }

    private static void requireSameLength(int inputLength, int outputLength) {
        if (inputLength != outputLength) {
            throw new IllegalArgumentException(
                    "out must have the length of x (" + inputLength + "), got " + outputLength);
        }
    }

    private static void checkTarget(int target, int classes) {
        if (target < 0 || target >= classes) {
            throw new IndexOutOfBoundsException(
                    "target " + target + " is out of range for " + classes + " classes");
        }
    }
}
