package dev.numguard.guards;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link PartialMoments}: {@code Σx² − (Σx)²/n} from a RunningStats against the exact value of that
 * expression (BigDecimal), for n the number of values and for other counts, on benign data and on
 * data with |mean|/std = 10^9, where the raw sums in double keep no digit.
 */
class PartialMomentsTest {
    private static final MathContext CONTEXT = new MathContext(60, RoundingMode.HALF_EVEN);

    /** Σx² − (Σx)²/n exactly (to 60 digits). */
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

    /** What a one-pass formula computes from raw double sums. */
    private static double naive(double[] x, double n) {
        double s1 = 0;
        double s2 = 0;
        for (double v : x) {
            s1 += v;
            s2 += v * v;
        }
        return s2 - s1 * s1 / n;
    }

    private static double[] draw(Random random, int length, double mean, double std) {
        double[] x = new double[length];
        for (int i = 0; i < length; i++) {
            x[i] = mean + std * random.nextGaussian();
        }
        return x;
    }

    private static double relativeError(double actual, BigDecimal exact) {
        BigDecimal difference = new BigDecimal(actual).subtract(exact).abs();
        return exact.signum() == 0 ? difference.doubleValue() : difference.divide(exact.abs(), CONTEXT).doubleValue();
    }

    @Test
    void benignDataAgreeWithTheRawSumsAndTheExactValue() {
        Random random = new Random(17);
        for (int draw = 0; draw < 200; draw++) {
            int length = 2 + random.nextInt(60);
            double[] x = draw(random, length, random.nextDouble() * 6 - 3, 0.5 + random.nextDouble());
            for (double n : new double[] {length, length + 3, Math.max(1, length - 1)}) {
                double fixed = PartialMoments.squaredDeviations(RunningStats.of(x), n);
                BigDecimal reference = exact(x, n);
                assertThat(relativeError(fixed, reference)).as("n = %s, draw %d", n, draw).isLessThan(1e-12);
                // the raw sums are accurate to about ε·Σx² (their own rounding), and agree to that
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
        Random random = new Random(23);
        int naiveWrong = 0;
        for (int draw = 0; draw < 50; draw++) {
            int length = 10 + random.nextInt(100);
            double[] x = draw(random, length, 1e9, 1);
            BigDecimal reference = exact(x, length);
            double fixed = PartialMoments.squaredDeviations(RunningStats.of(x), length);
            assertThat(relativeError(fixed, reference)).as("draw %d", draw).isLessThan(1e-8);
            if (relativeError(naive(x, length), reference) > 1e-2) {
                naiveWrong++;
            }
        }
        assertThat(naiveWrong).as("the raw sums must miss at |mean|/std = 1e9").isGreaterThan(40);
    }

    @Test
    void aStatedCountOtherThanTheValuesKeepsTheFormulasValue() {
        // Σx² − (Σx)²/n with n not the number of values is not shift-invariant: its exact value holds a
        // term c·m²·(1 − c/n) that the fix computes in one rounding rather than by cancellation
        double[] x = {1e9 + 0.25, 1e9 - 0.5, 1e9 + 1, 1e9};
        for (double n : new double[] {5, 8, 3.5}) {
            double fixed = PartialMoments.squaredDeviations(RunningStats.of(x), n);
            assertThat(relativeError(fixed, exact(x, n))).as("n = %s", n).isLessThan(1e-14);
        }
    }

    @Test
    void emptyAndNonFiniteInputs() {
        RunningStats empty = new RunningStats();
        assertThat(PartialMoments.squaredDeviations(empty, 4)).isEqualTo(0.0);
        assertThat(PartialMoments.squaredDeviations(empty, 0)).isNaN();
        assertThat(PartialMoments.squaredDeviations(RunningStats.of(1, Double.POSITIVE_INFINITY), 2)).isNaN();
        assertThat(PartialMoments.squaredDeviations(RunningStats.of(1, Double.NaN), 2)).isNaN();
        assertThat(PartialMoments.squaredDeviations(RunningStats.of(3.5), 1)).isEqualTo(0.0);
        // Σx² overflows in the raw sums too: both are +Infinity
        assertThat(PartialMoments.squaredDeviations(RunningStats.of(1e300, -1e300), 2)).isEqualTo(Double.POSITIVE_INFINITY);
    }

    @Test
    void mergedEqualsOneRunningStatsOverAllParts() {
        Random random = new Random(5);
        double[] x = draw(random, 1000, 1e9, 1);
        List<RunningStats> parts = new ArrayList<>();
        RunningStats whole = new RunningStats();
        for (int from = 0; from < x.length; from += 137) {
            RunningStats part = new RunningStats();
            part.acceptAll(x, from, Math.min(137, x.length - from));
            parts.add(part);
        }
        whole.acceptAll(x);
        RunningStats merged = PartialMoments.merged(parts, p -> p);
        assertThat(merged.count()).isEqualTo(x.length);
        BigDecimal reference = exact(x, x.length);
        assertThat(relativeError(PartialMoments.squaredDeviations(merged, x.length), reference)).isLessThan(1e-9);
        assertThat(relativeError(PartialMoments.squaredDeviations(whole, x.length), reference)).isLessThan(1e-9);
        assertThat(parts.get(0).count()).isEqualTo(137);
        assertThat(PartialMoments.merged(List.<RunningStats>of(), p -> p).count()).isZero();
        assertThatThrownBy(() -> PartialMoments.merged(List.of(1), p -> null)).isInstanceOf(NullPointerException.class);
    }
}
