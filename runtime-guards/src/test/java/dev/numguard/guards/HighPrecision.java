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
 * <p>Terms {@code exp(d)} with {@code d < -EXP_CUTOFF} are dropped: they are below 1e-86 relative to
 * the largest term and cannot change 60-digit results for arrays of fewer than 10^20 elements (while
 * BigDecimal cannot even hold {@code exp(-1e300)}).
 */
final class HighPrecision {

    static final MathContext MC = new MathContext(60, RoundingMode.HALF_EVEN);
    private static final double EXP_CUTOFF = 200.0;
    private static final BigDecimal LN2 = BigDecimalMath.log(BigDecimal.valueOf(2), MC);

    private HighPrecision() {
    }

    /** The exact value of a finite double. */
    static BigDecimal exact(double v) {
        return new BigDecimal(v);
    }

    static BigDecimal exp(BigDecimal v) {
        return BigDecimalMath.exp(v, MC);
    }

    static BigDecimal log(BigDecimal v) {
        return BigDecimalMath.log(v, MC);
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

    /** Σ exp(x_i − m) over the terms that matter at 60 digits, for finite x and m = max x. */
    private static BigDecimal sumExpShifted(double[] x, double m) {
        BigDecimal bm = exact(m);
        BigDecimal s = BigDecimal.ZERO;
        for (double v : x) {
            if (v - m >= -EXP_CUTOFF) {
                s = s.add(exp(exact(v).subtract(bm)));
            }
        }
        return s;
    }

    /** log Σ exp(x_i) for finite, non-empty x. */
    static BigDecimal logSumExp(double[] x) {
        double m = max(x);
        return exact(m).add(log(sumExpShifted(x, m)), MC);
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
        return bm.add(log(s), MC);
    }

    /** softmax(x) for finite, non-empty x; entries below e^-200 relative are reported as 0. */
    static BigDecimal[] softmax(double[] x) {
        double m = max(x);
        BigDecimal s = sumExpShifted(x, m);
        BigDecimal bm = exact(m);
        BigDecimal[] out = new BigDecimal[x.length];
        for (int i = 0; i < x.length; i++) {
            // Entries below exp(-800) are far below the smallest double; keep them 0.
            out[i] = x[i] - m >= -800
                    ? exp(exact(x[i]).subtract(bm)).divide(s, MC)
                    : BigDecimal.ZERO;
        }
        return out;
    }

    /** logSoftmax(x) = x − logSumExp(x) for finite, non-empty x. */
    static BigDecimal[] logSoftmax(double[] x) {
        BigDecimal lse = logSumExp(x);
        BigDecimal[] out = new BigDecimal[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = exact(x[i]).subtract(lse, MC);
        }
        return out;
    }

    /** Σ log p_i for positive finite p. */
    static BigDecimal logProduct(double[] p) {
        BigDecimal s = BigDecimal.ZERO;
        for (double v : p) {
            s = s.add(log(exact(v)));
        }
        return s.round(MC);
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
