package dev.numguard.guards;

import java.util.Objects;

/**
 * Accumulates the logarithm of a product of many non-negative factors (probabilities, likelihood
 * ratios) without underflow or overflow: the replacement for {@code p *= q} in a loop followed by
 * {@code Math.log(p)}, which underflows to {@code log(0) = -Infinity} after about 324 factors of 0.1
 * in double (46 in float).
 *
 * <p>Factors are multiplied exactly as they come, not logged one by one: the running product is kept
 * as a double-double mantissa {@code (hi + lo)} times {@code 2^exponent}, with the rounding error of
 * each product captured by {@code Math.fma} (Graillat's compensated product), and renormalised by a
 * power of two whenever it leaves [2^-256, 2^256]. So {@link #log()} is accurate to a few ulps for any
 * number of factors, costs one multiplication-and-fma per factor (instead of one {@code Math.log}),
 * and also keeps full accuracy for factors close to 1, where a sum of logs would already be exact but
 * a plain product would not.
 *
 * <p>Factors already in log space can be mixed in with {@link #multiplyLog(double)}. Semantics follow
 * {@code Σ log p_i} under IEEE rules: a zero factor makes the log {@code -Infinity}; a
 * {@code +Infinity} factor (or log) makes it {@code +Infinity}; both together, or a NaN, make it NaN.
 * A negative factor is rejected: it is not a probability, and its logarithm does not exist.
 *
 * <p>Not thread-safe.
 */
public final class LogProduct {

    private static final double LOW = 0x1p-256;
    private static final double HIGH = 0x1p256;
    private static final double SQRT2 = Math.sqrt(2.0);
    /** ln 2 split as LN2_HI + LN2_LO, so that exponent·ln 2 is formed in double-double. */
    private static final double LN2_HI = Math.log(2.0);
    private static final double LN2_LO = 2.3190468138462996e-17;

    private double hi = 1.0;
    private double lo = 0.0;
    private long exponent;
    private boolean sawZero;
    private boolean sawInfinity;
    private boolean sawNaN;
    /** Compensated sum of the logs given to {@link #multiplyLog(double)}, with its plain twin. */
    private double logSum;
    private double logCompensation;
    private double logPlainSum;
    private long count;

    /** An empty product: {@link #log()} is {@code 0.0} and {@link #value()} is {@code 1.0}. */
    public LogProduct() {
    }

    /**
     * Multiplies by {@code p}.
     *
     * @throws IllegalArgumentException if {@code p} is negative (−0.0 counts as zero); the product is
     *                                  then unchanged
     */
    public LogProduct multiply(double p) {
        double v = p;
        if (!(v >= LOW && v <= HIGH)) {
            if (p < 0) {
                throw new IllegalArgumentException("factor must be non-negative, got " + p);
            }
            if (recordSpecial(v)) {
                count++;
                return this;
            }
            int k = binaryExponent(v);
            v = Math.scalb(v, -k);
            exponent += k;
        }
        double product = hi * v;
        lo = ExactProduct.fusedMultiplyAdd(lo, v, ExactProduct.error(hi, v, product));
        hi = product;
        renormalise();
        count++;
        return this;
    }

    /**
     * Multiplies by every element of {@code p}.
     *
     * @throws NullPointerException     if {@code p} is null
     * @throws IllegalArgumentException if an element is negative; the product is then unchanged
     */
    public LogProduct multiplyAll(double[] p) {
        Objects.requireNonNull(p, "p");
        return multiplyRange(p, 0, p.length);
    }

    /**
     * Multiplies by every element of {@code p[offset .. offset+length)}.
     *
     * @throws NullPointerException      if {@code p} is null
     * @throws IndexOutOfBoundsException if the range lies outside {@code p}
     * @throws IllegalArgumentException  if an element is negative; the product is then unchanged
     */
    public LogProduct multiplyAll(double[] p, int offset, int length) {
        Objects.requireNonNull(p, "p");
        SliceBounds.check(offset, length, p.length);
        return multiplyRange(p, offset, offset + length);
    }

    /**
     * Multiplies by {@code exp(logP)} without forming it: for factors that are already logarithms
     * (log-likelihoods). {@code -Infinity} is a zero factor, {@code +Infinity} an infinite one, NaN
     * makes the result NaN.
     */
    public LogProduct multiplyLog(double logP) {
        count++;
        logPlainSum += logP;
        addLog(logP);
        return this;
    }

    /** Multiplies by everything accumulated in {@code other} (which is left unchanged). */
    public LogProduct multiply(LogProduct other) {
        Objects.requireNonNull(other, "other");
        double h = hi * other.hi;
        double l = ExactProduct.error(hi, other.hi, h) + (hi * other.lo + lo * other.hi);
        hi = h;
        lo = l;
        exponent += other.exponent;
        renormalise();
        sawZero |= other.sawZero;
        sawInfinity |= other.sawInfinity;
        sawNaN |= other.sawNaN;
        count += other.count;
        logPlainSum += other.logPlainSum;
        addLog(other.logSum);
        addLog(other.logCompensation);
        return this;
    }

    /** Adds to the compensated sum of logs (Knuth's TwoSum for the error of each addition). */
    private void addLog(double logP) {
        double t = logSum + logP;
        double tt = t - logSum;
        logCompensation += (logSum - (t - tt)) + (logP - tt);
        logSum = t;
    }

    /** The number of factors multiplied in so far (by value or by log). */
    public long count() {
        return count;
    }

    /**
     * The natural logarithm of the product, accurate to a few ulps. {@code 0.0} for an empty product;
     * {@code -Infinity} if a factor was zero; {@code +Infinity} if a factor was infinite; NaN if both,
     * or if a factor was NaN.
     */
    public double log() {
        if (sawNaN || (sawZero && sawInfinity)) {
            return Double.NaN;
        }
        double productLog;
        if (sawZero) {
            productLog = Double.NEGATIVE_INFINITY;
        } else if (sawInfinity) {
            productLog = Double.POSITIVE_INFINITY;
        } else {
            productLog = mantissaLog();
        }
        if (!Double.isFinite(logPlainSum) || !Double.isFinite(productLog)) {
            return productLog + logPlainSum;
        }
        return productLog + (logSum + logCompensation);
    }

    /** The product itself, {@code exp(log())}: underflows to 0 or overflows to Infinity outside the range. */
    public double value() {
        return Math.exp(log());
    }

    /** log((hi + lo)·2^exponent) for a positive finite product. */
    private double mantissaLog() {
        // Scale the mantissa into [√½, √2) so log(m) is small and the two parts cannot cancel badly.
        int k = Math.getExponent(hi);
        double m = Math.scalb(hi, -k);
        double l = Math.scalb(lo, -k);
        long e = exponent + k;
        if (m > SQRT2) {
            m *= 0.5;
            l *= 0.5;
            e += 1;
        }
        double logMantissa = Math.log(m) + Math.log1p(l / m);
        if (e == 0) {
            return logMantissa;
        }
        double eHi = e * LN2_HI;
        double eLo = ExactProduct.error(e, LN2_HI, eHi) + e * LN2_LO;
        return eHi + (eLo + logMantissa);
    }

    private void renormalise() {
        if (!(hi >= LOW && hi <= HIGH)) {
            int k = Math.getExponent(hi);
            hi = Math.scalb(hi, -k);
            lo = Math.scalb(lo, -k);
            exponent += k;
        }
    }

    /** Sets the flag for a zero, infinite or NaN factor; false for a finite positive one. */
    private boolean recordSpecial(double v) {
        if (v != v) {
            sawNaN = true;
        } else if (v == 0.0) {
            sawZero = true;
        } else if (v == Double.POSITIVE_INFINITY) {
            sawInfinity = true;
        } else {
            return false;
        }
        return true;
    }

    /** k with v·2^-k in [1, 2), for positive finite v including subnormals. */
    private static int binaryExponent(double v) {
        return v < Double.MIN_NORMAL ? Math.getExponent(v * 0x1p54) - 54 : Math.getExponent(v);
    }

    /**
     * The multiplication loop on locals, in two independent lanes (even and odd indices) so that
     * the processor overlaps two multiply chains; the lanes are joined once at the end with a
     * compensated product. Negative factors throw before anything is written back, so a failed call
     * leaves the product unchanged.
     */
    LogProduct multiplyRange(double[] p, int from, int to) {
        double h0 = hi;
        double l0 = lo;
        double h1 = 1.0;
        double l1 = 0.0;
        long e = exponent;
        int specials = 0;
        int i = from;
        for (; i + 1 < to; i += 2) {
            double a = p[i];
            double b = p[i + 1];
            if (!(a >= LOW && a <= HIGH)) {
                // Rare: a negative, zero, NaN or infinite factor, or one so extreme that it is split
                // into mantissa and exponent first (exactly, subnormals included).
                requireNonNegative(a, i);
                int k = extremeExponent(a);
                specials |= specialBit(a);
                a = specialBit(a) != 0 ? 1.0 : Math.scalb(a, -k);
                e += k;
            }
            if (!(b >= LOW && b <= HIGH)) {
                requireNonNegative(b, i + 1);
                int k = extremeExponent(b);
                specials |= specialBit(b);
                b = specialBit(b) != 0 ? 1.0 : Math.scalb(b, -k);
                e += k;
            }
            double productA = h0 * a;
            // Compensated product: the inner fma is the exact rounding error of h·a.
            l0 = ExactProduct.fusedMultiplyAdd(l0, a, ExactProduct.error(h0, a, productA));
            h0 = productA;
            double productB = h1 * b;
            l1 = ExactProduct.fusedMultiplyAdd(l1, b, ExactProduct.error(h1, b, productB));
            h1 = productB;
            // Lanes and factors are in [2^-256, 2^256], so the products cannot leave double's range.
            if (!(h0 >= LOW && h0 <= HIGH && h1 >= LOW && h1 <= HIGH)) {
                int k0 = Math.getExponent(h0);
                h0 = Math.scalb(h0, -k0);
                l0 = Math.scalb(l0, -k0);
                int k1 = Math.getExponent(h1);
                h1 = Math.scalb(h1, -k1);
                l1 = Math.scalb(l1, -k1);
                e += k0 + k1;
            }
        }
        if (i < to) {
            double a = p[i];
            if (!(a >= LOW && a <= HIGH)) {
                requireNonNegative(a, i);
                int k = extremeExponent(a);
                specials |= specialBit(a);
                a = specialBit(a) != 0 ? 1.0 : Math.scalb(a, -k);
                e += k;
            }
            double product = h0 * a;
            l0 = ExactProduct.fusedMultiplyAdd(l0, a, ExactProduct.error(h0, a, product));
            h0 = product;
        }
        return joinLanes(h0, l0, h1, l1, e, specials, to - from);
    }

    /**
     * {@link #multiplyRange(double[], int, int)} of float factors, each exact in double, read
     * without a widened copy. Every positive finite float lies in {@code [2^-149, 2^128]}, inside
     * the range that needs no splitting, so the rare path sees only zeros, NaNs and infinities.
     */
    LogProduct multiplyRange(float[] p, int from, int to) {
        double h0 = hi;
        double l0 = lo;
        double h1 = 1.0;
        double l1 = 0.0;
        long e = exponent;
        int specials = 0;
        int i = from;
        for (; i + 1 < to; i += 2) {
            double a = p[i];
            double b = p[i + 1];
            if (!(a >= LOW && a <= HIGH)) {
                requireNonNegative(p[i], i);
                specials |= specialBit(a);
                a = 1.0;
            }
            if (!(b >= LOW && b <= HIGH)) {
                requireNonNegative(p[i + 1], i + 1);
                specials |= specialBit(b);
                b = 1.0;
            }
            double productA = h0 * a;
            l0 = ExactProduct.fusedMultiplyAdd(l0, a, ExactProduct.error(h0, a, productA));
            h0 = productA;
            double productB = h1 * b;
            l1 = ExactProduct.fusedMultiplyAdd(l1, b, ExactProduct.error(h1, b, productB));
            h1 = productB;
            // Both lanes were in [2^-256, 2^256] and a float factor is in [2^-149, 2^128], so one
            // check per pair of lanes keeps them far from underflow and overflow.
            if (!(h0 >= LOW && h0 <= HIGH && h1 >= LOW && h1 <= HIGH)) {
                int k0 = Math.getExponent(h0);
                h0 = Math.scalb(h0, -k0);
                l0 = Math.scalb(l0, -k0);
                int k1 = Math.getExponent(h1);
                h1 = Math.scalb(h1, -k1);
                l1 = Math.scalb(l1, -k1);
                e += k0 + k1;
            }
        }
        if (i < to) {
            double a = p[i];
            if (!(a >= LOW && a <= HIGH)) {
                requireNonNegative(p[i], i);
                specials |= specialBit(a);
                a = 1.0;
            }
            double product = h0 * a;
            l0 = ExactProduct.fusedMultiplyAdd(l0, a, ExactProduct.error(h0, a, product));
            h0 = product;
        }
        return joinLanes(h0, l0, h1, l1, e, specials, to - from);
    }

    private static final int NAN_BIT = 1;
    private static final int ZERO_BIT = 2;
    private static final int INFINITY_BIT = 4;

    /** The flag a zero, NaN or +Infinity factor sets (it then counts as a factor of 1); 0 otherwise. */
    private static int specialBit(double v) {
        if (v != v) {
            return NAN_BIT;
        }
        if (v == 0.0) {
            return ZERO_BIT;
        }
        return v == Double.POSITIVE_INFINITY ? INFINITY_BIT : 0;
    }

    /** The binary exponent of a finite, positive factor outside [2^-256, 2^256]; 0 for the special values. */
    private static int extremeExponent(double v) {
        return specialBit(v) != 0 ? 0 : binaryExponent(v);
    }

    private static void requireNonNegative(double v, int index) {
        if (v < 0) {
            throw new IllegalArgumentException(
                    "factor at index " + index + " is negative (" + v + "); probabilities must be >= 0");
        }
    }

    private static void requireNonNegative(float v, int index) {
        if (v < 0) {
            throw new IllegalArgumentException(
                    "factor at index " + index + " is negative (" + v + "); probabilities must be >= 0");
        }
    }

    /**
     * Writes back {@code (h0 + l0)·(h1 + l1)·2^e} as the running product: the lanes are at most
     * 2^257 apart from 1 (after a split factor, 2^513), so their product is far inside double's
     * range; {@code l0·l1} is below the double-double's resolution and is dropped.
     */
    private LogProduct joinLanes(double h0, double l0, double h1, double l1, long e, int specials, int factors) {
        double h = h0 * h1;
        hi = h;
        lo = ExactProduct.error(h0, h1, h) + (h0 * l1 + l0 * h1);
        exponent = e;
        renormalise();
        sawNaN |= (specials & NAN_BIT) != 0;
        sawZero |= (specials & ZERO_BIT) != 0;
        sawInfinity |= (specials & INFINITY_BIT) != 0;
        count += factors;
        return this;
    }
}
