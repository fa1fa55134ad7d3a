package dev.numguard.guards;

import java.math.BigInteger;
import java.util.Objects;

/**
 * Accurate summation and dot products of {@code double} and {@code float} arrays.
 *
 * <ul>
 *   <li>{@link #sum(double[])} — compensated summation (Neumaier's improvement of Kahan–Babuška): the
 *       result is as accurate as if the sum were computed in twice the working precision and then
 *       rounded, i.e. {@code |error| <= eps·|s| + 2·(n·eps)²·Σ|x_i|}. About as fast as the plain
 *       loop when the loop is bound by memory.</li>
 *   <li>{@link #exactSum(double[])} — the correctly rounded sum, like Python's {@code math.fsum}
 *       (Shewchuk's non-overlapping partials), with intermediate overflow handled exactly.</li>
 *   <li>{@link #dot(double[], double[])} — compensated dot product (Ogita, Rump and Oishi's Dot2,
 *       with the product errors taken exactly by {@code Math.fma}).</li>
 * </ul>
 *
 * <p>Special values follow IEEE addition unless stated: a NaN anywhere gives NaN, {@code +Infinity}
 * and {@code -Infinity} together give NaN, one kind of infinity gives that infinity. The empty sum is
 * {@code +0.0}.
 */
public final class Summation {

    private Summation() {
    }

    // ---------------------------------------------------------------- compensated sum

    /**
     * Compensated (Neumaier) sum of all elements.
     *
     * <p>Edge cases: empty → {@code 0.0}; all elements {@code -0.0} → {@code -0.0}; NaN → NaN;
     * {@code +Infinity} with {@code -Infinity} → NaN; otherwise an infinity is returned as is. If a
     * running sum of finite values exceeds {@link Double#MAX_VALUE} the result is that infinity, like
     * the plain loop (use {@link #exactSum(double[])} when partial sums may overflow but the total
     * does not).
     *
     * @throws NullPointerException if {@code x} is null
     */
    public static double sum(double[] x) {
        Objects.requireNonNull(x, "x");
        return sumRange(x, 0, x.length);
    }

    /**
     * Compensated sum of {@code x[offset .. offset+length)}; see {@link #sum(double[])}.
     *
     * @throws NullPointerException      if {@code x} is null
     * @throws IndexOutOfBoundsException if the range lies outside {@code x}
     */
    public static double sum(double[] x, int offset, int length) {
        Objects.requireNonNull(x, "x");
        SliceBounds.check(offset, length, x.length);
        return sumRange(x, offset, offset + length);
    }

    /**
     * Compensated sum of float values, accumulated in double and rounded once to float.
     *
     * <p>Because every float is exact in double and the double accumulation carries about 106 bits,
     * the result is the correctly rounded float sum except in pathological cases. Edge cases as
     * {@link #sum(double[])}; a total beyond {@link Float#MAX_VALUE} rounds to an infinity.
     *
     * @throws NullPointerException if {@code x} is null
     */
    public static float sum(float[] x) {
        Objects.requireNonNull(x, "x");
        return sumRange(x, 0, x.length);
    }

    /**
     * Compensated sum of {@code x[offset .. offset+length)} of float values; see {@link #sum(float[])}.
     *
     * @throws NullPointerException      if {@code x} is null
     * @throws IndexOutOfBoundsException if the range lies outside {@code x}
     */
    public static float sum(float[] x, int offset, int length) {
        Objects.requireNonNull(x, "x");
        SliceBounds.check(offset, length, x.length);
        return sumRange(x, offset, offset + length);
    }

    private static double sumRange(double[] x, int from, int to) {
        if (from == to) {
            return 0.0;
        }
        // Start from -0.0, the additive identity that keeps the sign of an all-(-0.0) input.
        double s = -0.0;
        double c = 0.0;
        for (int i = from; i < to; i++) {
            double v = x[i];
            // Knuth's TwoSum: the exact rounding error of s + v without a data-dependent branch.
            double t = s + v;
            double vv = t - s;
            c += (s - (t - vv)) + (v - vv);
            s = t;
        }
        // Once the running sum is infinite or NaN the compensation is meaningless (inf - inf).
        if (!Double.isFinite(s) || c == 0.0) {
            return s;
        }
        return s + c;
    }

    private static float sumRange(float[] x, int from, int to) {
        if (from == to) {
            return 0.0f;
        }
        double s = -0.0;
        double c = 0.0;
        for (int i = from; i < to; i++) {
            double v = x[i];
            double t = s + v;
            double vv = t - s;
            c += (s - (t - vv)) + (v - vv);
            s = t;
        }
        if (!Double.isFinite(s) || c == 0.0) {
            return (float) s;
        }
        return (float) (s + c);
    }

    // ---------------------------------------------------------------- exact sum

    /**
     * The sum of all elements, correctly rounded (round half to even), like Python's
     * {@code math.fsum}.
     *
     * <p>Uses Shewchuk's exact non-overlapping partials. Differences from {@code math.fsum}, which
     * raises exceptions where a Java numeric method should return a value:
     * <ul>
     *   <li>{@code +Infinity} together with {@code -Infinity} gives NaN (fsum raises ValueError);</li>
     *   <li>an intermediate overflow does not fail: the exact sum is still rounded correctly, so
     *       {@code [1e308, 1e308, -1e308]} gives {@code 1e308} (fsum raises OverflowError);</li>
     *   <li>an exact sum beyond the double range rounds to the infinity of its sign, as IEEE
     *       rounding does ({@code [1e308, 1e308]} → {@code +Infinity}; fsum raises OverflowError).</li>
     * </ul>
     * Otherwise: empty → {@code 0.0}; a zero exact sum is {@code +0.0} unless every element is
     * {@code -0.0}, then {@code -0.0}; NaN anywhere → NaN; one kind of infinity → that infinity.
     *
     * @throws NullPointerException if {@code x} is null
     */
    public static double exactSum(double[] x) {
        Objects.requireNonNull(x, "x");
        return exactSumRange(x, 0, x.length);
    }

    /**
     * Correctly rounded sum of {@code x[offset .. offset+length)}; see {@link #exactSum(double[])}.
     *
     * @throws NullPointerException      if {@code x} is null
     * @throws IndexOutOfBoundsException if the range lies outside {@code x}
     */
    public static double exactSum(double[] x, int offset, int length) {
        Objects.requireNonNull(x, "x");
        SliceBounds.check(offset, length, x.length);
        return exactSumRange(x, offset, offset + length);
    }

    private static final long NEGATIVE_ZERO_BITS = Double.doubleToRawLongBits(-0.0);

    private static double exactSumRange(double[] x, int from, int to) {
        double[] partials = new double[16];
        int count = 0;
        boolean sawNaN = false;
        boolean sawPositiveInfinity = false;
        boolean sawNegativeInfinity = false;
        boolean overflowed = false;
        boolean onlyNegativeZeros = true;

        for (int k = from; k < to; k++) {
            double v = x[k];
            if (Double.doubleToRawLongBits(v) != NEGATIVE_ZERO_BITS) {
                onlyNegativeZeros = false;
            }
            if (!Double.isFinite(v)) {
                if (Double.isNaN(v)) {
                    sawNaN = true;
                } else if (v > 0) {
                    sawPositiveInfinity = true;
                } else {
                    sawNegativeInfinity = true;
                }
                continue;
            }
            if (overflowed) {
                continue; // the exact fallback below re-reads every element
            }
            // Add v into the partials; afterwards they are again non-overlapping, increasing in
            // magnitude, and sum exactly to the previous total plus v.
            int kept = 0;
            for (int j = 0; j < count; j++) {
                double y = partials[j];
                if (Math.abs(v) < Math.abs(y)) {
                    double swap = v;
                    v = y;
                    y = swap;
                }
                double hi = v + y;
                double lo = y - (hi - v); // exact because |v| >= |y| (Dekker's FastTwoSum)
                if (lo != 0.0) {
                    partials[kept++] = lo;
                }
                v = hi;
            }
            if (!Double.isFinite(v)) {
                overflowed = true;
                continue;
            }
            if (v != 0.0) {
                if (kept == partials.length) {
                    partials = java.util.Arrays.copyOf(partials, 2 * kept);
                }
                partials[kept++] = v;
            }
            count = kept;
        }

        if (sawNaN || (sawPositiveInfinity && sawNegativeInfinity)) {
            return Double.NaN;
        }
        if (sawPositiveInfinity) {
            return Double.POSITIVE_INFINITY;
        }
        if (sawNegativeInfinity) {
            return Double.NEGATIVE_INFINITY;
        }
        if (overflowed) {
            return exactSumByIntegers(x, from, to);
        }
        if (count == 0) {
            return (to > from && onlyNegativeZeros) ? -0.0 : 0.0;
        }
        return roundPartials(partials, count);
    }

    /** Rounds the exact value of non-overlapping partials (ascending magnitude) to nearest even. */
    private static double roundPartials(double[] partials, int count) {
        int n = count;
        double hi = partials[--n];
        double lo = 0.0;
        // Add from the top down while the additions stay exact; the first inexact one decides.
        while (n > 0) {
            double big = hi;
            double small = partials[--n];
            hi = big + small;
            lo = small - (hi - big);
            if (lo != 0.0) {
                break;
            }
        }
        // hi + lo is the sum so far with lo = half an ulp of hi exactly (a tie) only if the partials
        // below push it off the tie; if they have lo's sign, round away from hi.
        if (n > 0 && ((lo < 0.0 && partials[n - 1] < 0.0) || (lo > 0.0 && partials[n - 1] > 0.0))) {
            double twice = lo * 2.0;
            double moved = hi + twice;
            if (moved - hi == twice) {
                hi = moved;
            }
        }
        return hi;
    }

    /**
     * Exact fallback for the rare case where partial sums overflow: every finite double is an integer
     * multiple of 2^-1074 below 2^1024, so the total is an exact (big) integer times 2^-1074.
     */
    private static double exactSumByIntegers(double[] x, int from, int to) {
        BigInteger total = BigInteger.ZERO;
        for (int k = from; k < to; k++) {
            double v = x[k];
            if (v == 0.0) {
                continue;
            }
            long bits = Double.doubleToRawLongBits(v);
            int biasedExponent = (int) ((bits >>> 52) & 0x7ff);
            long fraction = bits & 0x000f_ffff_ffff_ffffL;
            long significand = biasedExponent == 0 ? fraction : (fraction | 0x0010_0000_0000_0000L);
            int shift = biasedExponent == 0 ? 0 : biasedExponent - 1;
            BigInteger term = BigInteger.valueOf(significand).shiftLeft(shift);
            total = v < 0 ? total.subtract(term) : total.add(term);
        }
        return scaledIntegerToDouble(total);
    }

    /** Correctly rounds {@code value · 2^-1074} to double (half to even, overflow to infinity). */
    private static double scaledIntegerToDouble(BigInteger value) {
        int signum = value.signum();
        if (signum == 0) {
            return 0.0;
        }
        BigInteger magnitude = value.abs();
        int bits = magnitude.bitLength();
        double result;
        if (bits <= 53) {
            // Below 2^-1021 every multiple of 2^-1074 with at most 53 bits is representable.
            result = Math.scalb((double) magnitude.longValueExact(), -1074);
        } else {
            int drop = bits - 53;
            long top = magnitude.shiftRight(drop).longValueExact();
            BigInteger remainder = magnitude.subtract(BigInteger.valueOf(top).shiftLeft(drop));
            int versusHalf = remainder.shiftLeft(1).compareTo(BigInteger.ONE.shiftLeft(drop));
            if (versusHalf > 0 || (versusHalf == 0 && (top & 1L) == 1L)) {
                top++; // may reach 2^53, which is still exact in a double
            }
            result = Math.scalb((double) top, drop - 1074); // exact, or infinity when too large
        }
        return signum < 0 ? -result : result;
    }

    // ---------------------------------------------------------------- dot products

    /**
     * Compensated dot product {@code Σ x[i]·y[i]} (Ogita–Rump–Oishi Dot2): as accurate as if computed
     * in twice the working precision and rounded, i.e. {@code |error| <= eps·|d| + (n·eps)²·Σ|x_i·y_i|}
     * for moderate n.
     *
     * <p>Edge cases: empty → {@code 0.0}; NaN, or an infinite product, or a running sum that
     * overflows gives what the plain loop gives (NaN or an infinity).
     *
     * @throws NullPointerException     if an argument is null
     * @throws IllegalArgumentException if the lengths differ
     */
    public static double dot(double[] x, double[] y) {
        Objects.requireNonNull(x, "x");
        Objects.requireNonNull(y, "y");
        if (x.length != y.length) {
            throw new IllegalArgumentException(
                    "x and y must have the same length, got " + x.length + " and " + y.length);
        }
        return dotRange(x, 0, y, 0, x.length);
    }

    /**
     * Compensated dot product of {@code x[xOffset .. xOffset+length)} and
     * {@code y[yOffset .. yOffset+length)}; see {@link #dot(double[], double[])}.
     *
     * @throws NullPointerException      if an array is null
     * @throws IndexOutOfBoundsException if a range lies outside its array
     */
    public static double dot(double[] x, int xOffset, double[] y, int yOffset, int length) {
        Objects.requireNonNull(x, "x");
        Objects.requireNonNull(y, "y");
        SliceBounds.check(xOffset, length, x.length);
        SliceBounds.check(yOffset, length, y.length);
        return dotRange(x, xOffset, y, yOffset, length);
    }

    /**
     * Dot product of float vectors, accumulated in double and rounded once to float. Each product of
     * two floats is exact in double (24 + 24 bits), and the products are summed with compensation, so
     * the result is the correctly rounded float dot product except in pathological cases. Edge cases
     * as {@link #dot(double[], double[])}.
     *
     * @throws NullPointerException     if an argument is null
     * @throws IllegalArgumentException if the lengths differ
     */
    public static float dot(float[] x, float[] y) {
        Objects.requireNonNull(x, "x");
        Objects.requireNonNull(y, "y");
        if (x.length != y.length) {
            throw new IllegalArgumentException(
                    "x and y must have the same length, got " + x.length + " and " + y.length);
        }
        double s = 0.0;
        double c = 0.0;
        for (int i = 0; i < x.length; i++) {
            double v = (double) x[i] * (double) y[i];
            double t = s + v;
            double vv = t - s;
            c += (s - (t - vv)) + (v - vv);
            s = t;
        }
        return (float) (Double.isFinite(s) ? s + c : s);
    }

    private static double dotRange(double[] x, int xFrom, double[] y, int yFrom, int length) {
        double p = 0.0;
        double c = 0.0;
        for (int i = 0; i < length; i++) {
            double a = x[xFrom + i];
            double b = y[yFrom + i];
            double h = a * b;
            double r = ExactProduct.error(a, b, h); // exact error of the product (barring underflow)
            double t = p + h;
            double hh = t - p;
            c += ((p - (t - hh)) + (h - hh)) + r;
            p = t;
        }
        return Double.isFinite(p) ? p + c : p;
    }
}
