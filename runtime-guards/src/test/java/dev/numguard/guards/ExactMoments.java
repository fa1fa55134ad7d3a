package dev.numguard.guards;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Exact reference statistics of the given doubles in BigDecimal arithmetic: the sums
 * {@code Σx}, {@code Σx²} and {@code Σxy} are exact, so {@code n·Σx² − (Σx)²} is the exact
 * numerator of the variance and only the final division and square root round (to 50 digits).
 */
final class ExactMoments {

    private static final MathContext CONTEXT = new MathContext(50, RoundingMode.HALF_EVEN);

    private ExactMoments() {
    }

    static BigDecimal mean(double[] x) {
        BigDecimal sum = BigDecimal.ZERO;
        for (double v : x) {
            sum = sum.add(new BigDecimal(v));
        }
        return sum.divide(BigDecimal.valueOf(x.length), CONTEXT);
    }

    /** {@code n·Σx² − (Σx)²}, exactly; equals {@code n·Σ(x − mean)²}. */
    static BigDecimal varianceNumerator(double[] x) {
        return covarianceNumerator(x, x);
    }

    /** {@code n·Σxy − ΣxΣy}, exactly; equals {@code n·Σ(x − mean x)(y − mean y)}. */
    static BigDecimal covarianceNumerator(double[] x, double[] y) {
        BigDecimal sumX = BigDecimal.ZERO;
        BigDecimal sumY = BigDecimal.ZERO;
        BigDecimal sumXy = BigDecimal.ZERO;
        for (int i = 0; i < x.length; i++) {
            BigDecimal a = new BigDecimal(x[i]);
            BigDecimal b = new BigDecimal(y[i]);
            sumX = sumX.add(a);
            sumY = sumY.add(b);
            sumXy = sumXy.add(a.multiply(b));
        }
        return sumXy.multiply(BigDecimal.valueOf(x.length)).subtract(sumX.multiply(sumY));
    }

    static BigDecimal variance(double[] x, int ddof) {
        long n = x.length;
        return varianceNumerator(x).divide(BigDecimal.valueOf(n * (n - ddof)), CONTEXT);
    }

    static BigDecimal standardDeviation(double[] x, int ddof) {
        return variance(x, ddof).sqrt(CONTEXT);
    }

    static BigDecimal covariance(double[] x, double[] y, int ddof) {
        long n = x.length;
        return covarianceNumerator(x, y).divide(BigDecimal.valueOf(n * (n - ddof)), CONTEXT);
    }

    static double[] widen(float[] x) {
        double[] wide = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            wide[i] = x[i];
        }
        return wide;
    }

    /**
     * Distance from {@code actual} to the exact value in units of the last place of the exact
     * value rounded to double (0 when {@code actual} is the correctly rounded result).
     */
    static double ulpsFrom(double actual, BigDecimal exact) {
        double rounded = exact.doubleValue();
        if (actual == rounded) {
            return 0;
        }
        BigDecimal error = new BigDecimal(actual).subtract(exact).abs();
        return error.divide(new BigDecimal(Math.ulp(rounded)), MathContext.DECIMAL64).doubleValue();
    }

    /** Same in float ulps, for float results. */
    static double floatUlpsFrom(float actual, BigDecimal exact) {
        float rounded = exact.floatValue();
        if (actual == rounded) {
            return 0;
        }
        BigDecimal error = new BigDecimal(actual).subtract(exact).abs();
        return error.divide(new BigDecimal(Math.ulp(rounded)), MathContext.DECIMAL64).doubleValue();
    }
}
