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
 * each product captured by {@link Math#fma} (Graillat's compensated product), and renormalised by a
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
        lo = Math.fma(lo, v, Math.fma(hi, v, -product));
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
        Objects.checkFromIndexSize(offset, length, p.length);
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
        double l = Math.fma(hi, other.hi, -h) + (hi * other.lo + lo * other.hi);
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
        double eLo = Math.fma((double) e, LN2_HI, -eHi) + e * LN2_LO;
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
     * The multiplication loop on locals. Negative factors throw before anything is written back, so
     * a failed call leaves the product unchanged.
     */
    LogProduct multiplyRange(double[] p, int from, int to) {
        double h = hi;
        double l = lo;
        long e = exponent;
        boolean zero = false;
        boolean infinity = false;
        boolean nan = false;
        for (int i = from; i < to; i++) {
            double v = p[i];
            if (!(v >= LOW && v <= HIGH)) {
                // Rare: a negative, zero, NaN or infinite factor, or one so extreme that it is split
                // into mantissa and exponent first (exactly, subnormals included).
                if (v < 0) {
                    throw new IllegalArgumentException(
                            "factor at index " + i + " is negative (" + v + "); probabilities must be >= 0");
                }
                if (v != v) {
                    nan = true;
                    continue;
                }
                if (v == 0.0) {
                    zero = true;
                    continue;
                }
                if (v == Double.POSITIVE_INFINITY) {
                    infinity = true;
                    continue;
                }
                int k = binaryExponent(v);
                v = Math.scalb(v, -k);
                e += k;
            }
            double product = h * v;
            // Compensated product: the inner fma is the exact rounding error of h·v.
            l = Math.fma(l, v, Math.fma(h, v, -product));
            h = product;
            if (!(h >= LOW && h <= HIGH)) {
                int k = Math.getExponent(h);
                h = Math.scalb(h, -k);
                l = Math.scalb(l, -k);
                e += k;
            }
        }
        hi = h;
        lo = l;
        exponent = e;
        sawZero |= zero;
        sawInfinity |= infinity;
        sawNaN |= nan;
        count += to - from;
        return this;
    }
}
