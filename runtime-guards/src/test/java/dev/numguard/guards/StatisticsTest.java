package dev.numguard.guards;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.MathContext;
import org.junit.jupiter.api.Test;

class StatisticsTest {

    private static final double NaN = Double.NaN;
    private static final double INF = Double.POSITIVE_INFINITY;

    @Test
    void smallExamplesGiveTheirExactValues() {
        double[] x = {1, 2, 3, 4};
        assertThat(Statistics.mean(x)).isEqualTo(2.5);
        assertThat(Statistics.variance(x)).isEqualTo(1.25);                // numpy.var
        assertThat(Statistics.sampleVariance(x)).isEqualTo(5.0 / 3);       // numpy.var(ddof=1)
        assertThat(Statistics.standardDeviation(x)).isEqualTo(Math.sqrt(1.25));
        assertThat(Statistics.sampleStandardDeviation(x)).isEqualTo(Math.sqrt(5.0 / 3));
        double[] y = {2, 4, 6, 9};
        assertThat(Statistics.covariance(x, y)).isEqualTo(2.875);          // numpy.cov(x, y, bias=True)
        assertThat(Statistics.sampleCovariance(x, y)).isEqualTo(11.5 / 3); // numpy.cov(x, y)
        assertThat(Statistics.covariance(x, x)).isEqualTo(Statistics.variance(x));
    }

    @Test
    void varianceOfAHugeOffsetPlusSmallValuesIsExact() {
        // The demo's case: 1e8 + [1..5] has variance exactly 2 (population) and 2.5 (sample).
        double[] x = {1e8 + 1, 1e8 + 2, 1e8 + 3, 1e8 + 4, 1e8 + 5};
        assertThat(Statistics.variance(x)).isEqualTo(2.0);
        assertThat(Statistics.sampleVariance(x)).isEqualTo(2.5);
        assertThat(Statistics.mean(x)).isEqualTo(1e8 + 3);
        double[] e15 = {1e15 + 1, 1e15 + 2, 1e15 + 3, 1e15 + 4, 1e15 + 5};
        assertThat(Statistics.variance(e15)).isEqualTo(2.0);
        float[] f = {1e4f + 1, 1e4f + 2, 1e4f + 3, 1e4f + 4, 1e4f + 5};
        assertThat(Statistics.variance(f)).isEqualTo(2.0f);
        assertThat(Statistics.mean(f)).isEqualTo(1e4f + 3);
    }

    @Test
    void emptyInputGivesNaNEverywhere() {
        double[] empty = {};
        assertThat(Statistics.mean(empty)).isNaN();
        assertThat(Statistics.variance(empty)).isNaN();
        assertThat(Statistics.sampleVariance(empty)).isNaN();
        assertThat(Statistics.standardDeviation(empty)).isNaN();
        assertThat(Statistics.sampleStandardDeviation(empty)).isNaN();
        assertThat(Statistics.covariance(empty, empty)).isNaN();
        assertThat(Statistics.sampleCovariance(empty, empty)).isNaN();
        assertThat(Statistics.layerNorm(empty, 1e-5)).isEmpty();
        float[] emptyFloats = {};
        assertThat(Statistics.mean(emptyFloats)).isNaN();
        assertThat(Statistics.variance(emptyFloats)).isNaN();
        assertThat(Statistics.sampleStandardDeviation(emptyFloats)).isNaN();
        assertThat(Statistics.covariance(emptyFloats, emptyFloats)).isNaN();
        assertThat(Statistics.layerNorm(emptyFloats, 1e-5f)).isEmpty();
        assertThat(Statistics.mean(new double[] {1, 2, 3}, 1, 0)).isNaN();
    }

    @Test
    void oneValueHasZeroPopulationAndNaNSampleVariance() {
        double[] one = {42.5};
        assertThat(Statistics.mean(one)).isEqualTo(42.5);
        assertThat(Statistics.variance(one)).isZero();
        assertThat(Statistics.standardDeviation(one)).isZero();
        assertThat(Statistics.sampleVariance(one)).isNaN();
        assertThat(Statistics.sampleStandardDeviation(one)).isNaN();
        assertThat(Statistics.covariance(one, new double[] {7})).isZero();
        assertThat(Statistics.sampleCovariance(one, new double[] {7})).isNaN();
        assertThat(Statistics.variance(new double[] {1e300})).isZero();
        assertThat(Statistics.variance(new float[] {3f})).isZero();
        assertThat(Statistics.sampleVariance(new float[] {3f})).isNaN();
        assertThat(Statistics.variance(new double[] {INF})).isNaN();
    }

    @Test
    void nanPropagates() {
        double[] x = {1, NaN, 3};
        assertThat(Statistics.mean(x)).isNaN();
        assertThat(Statistics.variance(x)).isNaN();
        assertThat(Statistics.sampleStandardDeviation(x)).isNaN();
        assertThat(Statistics.covariance(x, new double[] {1, 2, 3})).isNaN();
        assertThat(Statistics.covariance(new double[] {1, 2, 3}, x)).isNaN();
        assertThat(Statistics.layerNorm(x, 1e-5)).containsOnly(NaN);
        assertThat(Statistics.mean(new float[] {1, Float.NaN})).isNaN();
        assertThat(Statistics.variance(new float[] {1, Float.NaN})).isNaN();
        assertThat(Statistics.mean(new double[] {NaN, INF})).isNaN();
    }

    @Test
    void infinityGivesAnInfiniteMeanAndNaNVariance() {
        assertThat(Statistics.mean(new double[] {1, INF})).isEqualTo(INF);
        assertThat(Statistics.mean(new double[] {-INF, 1, -INF})).isEqualTo(-INF);
        assertThat(Statistics.mean(new double[] {INF, -INF})).isNaN();
        assertThat(Statistics.variance(new double[] {1, INF})).isNaN();
        assertThat(Statistics.standardDeviation(new double[] {INF, INF})).isNaN();
        assertThat(Statistics.sampleVariance(new double[] {-INF, 0})).isNaN();
        assertThat(Statistics.covariance(new double[] {1, INF}, new double[] {1, 2})).isNaN();
        assertThat(Statistics.layerNorm(new double[] {1, INF, 2}, 1e-5)).containsOnly(NaN);
        assertThat(Statistics.mean(new float[] {1, Float.POSITIVE_INFINITY})).isEqualTo(Float.POSITIVE_INFINITY);
        assertThat(Statistics.mean(new float[] {Float.NEGATIVE_INFINITY, 1})).isEqualTo(Float.NEGATIVE_INFINITY);
        assertThat(Statistics.mean(new float[] {Float.NEGATIVE_INFINITY, Float.POSITIVE_INFINITY})).isNaN();
        assertThat(Statistics.variance(new float[] {1, Float.POSITIVE_INFINITY})).isNaN();
        assertThat(Statistics.covariance(new float[] {1, 2}, new float[] {1, Float.NEGATIVE_INFINITY})).isNaN();
        assertThat(Statistics.layerNorm(new float[] {1, Float.NEGATIVE_INFINITY}, 0f)).containsOnly(Float.NaN);
    }

    @Test
    void hugeValuesDoNotOverflowUnlessTheAnswerDoes() {
        double max = Double.MAX_VALUE;
        assertThat(Statistics.mean(new double[] {max, max, max})).isEqualTo(max);
        assertThat(Statistics.mean(new double[] {max, max / 2})).isEqualTo(0.75 * max);
        assertThat(Statistics.mean(new double[] {max, -max})).isZero();
        // ±1e300: variance 1e600 overflows, its square root does not.
        double[] plusMinus = {1e300, -1e300, 1e300, -1e300};
        assertThat(Statistics.variance(plusMinus)).isEqualTo(INF);
        assertThat(Statistics.standardDeviation(plusMinus)).isEqualTo(1e300);
        double exactSampleSd = new BigDecimal("1e600").multiply(BigDecimal.valueOf(4)).divide(BigDecimal.valueOf(3),
                MathContext.DECIMAL128).sqrt(MathContext.DECIMAL128).doubleValue();
        assertThat(Statistics.sampleStandardDeviation(plusMinus))
                .isCloseTo(exactSampleSd, org.assertj.core.data.Offset.offset(Math.ulp(exactSampleSd)));
        assertThat(Statistics.standardDeviation(new double[] {max, -max})).isEqualTo(max);
        // 1e200 + small spread: squares of deviations near 1e186 are fine, of 1e200 not.
        double[] wide = {1e200, 2e200, 3e200};
        assertThat(Statistics.sampleStandardDeviation(wide)).isEqualTo(1e200);
        assertThat(Statistics.sampleVariance(wide)).isEqualTo(INF);
        assertThat(Statistics.covariance(new double[] {1e200, -1e200}, new double[] {1e200, -1e200})).isEqualTo(INF);
        assertThat(Statistics.covariance(new double[] {1e200, -1e200}, new double[] {1e-200, -1e-200}))
                .isEqualTo(1.0);
    }

    @Test
    void tinyValuesKeepTheirSpread() {
        double[] tiny = {1e-300, 2e-300, 3e-300};
        assertThat(Statistics.sampleStandardDeviation(tiny))
                .isEqualTo(ExactMoments.standardDeviation(tiny, 1).doubleValue());
        assertThat(Statistics.sampleVariance(tiny)).isZero(); // 1e-600 underflows, as it should
        double[] subnormal = {Double.MIN_VALUE, 3 * Double.MIN_VALUE};
        assertThat(Statistics.standardDeviation(subnormal)).isEqualTo(Double.MIN_VALUE);
        assertThat(Statistics.mean(subnormal)).isEqualTo(2 * Double.MIN_VALUE);
        assertThat(Statistics.covariance(new double[] {1e-200, -1e-200}, new double[] {1e200, -1e200}))
                .isEqualTo(1.0);
        assertThat(Statistics.variance(new double[] {0, 0, 0})).isZero();
        assertThat(Statistics.variance(new double[] {-0.0, 0.0})).isZero();
    }

    @Test
    void constantDataHasZeroVarianceEvenWhenTheMeanRounds() {
        double[] constant = new double[1001];
        java.util.Arrays.fill(constant, 0.1);
        assertThat(Statistics.variance(constant)).isZero();
        assertThat(Statistics.sampleStandardDeviation(constant)).isZero();
        assertThat(Statistics.mean(constant)).isEqualTo(0.1);
        float[] constantFloats = new float[999];
        java.util.Arrays.fill(constantFloats, 1.1f);
        assertThat(Statistics.variance(constantFloats)).isZero();
    }

    @Test
    void offsetLengthOverloadsUseOnlyTheirRange() {
        double[] x = {NaN, 1, 2, 3, 4, INF};
        assertThat(Statistics.mean(x, 1, 4)).isEqualTo(2.5);
        assertThat(Statistics.variance(x, 1, 4)).isEqualTo(1.25);
        assertThat(Statistics.sampleVariance(x, 1, 4)).isEqualTo(5.0 / 3);
        assertThat(Statistics.standardDeviation(x, 1, 4)).isEqualTo(Math.sqrt(1.25));
        assertThat(Statistics.sampleStandardDeviation(x, 1, 4)).isEqualTo(Math.sqrt(5.0 / 3));
        float[] f = {Float.NaN, 1, 2, 3, 4, Float.NaN};
        assertThat(Statistics.mean(f, 1, 4)).isEqualTo(2.5f);
        assertThat(Statistics.variance(f, 1, 4)).isEqualTo(1.25f);
        assertThat(Statistics.sampleVariance(f, 1, 4)).isEqualTo((float) (5.0 / 3));
        assertThat(Statistics.standardDeviation(f, 1, 4)).isEqualTo((float) Math.sqrt(1.25));
        assertThat(Statistics.sampleStandardDeviation(f, 1, 4)).isEqualTo((float) Math.sqrt(5.0 / 3));
        assertThatThrownBy(() -> Statistics.mean(x, 3, 4)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> Statistics.variance(x, -1, 2)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> Statistics.sampleStandardDeviation(f, 5, 2))
                .isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void badArgumentsThrow() {
        assertThatThrownBy(() -> Statistics.covariance(new double[2], new double[3]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2").hasMessageContaining("3");
        assertThatThrownBy(() -> Statistics.sampleCovariance(new float[2], new float[1]))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Statistics.mean((double[]) null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> Statistics.variance((float[]) null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> Statistics.covariance(null, new double[1])).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> Statistics.layerNorm(new double[2], 1e-5, new double[3]))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Statistics.layerNorm(new double[2], -1e-5))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("eps");
        assertThatThrownBy(() -> Statistics.layerNorm(new double[2], NaN)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Statistics.layerNorm(new float[2], Float.POSITIVE_INFINITY))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Statistics.layerNorm(new double[4], 0, 4, 1e-5, new double[3], 0))
                .isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void layerNormMatchesTheDefinition() {
        double[] x = {1, 2, 3};
        double[] normalized = Statistics.layerNorm(x, 1e-5);
        // torch.nn.functional.layer_norm(torch.tensor([1., 2., 3.], dtype=torch.float64), (3,))
        BigDecimal denominator = new BigDecimal(2.0 / 3).add(new BigDecimal(1e-5)).sqrt(MathContext.DECIMAL128);
        double expected = BigDecimal.ONE.divide(denominator, MathContext.DECIMAL128).doubleValue();
        assertThat(normalized[0]).isCloseTo(-expected, org.assertj.core.data.Offset.offset(Math.ulp(expected) * 2));
        assertThat(normalized[1]).isZero();
        assertThat(normalized[2]).isCloseTo(expected, org.assertj.core.data.Offset.offset(Math.ulp(expected) * 2));
        assertThat(Statistics.layerNorm(new double[] {5, 5, 5}, 1e-5)).containsOnly(0.0);
        assertThat(Statistics.layerNorm(new double[] {5, 5, 5}, 0)).containsOnly(NaN);
        assertThat(Statistics.layerNorm(new double[] {7}, 1e-5)).containsExactly(0.0);
    }

    @Test
    void layerNormIsShiftAndScaleInvariantAcrossTheWholeRange() {
        double[] base = {-1.5, 0.25, 2, 3.75, -0.5};
        double[] reference = Statistics.layerNorm(base, 0);
        for (double scale : new double[] {1e-300, 1e-160, 1, 1e160, 1e300}) {
            double[] scaled = new double[base.length];
            for (int i = 0; i < base.length; i++) {
                scaled[i] = base[i] * scale;
            }
            double[] normalized = Statistics.layerNorm(scaled, 0);
            for (int i = 0; i < base.length; i++) {
                assertThat(normalized[i]).as("scale %s", scale)
                        .isCloseTo(reference[i], org.assertj.core.data.Offset.offset(1e-15));
            }
        }
        double[] shifted = {1e8 - 1.5, 1e8 + 0.25, 1e8 + 2, 1e8 + 3.75, 1e8 - 0.5};
        double[] normalized = Statistics.layerNorm(shifted, 0);
        for (int i = 0; i < base.length; i++) {
            assertThat(normalized[i]).isCloseTo(reference[i], org.assertj.core.data.Offset.offset(1e-15));
        }
        double[] extremes = Statistics.layerNorm(new double[] {Double.MAX_VALUE, -Double.MAX_VALUE}, 1e-5);
        assertThat(extremes).containsExactly(1.0, -1.0);
        // Tiny data with eps: eps dominates, outputs are (x - mean) / sqrt(eps), not 0.
        double[] tiny = Statistics.layerNorm(new double[] {1e-300, -1e-300}, 1e-4);
        assertThat(tiny[0]).isCloseTo(1e-298, org.assertj.core.data.Offset.offset(1e-312));
        assertThat(tiny[1]).isCloseTo(-1e-298, org.assertj.core.data.Offset.offset(1e-312));
    }

    @Test
    void layerNormWritesIntoItsOutputInPlaceAndRowByRow() {
        double[] rows = {1, 2, 3, 10, 20, 30};
        double[] expectedRow = Statistics.layerNorm(new double[] {1, 2, 3}, 1e-5);
        Statistics.layerNorm(rows, 0, 3, 1e-5, rows, 0);
        Statistics.layerNorm(rows, 3, 3, 1e-5, rows, 3);
        assertThat(java.util.Arrays.copyOfRange(rows, 0, 3)).containsExactly(expectedRow);
        assertThat(java.util.Arrays.copyOfRange(rows, 3, 6))
                .containsExactly(Statistics.layerNorm(new double[] {10, 20, 30}, 1e-5));
        double[] x = {4, 8};
        assertThat(Statistics.layerNorm(x, 0, x)).isSameAs(x).containsExactly(-1.0, 1.0);
        float[] f = {4, 8, 6};
        float[] out = new float[3];
        assertThat(Statistics.layerNorm(f, 0f, out)).isSameAs(out);
        assertThat(out[2]).isZero();
        assertThat(out[0]).isEqualTo((float) (-2 / Math.sqrt(8.0 / 3)));
        float[] floatRows = {0, 0, 1, 2, 3};
        Statistics.layerNorm(floatRows, 2, 3, 1e-5f, floatRows, 2);
        assertThat(floatRows[2]).isEqualTo((float) expectedRow[0]);
        assertThat(Statistics.layerNorm(new float[] {1, 2, 3}, 1e-5f))
                .containsExactly((float) expectedRow[0], 0f, (float) expectedRow[2]);
    }

    @Test
    void floatOverloadsAccumulateInDouble() {
        // 1e7 + 0.1 steps are not floats, but the float values' own statistics are exact in double.
        float[] f = {16777216f, 16777218f, 16777220f}; // 2^24 + {0, 2, 4}
        assertThat(Statistics.mean(f)).isEqualTo(16777218f);
        assertThat(Statistics.sampleVariance(f)).isEqualTo(4f);
        float[] huge = {Float.MAX_VALUE, Float.MAX_VALUE};
        assertThat(Statistics.mean(huge)).isEqualTo(Float.MAX_VALUE);
        assertThat(Statistics.standardDeviation(new float[] {Float.MAX_VALUE, -Float.MAX_VALUE})).isEqualTo(Float.MAX_VALUE);
        assertThat(Statistics.variance(new float[] {Float.MAX_VALUE, -Float.MAX_VALUE})).isEqualTo(Float.POSITIVE_INFINITY);
        assertThat(Statistics.standardDeviation(new float[] {Float.MIN_VALUE, 3 * Float.MIN_VALUE}))
                .isEqualTo(Float.MIN_VALUE);
        assertThat(Statistics.covariance(new float[] {1, 2, 3}, new float[] {2, 4, 6})).isEqualTo((float) (4.0 / 3));
        assertThat(Statistics.sampleCovariance(new float[] {1, 2, 3}, new float[] {2, 4, 6})).isEqualTo(2f);
    }
}
