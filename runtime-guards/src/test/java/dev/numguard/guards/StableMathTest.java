package dev.numguard.guards;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** Oracle values and edge semantics of {@link StableMath} (the property tests are in StableMathPropertyTest). */
class StableMathTest {

    private static final double INF = Double.POSITIVE_INFINITY;
    private static final double NAN = Double.NaN;

    private static double[] naiveSoftmax(double[] x) {
        double sum = 0;
        for (double v : x) {
            sum += Math.exp(v);
        }
        double[] out = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = Math.exp(x[i]) / sum;
        }
        return out;
    }

    private static double naiveLogSumExp(double[] x) {
        double sum = 0;
        for (double v : x) {
            sum += Math.exp(v);
        }
        return Math.log(sum);
    }

    private static void assertCorrectlyRoundedWithin(double computed, BigDecimal exact, double ulps) {
        assertThat(HighPrecision.ulpError(computed, exact)).as("ulp error of %s", computed).isLessThanOrEqualTo(ulps);
    }

    @Nested
    class PublishedOracles {

        @Test
        void softmaxOfArange4MatchesScipyAndTheReference() {
            double[] p = StableMath.softmax(new double[] {0, 1, 2, 3});
            // published (SciPy docs, 8 significant digits)
            assertThat(p).containsExactly(new double[] {0.0320586, 0.08714432, 0.23688282, 0.64391426}, within(5e-9));
            // full precision: within an ulp of the 60-digit value
            BigDecimal[] exact = HighPrecision.softmax(new double[] {0, 1, 2, 3});
            for (int i = 0; i < 4; i++) {
                assertCorrectlyRoundedWithin(p[i], exact[i], 1.0);
            }
        }

        @Test
        void logSoftmaxOf1000And1IsExactly0AndMinus999() {
            assertThat(StableMath.logSoftmax(new double[] {1000.0, 1.0})).containsExactly(0.0, -999.0);
            assertThat(StableMath.logSoftmax(new float[] {1000f, 1f})).containsExactly(0f, -999f);
        }

        @Test
        void logSumExpOfTwoThousandsIsThousandPlusLn2() {
            double lse = StableMath.logSumExp(new double[] {1000, 1000});
            assertThat(lse).isEqualTo(1000 + Math.log(2));
            assertThat(lse).isEqualTo(HighPrecision.toDouble(BigDecimal.valueOf(1000).add(HighPrecision.ln2())));
            assertThat(StableMath.logSumExp(new float[] {1000f, 1000f})).isEqualTo((float) (1000 + Math.log(2)));
        }

        @Test
        void scipyLogSumExpDocExamples() {
            double[] a = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9};
            assertThat(StableMath.logSumExp(a)).isEqualTo(9.4586297444267107);
            double[] b = {10, 9, 8, 7, 6, 5, 4, 3, 2, 1};
            assertThat(StableMath.logSumExp(a, b)).isEqualTo(9.9170178533034665);
            SignedLogSum signed = StableMath.logSumExpWithSign(new double[] {1, 2}, new double[] {1, -1});
            assertThat(signed.logAbs()).isCloseTo(1.5413248546129181, within(4e-16));
            assertThat(signed.sign()).isEqualTo(-1.0);
            assertCorrectlyRoundedWithin(signed.logAbs(),
                    HighPrecision.log(HighPrecision.exp(BigDecimal.valueOf(2)).subtract(HighPrecision.exp(BigDecimal.ONE))), 1.0);
            assertThat(StableMath.logSumExp(new double[] {1, 2}, new double[] {1, -1})).isNaN();
        }

        @Test
        void crossEntropyOfOneTwoThree() {
            // −log softmax([1,2,3])[2] = log(e + e² + e³) − 3
            double ce = StableMath.crossEntropy(new double[] {1, 2, 3}, 2);
            assertThat(ce).isCloseTo(0.40760596, within(5e-9));
            assertCorrectlyRoundedWithin(ce,
                    HighPrecision.logSumExp(new double[] {1, 2, 3}).subtract(BigDecimal.valueOf(3)), 1.0);
            assertThat(StableMath.crossEntropy(new double[] {1, 2, 3}, 0)).isEqualTo(ce + 2);
        }
    }

    @Nested
    class NaiveFormulasFailWhereStableOnesDoNot {

        @Test
        void naiveSoftmaxOfLargeLogitsIsNaN() {
            double[] x = {1000, 1001, 1002};
            assertThat(naiveSoftmax(x)).containsOnly(NAN);
            double[] stable = StableMath.softmax(x);
            BigDecimal[] exact = HighPrecision.softmax(new double[] {0, 1, 2}); // shift-invariant
            for (int i = 0; i < 3; i++) {
                assertCorrectlyRoundedWithin(stable[i], exact[i], 1.0);
            }
            assertThat(stable).containsExactly(new double[] {0.09003057, 0.24472847, 0.66524096}, within(5e-9));
        }

        @Test
        void naiveLogSumExpOverflowsAndUnderflows() {
            assertThat(naiveLogSumExp(new double[] {1000, 1000})).isEqualTo(INF);
            assertThat(naiveLogSumExp(new double[] {-1000, -1000})).isEqualTo(Double.NEGATIVE_INFINITY);
            assertThat(StableMath.logSumExp(new double[] {-1000, -1000})).isEqualTo(-1000 + Math.log(2));
        }

        @Test
        void naiveFloatLogSumExpOverflowsAt89() {
            float sum = 0f;
            for (float v : new float[] {89f, 89f}) {
                sum += (float) Math.exp(v);
            }
            assertThat(sum).isEqualTo(Float.POSITIVE_INFINITY);
            assertThat(StableMath.logSumExp(new float[] {89f, 89f})).isEqualTo((float) (89 + Math.log(2)));
        }

        @Test
        void naiveLogOfSigmoidUnderflows() {
            double naive = Math.log(1 / (1 + Math.exp(800)));
            assertThat(naive).isEqualTo(Double.NEGATIVE_INFINITY);
            assertThat(StableMath.logSigmoid(-800.0)).isEqualTo(-800.0);
        }

        @Test
        void naiveCrossEntropyBreaksOnConfidentLogits() {
            double[] logits = {800, 0};
            double naive = -Math.log(naiveSoftmax(logits)[1]); // exp(0)/Infinity = 0
            assertThat(naive).isEqualTo(INF);
            assertThat(-Math.log(naiveSoftmax(logits)[0])).isNaN(); // Infinity/Infinity
            assertThat(StableMath.crossEntropy(logits, 1)).isEqualTo(800.0);
        }
    }

    @Nested
    class LogSumExpEdges {

        @Test
        void emptyIsMinusInfinity() {
            assertThat(StableMath.logSumExp(new double[0])).isEqualTo(Double.NEGATIVE_INFINITY);
            assertThat(StableMath.logSumExp(new float[0])).isEqualTo(Float.NEGATIVE_INFINITY);
            assertThat(StableMath.logSumExp(new double[] {1, 2}, 1, 0)).isEqualTo(Double.NEGATIVE_INFINITY);
        }

        @Test
        void infinitiesAndNaN() {
            assertThat(StableMath.logSumExp(new double[] {-INF, -INF})).isEqualTo(-INF);
            assertThat(StableMath.logSumExp(new double[] {-INF, 0})).isEqualTo(0.0);
            assertThat(StableMath.logSumExp(new double[] {INF, 1})).isEqualTo(INF);
            assertThat(StableMath.logSumExp(new double[] {1, INF, -INF})).isEqualTo(INF);
            assertThat(StableMath.logSumExp(new double[] {INF, INF})).isEqualTo(INF);
            assertThat(StableMath.logSumExp(new double[] {NAN, 1})).isNaN();
            assertThat(StableMath.logSumExp(new double[] {1, NAN})).isNaN();
            assertThat(StableMath.logSumExp(new double[] {INF, NAN})).isNaN();
            assertThat(StableMath.logSumExp(new double[] {NAN, INF})).isNaN();
            assertThat(StableMath.logSumExp(new double[] {-INF, NAN})).isNaN();
            assertThat(StableMath.logSumExp(new float[] {Float.NEGATIVE_INFINITY})).isEqualTo(Float.NEGATIVE_INFINITY);
            assertThat(StableMath.logSumExp(new float[] {1f, Float.NaN})).isNaN();
            assertThat(StableMath.logSumExp(new float[] {1f, Float.POSITIVE_INFINITY})).isEqualTo(Float.POSITIVE_INFINITY);
        }

        @Test
        void extremeMagnitudes() {
            assertThat(StableMath.logSumExp(new double[] {1e308, -1e308})).isEqualTo(1e308);
            assertThat(StableMath.logSumExp(new double[] {Double.MAX_VALUE, Double.MAX_VALUE})).isEqualTo(Double.MAX_VALUE);
            assertThat(StableMath.logSumExp(new double[] {-1e308, -1e308})).isEqualTo(-1e308);
            assertThat(StableMath.logSumExp(new double[] {Double.MIN_VALUE})).isEqualTo(Double.MIN_VALUE);
            assertThat(StableMath.logSumExp(new double[] {0, -40})).isEqualTo(Math.exp(-40)); // log1p keeps it
            assertThat(StableMath.logSumExp(new double[] {42})).isEqualTo(42);
        }

        @Test
        void rangeOverloadsReadOnlyTheirSlice() {
            double[] x = {INF, 1, 2, NAN};
            assertThat(StableMath.logSumExp(x, 1, 2)).isEqualTo(StableMath.logSumExp(new double[] {1, 2}));
            float[] f = {Float.NaN, 1f, 2f, Float.POSITIVE_INFINITY};
            assertThat(StableMath.logSumExp(f, 1, 2)).isEqualTo(StableMath.logSumExp(new float[] {1f, 2f}));
        }
    }

    @Nested
    class WeightedLogSumExp {

        @Test
        void zeroWeightsRemoveTheirTermsEntirely() {
            assertThat(StableMath.logSumExp(new double[] {INF, 1}, new double[] {0, 1})).isEqualTo(1.0);
            assertThat(StableMath.logSumExp(new double[] {NAN, 1}, new double[] {0, 1})).isEqualTo(1.0);
            assertThat(StableMath.logSumExp(new double[] {5, 1}, new double[] {0, 0})).isEqualTo(-INF);
            assertThat(StableMath.logSumExpWithSign(new double[] {5}, new double[] {0}))
                    .isEqualTo(new SignedLogSum(-INF, 0.0));
            assertThat(StableMath.logSumExp(new double[0], new double[0])).isEqualTo(-INF);
        }

        @Test
        void unitWeightsAgreeWithTheUnweightedForm() {
            double[] x = {-3.5, 0.25, 7, 7, -1e3};
            double[] ones = {1, 1, 1, 1, 1};
            assertThat(StableMath.logSumExp(x, ones)).isCloseTo(StableMath.logSumExp(x), within(2e-15));
        }

        @Test
        void signsAndCancellation() {
            assertThat(StableMath.logSumExpWithSign(new double[] {3, 3}, new double[] {2, -2}))
                    .isEqualTo(new SignedLogSum(-INF, 0.0));
            SignedLogSum negative = StableMath.logSumExpWithSign(new double[] {1000, 999}, new double[] {-1, 0.5});
            assertThat(negative.sign()).isEqualTo(-1.0);
            assertCorrectlyRoundedWithin(negative.logAbs(), HighPrecision.exact(1000).add(HighPrecision.log(
                    BigDecimal.ONE.subtract(new BigDecimal("0.5").multiply(HighPrecision.exp(BigDecimal.ONE.negate()))))), 2);
            // a tiny remainder after cancellation keeps its digits
            SignedLogSum tiny = StableMath.logSumExpWithSign(new double[] {0, 0, -40}, new double[] {1, -1, 1});
            assertThat(tiny.sign()).isEqualTo(1.0);
            assertThat(tiny.logAbs()).isEqualTo(-40.0);
            assertThat(tiny.value()).isEqualTo(Math.exp(-40));
            assertThat(new SignedLogSum(-INF, 0.0).value()).isEqualTo(0.0);
        }

        @Test
        void infinitiesAndNaN() {
            assertThat(StableMath.logSumExpWithSign(new double[] {INF, 1}, new double[] {2, -1}))
                    .isEqualTo(new SignedLogSum(INF, 1.0));
            assertThat(StableMath.logSumExpWithSign(new double[] {INF, 1}, new double[] {-2, 1}))
                    .isEqualTo(new SignedLogSum(INF, -1.0));
            assertThat(StableMath.logSumExp(new double[] {INF, 1}, new double[] {-2, 1})).isNaN();
            SignedLogSum both = StableMath.logSumExpWithSign(new double[] {INF, INF}, new double[] {1, -1});
            assertThat(both.logAbs()).isNaN();
            assertThat(both.sign()).isNaN();
            assertThat(StableMath.logSumExp(new double[] {NAN, 1}, new double[] {1, 1})).isNaN();
            assertThat(StableMath.logSumExp(new double[] {1, 1}, new double[] {NAN, 1})).isNaN();
            assertThat(StableMath.logSumExp(new double[] {-INF, -INF}, new double[] {1, 1})).isEqualTo(-INF);
            assertThat(StableMath.logSumExpWithSign(new double[] {1, 2}, new double[] {INF, 1}))
                    .isEqualTo(new SignedLogSum(INF, 1.0));
            assertThat(StableMath.logSumExp(new double[] {1e308, 0}, new double[] {1, 1})).isEqualTo(1e308);
        }

        @Test
        void badArguments() {
            assertThatThrownBy(() -> StableMath.logSumExp(new double[2], new double[3]))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("same length");
            assertThatThrownBy(() -> StableMath.logSumExp(null, new double[3]))
                    .isInstanceOf(NullPointerException.class).hasMessage("x");
            assertThatThrownBy(() -> StableMath.logSumExpWithSign(new double[1], null))
                    .isInstanceOf(NullPointerException.class).hasMessage("b");
        }
    }

    @Nested
    class LogAddExp {

        @Test
        void matchesNumpyLogaddexp() {
            assertThat(StableMath.logAddExp(1000.0, 1000.0)).isEqualTo(1000 + Math.log(2));
            assertThat(StableMath.logAddExp(0.0, 0.0)).isEqualTo(Math.log(2));
            assertThat(StableMath.logAddExp(-INF, -INF)).isEqualTo(-INF);
            assertThat(StableMath.logAddExp(INF, INF)).isEqualTo(INF);
            assertThat(StableMath.logAddExp(INF, -INF)).isEqualTo(INF);
            assertThat(StableMath.logAddExp(-INF, 3.0)).isEqualTo(3.0);
            assertThat(StableMath.logAddExp(3.0, -INF)).isEqualTo(3.0);
            assertThat(StableMath.logAddExp(NAN, 1.0)).isNaN();
            assertThat(StableMath.logAddExp(1.0, NAN)).isNaN();
            assertThat(StableMath.logAddExp(INF, NAN)).isNaN();
            assertThat(StableMath.logAddExp(0.0, -800.0)).isEqualTo(0.0);
            assertThat(StableMath.logAddExp(0.0, -40.0)).isEqualTo(Math.exp(-40));
            assertThat(StableMath.logAddExp(100f, 100f)).isEqualTo((float) (100 + Math.log(2)));
            assertThat(StableMath.logAddExp(Float.NEGATIVE_INFINITY, 2f)).isEqualTo(2f);
            assertCorrectlyRoundedWithin(StableMath.logAddExp(2.5, -1.25),
                    HighPrecision.logSumExp(new double[] {2.5, -1.25}), 1.0);
        }
    }

    @Nested
    class SoftmaxEdges {

        @Test
        void emptyGivesEmpty() {
            assertThat(StableMath.softmax(new double[0])).isEmpty();
            assertThat(StableMath.logSoftmax(new double[0])).isEmpty();
            assertThat(StableMath.softmax(new float[0])).isEmpty();
            assertThat(StableMath.logSoftmax(new float[0])).isEmpty();
        }

        @Test
        void minusInfinityEntriesGetZeroProbability() {
            assertThat(StableMath.softmax(new double[] {-INF, 0, 0})).containsExactly(0.0, 0.5, 0.5);
            assertThat(StableMath.logSoftmax(new double[] {-INF, 0, 0}))
                    .containsExactly(-INF, -Math.log(2), -Math.log(2));
            assertThat(StableMath.softmax(new float[] {Float.NEGATIVE_INFINITY, 3f})).containsExactly(0f, 1f);
        }

        @Test
        void nonFiniteMaximumOrNaNGivesAllNaN() {
            for (double[] x : new double[][] {{-INF, -INF}, {INF, 1}, {INF, INF}, {1, NAN}, {NAN, 1}, {INF, NAN}}) {
                assertThat(StableMath.softmax(x)).as("softmax %s", java.util.Arrays.toString(x)).containsOnly(NAN);
                assertThat(StableMath.logSoftmax(x)).as("logSoftmax %s", java.util.Arrays.toString(x)).containsOnly(NAN);
            }
            assertThat(StableMath.softmax(new float[] {Float.POSITIVE_INFINITY, 0f})).containsOnly(Float.NaN);
            assertThat(StableMath.logSoftmax(new float[] {Float.NaN, 0f})).containsOnly(Float.NaN);
            assertThat(StableMath.softmax(new float[] {Float.NEGATIVE_INFINITY})).containsOnly(Float.NaN);
        }

        @Test
        void singleElement() {
            assertThat(StableMath.softmax(new double[] {-1e300})).containsExactly(1.0);
            assertThat(StableMath.logSoftmax(new double[] {1e300})).containsExactly(0.0);
        }

        @Test
        void inPlaceWritesAreSafe() {
            double[] x = {3, -1, 0.5, 1000};
            double[] expected = StableMath.softmax(x.clone());
            assertThat(StableMath.softmax(x, x)).isSameAs(x).containsExactly(expected);
            double[] y = {3, -1, 0.5, 1000};
            double[] expectedLog = StableMath.logSoftmax(y.clone());
            assertThat(StableMath.logSoftmax(y, y)).isSameAs(y).containsExactly(expectedLog);
            float[] f = {3f, -1f, 0.5f, 90f};
            float[] expectedF = StableMath.softmax(f.clone());
            assertThat(StableMath.softmax(f, f)).isSameAs(f).containsExactly(expectedF);
            float[] g = {3f, -1f, 0.5f, 90f};
            float[] expectedG = StableMath.logSoftmax(g.clone());
            assertThat(StableMath.logSoftmax(g, g)).isSameAs(g).containsExactly(expectedG);
        }

        @Test
        void badArguments() {
            assertThatThrownBy(() -> StableMath.softmax(new double[2], new double[3]))
                    .isInstanceOf(IllegalArgumentException.class).hasMessage("out must have the length of x (2), got 3");
            assertThatThrownBy(() -> StableMath.logSoftmax(new float[2], new float[1]))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> StableMath.softmax((double[]) null)).isInstanceOf(NullPointerException.class).hasMessage("x");
            assertThatThrownBy(() -> StableMath.softmax(new double[1], null)).isInstanceOf(NullPointerException.class).hasMessage("out");
            assertThatThrownBy(() -> StableMath.logSoftmax((float[]) null)).isInstanceOf(NullPointerException.class);
            assertThatThrownBy(() -> StableMath.logSumExp((double[]) null)).isInstanceOf(NullPointerException.class);
            assertThatThrownBy(() -> StableMath.logSumExp(new double[3], 2, 2)).isInstanceOf(IndexOutOfBoundsException.class);
            assertThatThrownBy(() -> StableMath.logSumExp(new float[3], -1, 2)).isInstanceOf(IndexOutOfBoundsException.class);
        }
    }

    @Nested
    class SigmoidFamilyEdges {

        @Test
        void sigmoid() {
            assertThat(StableMath.sigmoid(0.0)).isEqualTo(0.5);
            assertThat(StableMath.sigmoid(INF)).isEqualTo(1.0);
            assertThat(StableMath.sigmoid(-INF)).isEqualTo(0.0);
            assertThat(StableMath.sigmoid(NAN)).isNaN();
            assertThat(StableMath.sigmoid(-745.0)).isEqualTo(Math.exp(-745.0)); // no 1 − 1 rounding to 0
            assertThat(StableMath.sigmoid(800.0)).isEqualTo(1.0);
            assertThat(StableMath.sigmoid(-100f)).isEqualTo((float) Math.exp(-100));
            assertThat(StableMath.sigmoid(Float.NaN)).isNaN();
        }

        @Test
        void logSigmoidAndSoftplus() {
            assertThat(StableMath.logSigmoid(INF)).isEqualTo(0.0);
            assertThat(StableMath.logSigmoid(-INF)).isEqualTo(-INF);
            assertThat(StableMath.logSigmoid(NAN)).isNaN();
            assertThat(StableMath.logSigmoid(0.0)).isEqualTo(-Math.log(2));
            assertThat(StableMath.logSigmoid(40.0)).isEqualTo(-Math.exp(-40.0));
            assertThat(StableMath.softplus(INF)).isEqualTo(INF);
            assertThat(StableMath.softplus(-INF)).isEqualTo(0.0);
            assertThat(StableMath.softplus(NAN)).isNaN();
            assertThat(StableMath.softplus(1000.0)).isEqualTo(1000.0);
            assertThat(StableMath.softplus(-1000.0)).isEqualTo(0.0);
            assertThat(StableMath.softplus(-700.0)).isEqualTo(Math.exp(-700.0));
            assertThat(StableMath.softplus(0f)).isEqualTo((float) Math.log(2));
            assertThat(StableMath.logSigmoid(-200f)).isEqualTo(-200f);
        }

        @Test
        void binaryCrossEntropyWithLogits() {
            assertThat(StableMath.binaryCrossEntropyWithLogits(0.0, 1.0)).isEqualTo(Math.log(2));
            assertThat(StableMath.binaryCrossEntropyWithLogits(50.0, 1.0)).isEqualTo(Math.log1p(Math.exp(-50)));
            assertThat(StableMath.binaryCrossEntropyWithLogits(-50.0, 0.0)).isEqualTo(Math.log1p(Math.exp(-50)));
            assertThat(StableMath.binaryCrossEntropyWithLogits(1000.0, 0.0)).isEqualTo(1000.0);
            assertThat(StableMath.binaryCrossEntropyWithLogits(-1000.0, 1.0)).isEqualTo(1000.0);
            assertThat(StableMath.binaryCrossEntropyWithLogits(INF, 0.0)).isEqualTo(INF);
            assertThat(StableMath.binaryCrossEntropyWithLogits(-INF, 1.0)).isEqualTo(INF);
            assertThat(StableMath.binaryCrossEntropyWithLogits(INF, 1.0)).isNaN(); // 0·Infinity, as PyTorch
            assertThat(StableMath.binaryCrossEntropyWithLogits(-INF, 0.0)).isNaN();
            assertThat(StableMath.binaryCrossEntropyWithLogits(NAN, 0.5)).isNaN();
            assertThat(StableMath.binaryCrossEntropyWithLogits(1.0, NAN)).isNaN();
            // naive −[y log σ + (1−y) log(1−σ)] at x = 40, y = 1 rounds σ to 1 − 4e-18 … and 1 − σ to 0
            double naive = -Math.log(1 / (1 + Math.exp(-40.0)));
            assertThat(naive).isEqualTo(0.0);
            assertThat(StableMath.binaryCrossEntropyWithLogits(40.0, 1.0)).isEqualTo(Math.exp(-40.0));
        }

        @Test
        void binaryCrossEntropyMean() {
            double[] x = {0.0, 50.0, -1000.0};
            double[] y = {1.0, 1.0, 1.0};
            assertThat(StableMath.binaryCrossEntropyWithLogits(x, y)).isEqualTo((Math.log(2) + Math.log1p(Math.exp(-50)) + 1000) / 3);
            assertThat(StableMath.binaryCrossEntropyWithLogits(new double[0], new double[0])).isNaN();
            assertThat(StableMath.binaryCrossEntropyWithLogits(new float[] {0f, 0f}, new float[] {0f, 1f}))
                    .isEqualTo((float) Math.log(2));
            assertThat(StableMath.binaryCrossEntropyWithLogits(new float[0], new float[0])).isNaN();
            assertThat(StableMath.binaryCrossEntropyWithLogits(new double[] {INF, 0}, new double[] {1, 0})).isNaN();
            assertThatThrownBy(() -> StableMath.binaryCrossEntropyWithLogits(new double[2], new double[1]))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("same length");
            assertThatThrownBy(() -> StableMath.binaryCrossEntropyWithLogits(new float[2], null))
                    .isInstanceOf(NullPointerException.class).hasMessage("targets");
        }
    }
}
