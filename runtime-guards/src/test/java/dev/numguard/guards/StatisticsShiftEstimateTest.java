package dev.numguard.guards;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Hostile data for the variance's fast path, which centres on a mean estimated from 32 evenly
 * spaced values: data whose sampled values lie far from the rest, and non-finite values that the
 * sample does not see.
 */
class StatisticsShiftEstimateTest {

    private static final int N = 1000;
    private static final int STRIDE = N / 32;

    @Test
    void sampledValuesFarFromTheRestStillGiveTheExactVariance() {
        SplittableRandom random = new SplittableRandom(32);
        double[] x = new double[N];
        for (int i = 0; i < N; i++) {
            x[i] = i % STRIDE == 0 ? 1e15 : random.nextGaussian();
        }
        assertThat(ExactMoments.ulpsFrom(Statistics.variance(x), ExactMoments.variance(x, 0))).isLessThanOrEqualTo(4.0);
        assertThat(ExactMoments.ulpsFrom(Statistics.sampleStandardDeviation(x), ExactMoments.standardDeviation(x, 1)))
                .isLessThanOrEqualTo(3.0);
    }

    @Test
    void aSampleFromOneEndOfATrendStillGivesTheExactVariance() {
        double[] x = new double[N];
        for (int i = 0; i < N; i++) {
            x[i] = 1e9 + (i % STRIDE == 0 ? -1e6 : i * 1e-3);
        }
        assertThat(ExactMoments.ulpsFrom(Statistics.variance(x), ExactMoments.variance(x, 0))).isLessThanOrEqualTo(4.0);
        float[] f = new float[N];
        for (int i = 0; i < N; i++) {
            f[i] = i % STRIDE == 0 ? 1e6f : i * 1e-3f;
        }
        double[] wide = new double[N];
        for (int i = 0; i < N; i++) {
            wide[i] = f[i];
        }
        assertThat(ExactMoments.floatUlpsFrom(Statistics.variance(f), ExactMoments.variance(wide, 0))).isLessThanOrEqualTo(1.0);
    }

    @Test
    void nonFiniteValuesTheSampleDoesNotSeeStillGiveNaN() {
        for (double bad : new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}) {
            double[] x = new double[N];
            float[] f = new float[N];
            for (int i = 0; i < N; i++) {
                x[i] = i;
                f[i] = i;
            }
            x[1] = bad;
            f[1] = (float) bad;
            assertThat(Statistics.variance(x)).as("%s", bad).isNaN();
            assertThat(Statistics.sampleStandardDeviation(x)).as("%s", bad).isNaN();
            assertThat(Statistics.variance(f)).as("%s", bad).isNaN();
            assertThat(Statistics.standardDeviation(f)).as("%s", bad).isNaN();
        }
    }

    @Test
    void aLoneValueHasVarianceZeroUnlessItIsNotFinite() {
        assertThat(Statistics.variance(new double[] {5})).isZero();
        assertThat(Statistics.variance(new double[] {Double.NaN})).isNaN();
        assertThat(Statistics.variance(new double[] {Double.POSITIVE_INFINITY})).isNaN();
        assertThat(Statistics.sampleVariance(new double[] {5})).isNaN();
        assertThat(Statistics.variance(new float[] {5})).isZero();
        assertThat(Statistics.variance(new float[] {Float.NaN})).isNaN();
    }
}
