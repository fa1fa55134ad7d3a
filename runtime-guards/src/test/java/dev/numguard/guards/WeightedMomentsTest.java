package dev.numguard.guards;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Weighted mean and variances of {@link Statistics} and {@link RunningStats}: NumPy oracles, the
 * exact (BigDecimal) weighted moments on hostile shapes, equivalence of integer frequency weights
 * with repeated data, and the edges.
 */
class WeightedMomentsTest {

    private static final MathContext MC = new MathContext(60, RoundingMode.HALF_EVEN);

    static BigDecimal exactMean(double[] x, double[] w) {
        BigDecimal sum = BigDecimal.ZERO;
        BigDecimal weights = BigDecimal.ZERO;
        for (int i = 0; i < x.length; i++) {
            sum = sum.add(new BigDecimal(w[i]).multiply(new BigDecimal(x[i])));
            weights = weights.add(new BigDecimal(w[i]));
        }
        return sum.divide(weights, MC);
    }

    /** Σw(x − μ)² / (v1 − ddof·v2/v1), w = f·a, v2 = Σw·a, exactly (to 60 digits). */
    static BigDecimal exactVariance(double[] x, double[] f, double[] a, int ddof) {
        int n = x.length;
        double[] w = new double[n];
        BigDecimal v1 = BigDecimal.ZERO;
        BigDecimal v2 = BigDecimal.ZERO;
        BigDecimal[] ew = new BigDecimal[n];
        for (int i = 0; i < n; i++) {
            BigDecimal fi = f == null ? BigDecimal.ONE : new BigDecimal(f[i]);
            BigDecimal ai = a == null ? BigDecimal.ONE : new BigDecimal(a[i]);
            ew[i] = fi.multiply(ai);
            v1 = v1.add(ew[i]);
            v2 = v2.add(ew[i].multiply(ai));
        }
        BigDecimal sum = BigDecimal.ZERO;
        for (int i = 0; i < n; i++) {
            sum = sum.add(ew[i].multiply(new BigDecimal(x[i])));
        }
        BigDecimal mean = sum.divide(v1, MC);
        BigDecimal squares = BigDecimal.ZERO;
        for (int i = 0; i < n; i++) {
            BigDecimal d = new BigDecimal(x[i]).subtract(mean);
            squares = squares.add(ew[i].multiply(d).multiply(d));
        }
        BigDecimal denominator = ddof == 0 ? v1 : v1.subtract(v2.divide(v1, MC));
        return squares.divide(denominator, MC);
    }

    @Test
    void numpyOracles() {
        double[] x = {1, 2, 3, 4};
        double[] ones = {1, 1, 1, 1};
        assertThat(Statistics.weightedMean(x, ones)).isEqualTo(2.5);
        assertThat(Statistics.weightedVariance(x, ones)).isEqualTo(1.25);
        assertThat(Statistics.weightedSampleVariance(x, null, null)).isCloseTo(5.0 / 3, within(1e-15));
        // np.average([1, 2], weights=[1, 3]) = 1.75; the data [1, 2, 2, 2]
        assertThat(Statistics.weightedMean(new double[] {1, 2}, new double[] {1, 3})).isEqualTo(1.75);
        assertThat(Statistics.weightedVariance(new double[] {1, 2}, new double[] {1, 3})).isEqualTo(0.1875);
        assertThat(Statistics.weightedSampleVariance(new double[] {1, 2}, new double[] {1, 3}, null)).isEqualTo(0.25);
        // np.cov([1, 2, 3], aweights=[1, 2, 1]) = 0.8
        assertThat(Statistics.weightedSampleVariance(new double[] {1, 2, 3}, null, new double[] {1, 2, 1}))
                .isCloseTo(0.8, within(1e-15));
        // np.cov([1, 2, 3], fweights=[1, 2, 1], aweights=[2, 1, 1]) = 2.8 / 3.6
        assertThat(Statistics.weightedSampleVariance(new double[] {1, 2, 3}, new double[] {1, 2, 1}, new double[] {2, 1, 1}))
                .isCloseTo(2.8 / 3.6, within(1e-15));
        assertThat(Statistics.weightedMean(new float[] {1, 2}, new float[] {1, 3})).isEqualTo(1.75f);
        assertThat(Statistics.weightedVariance(new float[] {1, 2}, new float[] {1, 3})).isEqualTo(0.1875f);
    }

    @Test
    void withinAFewUlpsOfTheExactMomentsOnHostileShapes() {
        SplittableRandom random = new SplittableRandom(11);
        double worstMean = 0;
        double worstVariance = 0;
        for (int trial = 0; trial < 400; trial++) {
            int n = 2 + random.nextInt(200);
            double[] x = new double[n];
            double[] f = new double[n];
            double[] a = new double[n];
            int shape = trial % 4;
            for (int i = 0; i < n; i++) {
                switch (shape) {
                    case 0: x[i] = random.nextGaussian(); break;
                    case 1: x[i] = 1e8 + random.nextDouble(); break;
                    case 2: x[i] = 1e15 + random.nextInt(1000) * 0.125; break;
                    default: x[i] = 1e9 + random.nextGaussian() * 1e-6; break;
                }
                f[i] = random.nextInt(6);
                a[i] = Math.pow(10, random.nextDouble(-3, 3));
            }
            f[0] = 1; // at least one positive weight
            double mean = Statistics.weightedMean(x, a);
            double variance = Statistics.weightedVariance(x, a);
            double reliability = Statistics.weightedSampleVariance(x, null, a);
            double frequency = Statistics.weightedSampleVariance(x, f, null);
            worstMean = Math.max(worstMean, ExactMoments.ulpsFrom(mean, exactMean(x, a)));
            double e0 = ExactMoments.ulpsFrom(variance, exactVariance(x, null, a, 0));
            double e1 = ExactMoments.ulpsFrom(reliability, exactVariance(x, null, a, 1));
            worstVariance = Math.max(worstVariance, Math.max(e0, e1));
            double fSum = 0;
            for (double v : f) {
                fSum += v;
            }
            if (fSum > 1) {
                double e2 = ExactMoments.ulpsFrom(frequency, exactVariance(x, f, null, 1));
                worstVariance = Math.max(worstVariance, e2);
            } else {
                assertThat(frequency).isNaN();
            }
        }
        System.out.printf("weighted: worst mean %.2f ulp, worst variance %.2f ulp%n", worstMean, worstVariance);
        assertThat(worstMean).isLessThanOrEqualTo(2.5);
        assertThat(worstVariance).isLessThanOrEqualTo(4.0);
    }

    @Test
    void integerFrequencyWeightsAreRepeatedData() {
        SplittableRandom random = new SplittableRandom(5);
        double[] x = new double[50];
        double[] f = new double[50];
        int total = 0;
        for (int i = 0; i < x.length; i++) {
            x[i] = 1e6 + random.nextGaussian();
            f[i] = random.nextInt(4);
            total += (int) f[i];
        }
        double[] repeated = new double[total];
        RunningStats stats = new RunningStats();
        for (int i = 0, k = 0; i < x.length; i++) {
            for (int r = 0; r < f[i]; r++) {
                repeated[k++] = x[i];
            }
            stats.accept(x[i], f[i]);
        }
        BigDecimal exactSample = ExactMoments.variance(repeated, 1);
        assertThat(ExactMoments.ulpsFrom(Statistics.weightedSampleVariance(x, f, null), exactSample)).isLessThanOrEqualTo(4.0);
        assertThat(ExactMoments.ulpsFrom(stats.sampleVariance(), exactSample)).isLessThanOrEqualTo(4.0);
        assertThat(ExactMoments.ulpsFrom(stats.mean(), ExactMoments.mean(repeated))).isLessThanOrEqualTo(2.0);
        assertThat(stats.totalWeight()).isEqualTo(total);
    }

    @Test
    void runningStatsWithReliabilityWeightsMatchesTheArrayFunctions() {
        SplittableRandom random = new SplittableRandom(6);
        double[] x = new double[300];
        double[] a = new double[300];
        RunningStats whole = new RunningStats();
        RunningStats left = new RunningStats();
        RunningStats right = new RunningStats();
        for (int i = 0; i < x.length; i++) {
            x[i] = 1e8 + random.nextDouble();
            a[i] = random.nextDouble(0.1, 10);
            whole.accept(x[i], a[i]);
            (i < 100 ? left : right).accept(x[i], a[i]);
        }
        left.combine(right);
        for (RunningStats stats : new RunningStats[] {whole, left}) {
            assertThat(ExactMoments.ulpsFrom(stats.mean(), exactMean(x, a))).isLessThanOrEqualTo(2.5);
            assertThat(ExactMoments.ulpsFrom(stats.variance(), exactVariance(x, null, a, 0))).isLessThanOrEqualTo(8.0);
            assertThat(ExactMoments.ulpsFrom(stats.reliabilityWeightedSampleVariance(), exactVariance(x, null, a, 1)))
                    .isLessThanOrEqualTo(8.0);
        }
    }

    @Test
    void theTextbookWeightedFormulaCancelsWhereTheseDoNot() {
        double[] x = {1e8 + 0.1, 1e8 + 0.2, 1e8 + 0.3};
        double[] w = {1, 2, 1};
        double sw = 4;
        double swx = 0;
        double swx2 = 0;
        for (int i = 0; i < 3; i++) {
            swx += w[i] * x[i];
            swx2 += w[i] * x[i] * x[i];
        }
        double naive = swx2 / sw - (swx / sw) * (swx / sw);
        BigDecimal exact = exactVariance(x, null, w, 0);
        assertThat(ExactMoments.ulpsFrom(naive, exact)).isGreaterThan(1e6);
        assertThat(ExactMoments.ulpsFrom(Statistics.weightedVariance(x, w), exact)).isLessThanOrEqualTo(2.0);
    }

    @Test
    void weightsAtTheEdgesOfTheRange() {
        double[] x = {1, 2, 3};
        assertThat(Statistics.weightedMean(x, new double[] {1e308, 1e308, 1e308})).isEqualTo(2.0);
        assertThat(Statistics.weightedMean(x, new double[] {1e-320, 1e-320, 1e-320})).isEqualTo(2.0);
        assertThat(Statistics.weightedVariance(x, new double[] {1e308, 1e308, 1e308})).isCloseTo(2.0 / 3, within(1e-15));
        assertThat(Statistics.weightedMean(new double[] {1e308, 1.5e308}, new double[] {1, 1})).isEqualTo(1.25e308);
        assertThat(Statistics.weightedVariance(new double[] {1e300, -1e300}, new double[] {1, 1})).isInfinite();
        double[] tiny = {1e-160, -1e-160};
        assertThat(ExactMoments.ulpsFrom(Statistics.weightedVariance(tiny, new double[] {1, 3}), exactVariance(tiny, null, new double[] {1, 3}, 0)))
                .isLessThanOrEqualTo(1.0); // 7.5e-321, subnormal; its squares would underflow unscaled
    }

    @Test
    void edges() {
        assertThat(Statistics.weightedMean(new double[0], new double[0])).isNaN();
        assertThat(Statistics.weightedMean(new double[] {1, 2}, new double[] {0, 0})).isNaN();
        assertThat(Statistics.weightedMean(new double[] {1, Double.NaN}, new double[] {1, 0})).isNaN();
        assertThat(Statistics.weightedMean(new double[] {1, Double.POSITIVE_INFINITY}, new double[] {1, 1})).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(Statistics.weightedVariance(new double[] {1, Double.POSITIVE_INFINITY}, new double[] {1, 1})).isNaN();
        assertThat(Statistics.weightedVariance(new double[] {5, 7}, new double[] {2, 0})).isZero();
        assertThat(Statistics.weightedSampleVariance(new double[] {5, 7}, null, new double[] {2, 0})).isNaN();
        assertThat(Statistics.weightedSampleVariance(new double[] {5, 7}, new double[] {1, 0}, null)).isNaN();
        assertThatThrownBy(() -> Statistics.weightedMean(new double[] {1, 2}, new double[] {1, -1}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("weights[1] = -1.0");
        assertThatThrownBy(() -> Statistics.weightedVariance(new double[] {1, 2}, new double[] {Double.NaN, 1}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[0] = NaN");
        assertThatThrownBy(() -> Statistics.weightedSampleVariance(new double[] {1, 2}, new double[] {1}, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("frequencyWeights");
        assertThatThrownBy(() -> Statistics.weightedMean(null, new double[0])).isInstanceOf(NullPointerException.class);
        RunningStats stats = new RunningStats();
        assertThatThrownBy(() -> stats.accept(1, -1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> stats.accept(1, Double.POSITIVE_INFINITY)).isInstanceOf(IllegalArgumentException.class);
        stats.accept(3, 0);
        assertThat(stats.count()).isEqualTo(1);
        assertThat(stats.mean()).isNaN();
        assertThat(stats.max()).isEqualTo(3.0);
        stats.accept(5, 2);
        assertThat(stats.mean()).isEqualTo(5.0);
        assertThat(stats.variance()).isZero();
        assertThat(stats.sampleVariance()).isZero(); // two occurrences of 5
        assertThat(stats.reliabilityWeightedSampleVariance()).isNaN(); // one reliable value
        stats.accept(Double.NaN, 0);
        assertThat(stats.mean()).isNaN();
    }
}
