package dev.numguard.guards;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link PartialMoments#squaredDeviations(long, double, double, double, double)}: {@code Σx² − (Σx)²/n}
 * from sums of the values less a shift (the first value), against the exact value of that expression
 * (BigDecimal, 60 digits), for n the number of values and for other counts, on benign data, on data
 * with |mean|/std = 10^9 where the raw sums in double keep no digit, and on empty and non-finite input.
 */
class ShiftedPartialMomentsTest {
    private static final MathContext CONTEXT = new MathContext(60, RoundingMode.HALF_EVEN);

    private static BigDecimal exact(double[] x, double n) {
        BigDecimal s1 = BigDecimal.ZERO;
        BigDecimal s2 = BigDecimal.ZERO;
        for (double v : x) {
            BigDecimal b = new BigDecimal(v);
            s1 = s1.add(b);
            s2 = s2.add(b.multiply(b));
        }
        return s2.subtract(s1.multiply(s1).divide(new BigDecimal(n), CONTEXT));
    }

    /** The guard over x, summed as a class shifting by its first value does. */
    private static double shifted(double[] x, double n) {
        double k = x.length == 0 ? 0 : x[0];
        double s1 = 0;
        double s2 = 0;
        for (double v : x) {
            s1 += v - k;
            s2 += (v - k) * (v - k);
        }
        return PartialMoments.squaredDeviations(x.length, k, s1, s2, n);
    }

    private static double naive(double[] x, double n) {
        double s1 = 0;
        double s2 = 0;
        for (double v : x) {
            s1 += v;
            s2 += v * v;
        }
        return s2 - s1 * s1 / n;
    }

    private static double relativeError(double actual, BigDecimal exact) {
        BigDecimal difference = new BigDecimal(actual).subtract(exact).abs();
        return exact.signum() == 0 ? difference.doubleValue() : difference.divide(exact.abs(), CONTEXT).doubleValue();
    }

    @Test
    void exactValuesOfSmallSamples() {
        double[] x = {2, 4, 4, 4, 5, 5, 7, 9};                      // Σ(x − 5)² = 32
        assertThat(shifted(x, 8)).isEqualTo(32.0);
        assertThat(PartialMoments.squaredDeviations(8, 0, 40, 232, 8)).isEqualTo(32.0);   // unshifted sums
        assertThat(shifted(new double[] {3.5}, 1)).isEqualTo(0.0);
        // n = 4 with 8 values: 232 − 1600/4 = −168, the formula's own value
        assertThat(shifted(x, 4)).isEqualTo(-168.0);
    }

    @Test
    void benignDataAgreeWithTheRawSumsAndTheExactValue() {
        Random random = new Random(31);
        for (int draw = 0; draw < 200; draw++) {
            int length = 2 + random.nextInt(60);
            double[] x = new double[length];
            double mean = random.nextDouble() * 6 - 3;
            for (int i = 0; i < length; i++) {
                x[i] = mean + (0.5 + random.nextDouble()) * random.nextGaussian();
            }
            for (double n : new double[] {length, length + 3, Math.max(1, length - 1)}) {
                double fixed = shifted(x, n);
                assertThat(relativeError(fixed, exact(x, n))).as("n = %s, draw %d", n, draw).isLessThan(1e-11);
                double squares = 0;
                for (double v : x) {
                    squares += v * v;
                }
                assertThat(Math.abs(fixed - naive(x, n))).isLessThanOrEqualTo(1e-13 * squares);
            }
        }
    }

    @Test
    void hostileOffsetKeepsTheDigitsTheRawSumsLose() {
        Random random = new Random(37);
        int naiveWrong = 0;
        for (int draw = 0; draw < 50; draw++) {
            int length = 10 + random.nextInt(100);
            double[] x = new double[length];
            for (int i = 0; i < length; i++) {
                x[i] = 1e9 + random.nextGaussian();
            }
            BigDecimal reference = exact(x, length);
            assertThat(relativeError(shifted(x, length), reference)).as("draw %d", draw).isLessThan(1e-9);
            if (relativeError(naive(x, length), reference) > 1e-2) {
                naiveWrong++;
            }
        }
        assertThat(naiveWrong).as("the raw sums must miss at |mean|/std = 1e9").isGreaterThan(40);
    }

    @Test
    void aStatedCountOtherThanTheValuesKeepsTheFormulasValue() {
        double[] x = {1e9 + 0.25, 1e9 - 0.5, 1e9 + 1, 1e9};
        for (double n : new double[] {5, 8, 3.5}) {
            assertThat(relativeError(shifted(x, n), exact(x, n))).as("n = %s", n).isLessThan(1e-14);
        }
    }

    @Test
    void emptyHugeAndNonFiniteInputs() {
        assertThat(PartialMoments.squaredDeviations(0, 0, 0, 0, 4)).isEqualTo(0.0);
        assertThat(PartialMoments.squaredDeviations(0, 0, 0, 0, 0)).isNaN();
        assertThat(shifted(new double[] {1, Double.NaN}, 2)).isNaN();
        assertThat(shifted(new double[] {1, Double.POSITIVE_INFINITY}, 2)).isNaN();
        // Σ(x − K)² overflows as Σx² does: +Infinity, not Infinity − Infinity
        assertThat(shifted(new double[] {1e300, -1e300}, 2)).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(naive(new double[] {1e300, -1e300}, 2)).isEqualTo(Double.POSITIVE_INFINITY);
        // tiny values whose squared deviations are still normal doubles keep every digit (below about
        // 1e-154 the squares become subnormal and lose digits in the raw and the shifted sums alike)
        double[] tiny = {3e-150, 5e-150, 4e-150};
        assertThat(relativeError(shifted(tiny, 3), exact(tiny, 3))).isLessThan(1e-12);
    }
}
