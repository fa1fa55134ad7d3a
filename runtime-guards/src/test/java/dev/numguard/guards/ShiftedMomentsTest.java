package dev.numguard.guards;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link ShiftedMoments}: {@code Σw·x² − (Σw·x)²/n} against its exact value (60-digit BigDecimal),
 * for n the total weight and for other n, weights of any sign, benign data and data with
 * |mean|/std = 10^9; and the edge cases: empty, NaN, infinities, huge and tiny values.
 */
class ShiftedMomentsTest {
    private static final MathContext CONTEXT = new MathContext(60, RoundingMode.HALF_EVEN);

    private static BigDecimal exact(double[] x, double[] w, double n) {
        BigDecimal s1 = BigDecimal.ZERO;
        BigDecimal s2 = BigDecimal.ZERO;
        for (int i = 0; i < x.length; i++) {
            BigDecimal v = new BigDecimal(x[i]);
            BigDecimal wv = new BigDecimal(w[i]).multiply(v);
            s1 = s1.add(wv);
            s2 = s2.add(wv.multiply(v));
        }
        return s2.subtract(s1.multiply(s1).divide(new BigDecimal(n), CONTEXT));
    }

    private static ShiftedMoments of(double[] x, double[] w) {
        ShiftedMoments m = new ShiftedMoments();
        for (int i = 0; i < x.length; i++) {
            m.accept(x[i], w[i]);
        }
        return m;
    }

    @Test
    void exactValuesOnSmallIntegers() {
        ShiftedMoments m = new ShiftedMoments();
        for (double v : new double[] {2, 4, 4, 4, 5, 5, 7, 9}) {
            m.accept(v);
        }
        assertThat(m.squaredDeviations(8)).isEqualTo(32.0);         // population variance 4
        assertThat(m.totalWeight()).isEqualTo(8.0);
        assertThat(m.sum()).isEqualTo(40.0);
        // Σx² − (Σx)²/n for n = 10: 232 − 1600/10 = 72
        assertThat(m.squaredDeviations(10)).isCloseTo(72.0, within(1e-12));
        assertThat(PartialMoments.squaredDeviations(m, 8)).isEqualTo(32.0);
    }

    @Test
    void weightedAndSignedWeightsMatchTheExactFormula() {
        Random random = new Random(41);
        for (int draw = 0; draw < 500; draw++) {
            int k = 1 + random.nextInt(40);
            double[] x = new double[k];
            double[] w = new double[k];
            double totalWeight = 0;
            for (int i = 0; i < k; i++) {
                x[i] = random.nextGaussian() * 3 + 1;
                w[i] = draw % 2 == 0 ? random.nextDouble() * 2 : random.nextDouble() * 3 - 1;
                totalWeight += w[i];
            }
            double n = draw % 3 == 0 ? totalWeight : 0.5 + random.nextDouble() * 50;
            ShiftedMoments m = of(x, w);
            double scale = 0;
            double absoluteWeight = 0;
            for (int i = 0; i < k; i++) {
                scale += Math.abs(w[i]) * x[i] * x[i];
                absoluteWeight += Math.abs(w[i]);
            }
            assertThat(m.squaredDeviations(n)).isCloseTo(exact(x, w, n).doubleValue(),
                    within(1e-12 * Math.max(1, scale) * Math.max(1, absoluteWeight / Math.abs(n))));
        }
    }

    @Test
    void largeMeanSmallSpreadKeepsItsDigits() {
        Random random = new Random(42);
        for (int draw = 0; draw < 200; draw++) {
            int k = 2 + random.nextInt(100);
            double[] x = new double[k];
            double[] w = new double[k];
            BigDecimal total = BigDecimal.ZERO;
            for (int i = 0; i < k; i++) {
                x[i] = 1e9 + random.nextGaussian();
                w[i] = (4 + random.nextInt(13)) / 8.0;          // eighths: Σw is exact
                total = total.add(new BigDecimal(w[i]));
            }
            double n = total.doubleValue();
            double reference = exact(x, w, n).doubleValue();
            assertThat(of(x, w).squaredDeviations(n)).isCloseTo(reference, within(1e-8 * Math.abs(reference)));
            double s1 = 0;
            double s2 = 0;
            for (int i = 0; i < k; i++) {
                s1 += w[i] * x[i];
                s2 += w[i] * x[i] * x[i];
            }
            assertThat(Math.abs(s2 - s1 * s1 / n - reference)).as("the raw sums lose it").isGreaterThan(0.0);
        }
    }

    @Test
    void aTotalSummedWithRoundingIsTakenAsTheTotalWeight() {
        Random random = new Random(43);
        for (int draw = 0; draw < 200; draw++) {
            int k = 2 + random.nextInt(100);
            double[] x = new double[k];
            double[] w = new double[k];
            double rounded = 0;
            BigDecimal total = BigDecimal.ZERO;
            for (int i = 0; i < k; i++) {
                x[i] = 1e9 + random.nextGaussian();
                w[i] = random.nextDouble() * 3 - 1;              // any sign, Σw rounded when summed
                rounded += w[i];
                total = total.add(new BigDecimal(w[i]));
            }
            // the spread about the weighted mean, Σw·(x − m)² with m = Σw·x / Σw exactly
            BigDecimal s1 = BigDecimal.ZERO;
            for (int i = 0; i < k; i++) {
                s1 = s1.add(new BigDecimal(w[i]).multiply(new BigDecimal(x[i])));
            }
            BigDecimal mean = s1.divide(total, CONTEXT);
            BigDecimal m2 = BigDecimal.ZERO;
            for (int i = 0; i < k; i++) {
                BigDecimal d = new BigDecimal(x[i]).subtract(mean);
                m2 = m2.add(new BigDecimal(w[i]).multiply(d).multiply(d));
            }
            double reference = m2.doubleValue();
            double scale = 0;
            for (int i = 0; i < k; i++) {
                scale += Math.abs(w[i]);
            }
            double result = of(x, w).squaredDeviations(rounded);
            assertThat(result).isCloseTo(reference, within(1e-6 * scale + 1e-9 * Math.abs(reference)));
        }
    }

    @Test
    void anotherCountKeepsTheExactValueToo() {
        double[] x = {1e9 + 0.25, 1e9 - 0.5, 1e9 + 1, 1e9};
        double[] w = {1, 2, 1, -0.5};
        for (double n : new double[] {3.5, 4, 7, 1e6}) {
            double reference = exact(x, w, n).doubleValue();
            assertThat(of(x, w).squaredDeviations(n)).isCloseTo(reference, within(1e-12 * Math.abs(reference) + 1e-3));
        }
    }

    @Test
    void emptyNaNInfinitiesHugeAndTiny() {
        ShiftedMoments empty = new ShiftedMoments();
        assertThat(empty.squaredDeviations(3)).isEqualTo(0.0);
        assertThat(empty.squaredDeviations(0)).isNaN();             // 0 − 0/0, as the raw formula
        assertThat(empty.totalWeight()).isEqualTo(0.0);

        ShiftedMoments withNaN = new ShiftedMoments();
        withNaN.accept(1);
        withNaN.accept(Double.NaN);
        assertThat(withNaN.squaredDeviations(2)).isNaN();

        ShiftedMoments withInfinity = new ShiftedMoments();
        withInfinity.accept(1);
        withInfinity.accept(Double.POSITIVE_INFINITY);
        assertThat(withInfinity.squaredDeviations(2)).isNaN();      // ∞ − ∞, as the raw formula
        ShiftedMoments firstInfinite = new ShiftedMoments();
        firstInfinite.accept(Double.NEGATIVE_INFINITY);
        firstInfinite.accept(1);
        assertThat(firstInfinite.squaredDeviations(2)).isNaN();

        ShiftedMoments huge = new ShiftedMoments();
        huge.accept(1e200);
        huge.accept(1e200);
        assertThat(huge.squaredDeviations(2)).isEqualTo(0.0);       // the raw sums overflow to NaN here

        ShiftedMoments tiny = new ShiftedMoments();
        tiny.accept(3e-200);
        tiny.accept(1e-200);
        assertThat(tiny.squaredDeviations(2)).isEqualTo(0.0);      // 2e-400 underflows, as in the raw sums
        ShiftedMoments small = new ShiftedMoments();
        small.accept(3e-150);
        small.accept(1e-150);
        assertThat(small.squaredDeviations(2)).isCloseTo(2e-300, within(1e-314));

        ShiftedMoments single = new ShiftedMoments();
        single.accept(5, -2);
        assertThat(single.squaredDeviations(-2)).isEqualTo(0.0);
        assertThat(single.squaredDeviations(1)).isCloseTo(-50 - 100.0, within(1e-12)); // −2·25 − 100/1
    }
}
