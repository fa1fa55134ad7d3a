package dev.numguard.guards;

import ch.obermuhlner.math.big.BigDecimalMath;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * High-precision reference values for the tests: exact {@link BigDecimal} arithmetic on the exact
 * values of doubles, and exp/log from big-math at 60 significant digits (far beyond the 17 a double
 * needs, so rounding the reference to double is the correctly rounded true value in all but
 * astronomically rare ties).
 *
 * <p>Terms {@code exp(d)} with {@code d < -EXP_CUTOFF} (-800) are dropped: each is below 1e-347, so
 * even 10^20 of them sum to less than half the smallest double; they cannot change any rounded
 * result, not even the tiny {@code -log1p(rest)} that log-softmax gives the maximum entry (while
 * BigDecimal could not even hold {@code exp(-1e300)}).
 */
final class HighPrecision {

    static final MathContext MC = new MathContext(60, RoundingMode.HALF_EVEN);
    private static final double EXP_CUTOFF = 800.0;
    private static final BigDecimal LN2 = BigDecimalMath.log(BigDecimal.valueOf(2), MC);
    /** ln 10 to 80 digits: multiplied by decimal exponents up to ~1e6 it still leaves 70 correct. */
    private static final BigDecimal LN10 = BigDecimalMath.log(BigDecimal.TEN, new MathContext(80, RoundingMode.HALF_EVEN));

    private HighPrecision() {
    }

    /** The exact value of a finite double. */
    static BigDecimal exact(double v) {
        return new BigDecimal(v);
    }

    static BigDecimal exp(BigDecimal v) {
        return BigDecimalMath.exp(v, MC);
    }

    /**
     * Natural log of a positive value. The decimal exponent is split off first
     * ({@code log(m·10^e) = log m + e·ln 10}): big-math's own log is very slow on values such as
     * 1e-600000 (a product of many subnormals).
     */
    static BigDecimal log(BigDecimal v) {
        int e = v.precision() - v.scale() - 1; // v = m·10^e with m in [1, 10)
        if (Math.abs(e) < 20) {
            return BigDecimalMath.log(v, MC);
        }
        BigDecimal m = v.movePointLeft(e);
        return BigDecimalMath.log(m, MC).add(LN10.multiply(BigDecimal.valueOf(e)), MC);
    }

    static BigDecimal ln2() {
        return LN2;
    }

    /** The exact sum of finite doubles (no rounding at all). */
    static BigDecimal exactSum(double[] x) {
        BigDecimal s = BigDecimal.ZERO;
        for (double v : x) {
            s = s.add(exact(v));
        }
        return s;
    }

    /** The exact dot product of finite doubles. */
    static BigDecimal exactDot(double[] x, double[] y) {
        BigDecimal s = BigDecimal.ZERO;
        for (int i = 0; i < x.length; i++) {
            s = s.add(exact(x[i]).multiply(exact(y[i])));
        }
        return s;
    }

    private static double max(double[] x) {
        double m = Double.NEGATIVE_INFINITY;
        for (double v : x) {
            m = Math.max(m, v);
        }
        return m;
    }

    /**
     * log(1 + v) for v > -1 to 60 significant digits even when v is tiny (log of a 60-digit
     * 1 + v would lose it): a Taylor series below 1e-12, where the terms up to v^6 suffice.
     */
    static BigDecimal log1p(BigDecimal v) {
        if (v.abs().compareTo(new BigDecimal("1e-12")) < 0) {
            BigDecimal sum = BigDecimal.ZERO;
            BigDecimal power = v;
            for (int k = 1; k <= 7; k++) {
                BigDecimal term = power.divide(BigDecimal.valueOf(k), MC);
                sum = (k % 2 == 1) ? sum.add(term) : sum.subtract(term);
                power = power.multiply(v, MC);
            }
            return sum.round(MC);
        }
        return log(BigDecimal.ONE.add(v));
    }

    /** Σ exp(x_i − m) over the terms that matter at 60 digits, except index {@code skip}. */
    private static BigDecimal sumExpShifted(double[] x, double m, int skip) {
        BigDecimal bm = exact(m);
        BigDecimal s = BigDecimal.ZERO;
        for (int i = 0; i < x.length; i++) {
            double v = x[i];
            if (i != skip && v - m >= -EXP_CUTOFF) {
                s = s.add(exp(exact(v).subtract(bm)));
            }
        }
        return s;
    }

    private static int argMax(double[] x) {
        int k = 0;
        for (int i = 1; i < x.length; i++) {
            if (x[i] > x[k]) {
                k = i;
            }
        }
        return k;
    }

    /**
     * log Σ exp(x_i) for non-empty x with a finite maximum (−Infinity entries contribute 0), as
     * {@code max + log1p(rest)} with an exact final addition, so a huge maximum is not rounded to
     * 60 digits.
     */
    static BigDecimal logSumExp(double[] x) {
        int k = argMax(x);
        return exact(x[k]).add(log1p(sumExpShifted(x, x[k], k)));
    }

    /** log Σ b_i·exp(x_i) for finite x and positive weights b. */
    static BigDecimal logSumExp(double[] x, double[] b) {
        double m = max(x);
        BigDecimal bm = exact(m);
        BigDecimal s = BigDecimal.ZERO;
        for (int i = 0; i < x.length; i++) {
            if (x[i] - m >= -EXP_CUTOFF) {
                s = s.add(exact(b[i]).multiply(exp(exact(x[i]).subtract(bm))));
            }
        }
        return bm.add(log1p(s.subtract(BigDecimal.ONE)));
    }

    /** softmax(x) for non-empty x with a finite maximum; entries below e^-800 are reported as 0. */
    static BigDecimal[] softmax(double[] x) {
        double m = max(x);
        BigDecimal s = sumExpShifted(x, m, -1);
        BigDecimal bm = exact(m);
        BigDecimal[] out = new BigDecimal[x.length];
        for (int i = 0; i < x.length; i++) {
            // Entries below exp(-800) are far below the smallest double; keep them 0.
            out[i] = x[i] - m >= -EXP_CUTOFF
                    ? exp(exact(x[i]).subtract(bm)).divide(s, MC)
                    : BigDecimal.ZERO;
        }
        return out;
    }

    /**
     * logSoftmax(x) = x − logSumExp(x) for non-empty x with a finite maximum; entries where x is
     * −Infinity are reported as {@code null} (their value is −Infinity, which BigDecimal lacks).
     */
    static BigDecimal[] logSoftmax(double[] x) {
        BigDecimal lse = logSumExp(x);
        BigDecimal[] out = new BigDecimal[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = x[i] == Double.NEGATIVE_INFINITY ? null : exact(x[i]).subtract(lse);
        }
        return out;
    }

    /**
     * Σ log p_i for positive finite p, as the log of the product formed at 60 digits (each of the n
     * roundings is 1e-60 relative, far below what a double resolves, and one log is much cheaper
     * than n).
     */
    static BigDecimal logProduct(double[] p) {
        BigDecimal product = BigDecimal.ONE;
        for (double v : p) {
            product = product.multiply(exact(v), MC);
        }
        return log(product);
    }

    /** Correctly rounded double of an exact value (BigDecimal.doubleValue rounds half-even). */
    static double toDouble(BigDecimal v) {
        return v.doubleValue();
    }

    /**
     * Distance between a computed double and the exact value, in units of the last place of the
     * correctly rounded exact value (so a correctly rounded result scores at most 0.5). Non-finite
     * computed values score infinity.
     */
    static double ulpError(double computed, BigDecimal exact) {
        if (!Double.isFinite(computed)) {
            return Double.POSITIVE_INFINITY;
        }
        double ulp = Math.ulp(toDouble(exact));
        return exact(computed).subtract(exact).abs().divide(exact(ulp), MC).doubleValue();
    }

    /** As {@link #ulpError(double, BigDecimal)} with float units. */
    static double floatUlpError(float computed, BigDecimal exact) {
        if (!Float.isFinite(computed)) {
            return Double.POSITIVE_INFINITY;
        }
        float ulp = Math.ulp(exact.floatValue());
        return exact(computed).subtract(exact).abs().divide(exact(ulp), MC).doubleValue();
    }

    /** |computed − exact| as a double (for absolute error bounds). */
    static double absError(double computed, BigDecimal exact) {
        if (!Double.isFinite(computed)) {
            return Double.POSITIVE_INFINITY;
        }
        return exact(computed).subtract(exact).abs().doubleValue();
    }
}
