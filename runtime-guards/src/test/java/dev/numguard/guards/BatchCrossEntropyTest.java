package dev.numguard.guards;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * The batch cross-entropy against the formula of {@code torch.nn.functional.cross_entropy} (class
 * weights, ignore_index, label_smoothing, reduction), checked on hand-computable cases and against a
 * 60-digit BigDecimal implementation of that formula.
 */
class BatchCrossEntropyTest {

    private static final double LN2 = Math.log(2);
    private static final double INF = Double.POSITIVE_INFINITY;

    private static CrossEntropyOptions.Builder options() {
        return CrossEntropyOptions.builder();
    }

    /** PyTorch's formula, term by term, in BigDecimal: returns {reduced} or per-sample losses. */
    private static BigDecimal[] reference(double[][] logits, int[] targets, CrossEntropyOptions o) {
        int n = logits.length;
        int c = n == 0 ? 0 : logits[0].length;
        double[] w = o.classWeights();
        BigDecimal eps = HighPrecision.exact(o.labelSmoothing());
        BigDecimal[] nll = new BigDecimal[n];
        BigDecimal[] smooth = new BigDecimal[n];
        BigDecimal nllSum = BigDecimal.ZERO;
        BigDecimal smoothSum = BigDecimal.ZERO;
        BigDecimal weightSum = BigDecimal.ZERO;
        for (int i = 0; i < n; i++) {
            if (targets[i] == o.ignoreIndex()) {
                nll[i] = BigDecimal.ZERO;
                smooth[i] = BigDecimal.ZERO;
                continue;
            }
            BigDecimal[] logp = HighPrecision.logSoftmax(logits[i]);
            BigDecimal wt = w == null ? BigDecimal.ONE : HighPrecision.exact(w[targets[i]]);
            nll[i] = wt.multiply(logp[targets[i]]).negate();
            BigDecimal s = BigDecimal.ZERO;
            for (int j = 0; j < c; j++) {
                BigDecimal wj = w == null ? BigDecimal.ONE : HighPrecision.exact(w[j]);
                s = s.subtract(wj.multiply(logp[j]));
            }
            smooth[i] = s;
            nllSum = nllSum.add(nll[i]);
            smoothSum = smoothSum.add(s);
            weightSum = weightSum.add(wt);
        }
        BigDecimal keep = BigDecimal.ONE.subtract(eps);
        BigDecimal share = c == 0 ? BigDecimal.ZERO : eps.divide(BigDecimal.valueOf(c), HighPrecision.MC);
        if (o.reduction() == Reduction.NONE) {
            BigDecimal[] out = new BigDecimal[n];
            for (int i = 0; i < n; i++) {
                out[i] = keep.multiply(nll[i]).add(share.multiply(smooth[i]));
            }
            return out;
        }
        if (o.reduction() == Reduction.MEAN) {
            nllSum = nllSum.divide(weightSum, HighPrecision.MC);
            smoothSum = smoothSum.divide(weightSum, HighPrecision.MC);
        }
        return new BigDecimal[] {keep.multiply(nllSum).add(share.multiply(smoothSum))};
    }

    @Nested
    class HandComputedValues {

        @Test
        void defaultsAreTheMeanOfSingleSampleLosses() {
            double[][] logits = {{1, 2, 3}, {1000, 1001, 1002}, {-5, 0, 5}};
            int[] targets = {2, 0, 1};
            double expected = (StableMath.crossEntropy(logits[0], 2) + StableMath.crossEntropy(logits[1], 0)
                    + StableMath.crossEntropy(logits[2], 1)) / 3;
            assertThat(StableMath.crossEntropy(logits, targets)).isCloseTo(expected, within(1e-15));
            assertThat(StableMath.crossEntropy(logits, targets, options().reduction(Reduction.SUM).build()))
                    .isCloseTo(3 * expected, within(4e-15));
            assertThat(StableMath.crossEntropyPerSample(logits, targets, CrossEntropyOptions.defaults()))
                    .containsExactly(StableMath.crossEntropy(logits[0], 2), StableMath.crossEntropy(logits[1], 0),
                            StableMath.crossEntropy(logits[2], 1));
        }

        @Test
        void weightedMeanDividesBySumOfTargetWeights() {
            // per-sample −log p = log(1 + e^-2) for both rows; weights 1 and 3
            double[][] logits = {{2, 0}, {0, 2}};
            int[] targets = {0, 1};
            CrossEntropyOptions weighted = options().classWeights(1, 3).build();
            double single = Math.log1p(Math.exp(-2));
            assertThat(StableMath.crossEntropy(logits, targets, weighted)).isCloseTo(single, within(1e-16));
            assertThat(StableMath.crossEntropy(logits, targets, weighted.withReduction(Reduction.SUM)))
                    .isCloseTo(4 * single, within(1e-15));
            assertThat(StableMath.crossEntropyPerSample(logits, targets, weighted))
                    .containsExactly(new double[] {single, 3 * single}, within(1e-16));
        }

        @Test
        void labelSmoothingFollowsTorchFormula() {
            // p = [1/4, 3/4], target 1, ε = 0.2, C = 2:
            // 0.8·(−log 3/4) + 0.1·(−log 1/4 − log 3/4)
            double[][] logits = {{0, Math.log(3)}};
            CrossEntropyOptions smoothed = options().labelSmoothing(0.2).build();
            double expected = 0.8 * Math.log(4.0 / 3) + 0.1 * (Math.log(4) + Math.log(4.0 / 3));
            assertThat(StableMath.crossEntropy(logits, new int[] {1}, smoothed)).isCloseTo(expected, within(1e-15));
            // uniform predictions cost ln C whatever the smoothing
            double[][] uniform = {{0, 0}, {7, 7}};
            for (double eps : new double[] {0.0, 0.3, 1.0}) {
                assertThat(StableMath.crossEntropy(uniform, new int[] {0, 1}, options().labelSmoothing(eps).build()))
                        .isCloseTo(LN2, within(1e-16));
            }
        }

        @Test
        void ignoredTargetsContributeNothing() {
            double[][] logits = {{1, 2, 3}, {9, 9, 9}, {3, 2, 1}};
            int[] targets = {2, -100, 0};
            double expected = (StableMath.crossEntropy(logits[0], 2) + StableMath.crossEntropy(logits[2], 0)) / 2;
            assertThat(StableMath.crossEntropy(logits, targets)).isCloseTo(expected, within(1e-16));
            assertThat(StableMath.crossEntropyPerSample(logits, targets, CrossEntropyOptions.defaults())[1]).isEqualTo(0.0);
            // a custom ignoreIndex may be a valid class
            CrossEntropyOptions ignoreTwo = options().ignoreIndex(2).labelSmoothing(0.1).build();
            assertThat(StableMath.crossEntropyPerSample(logits, new int[] {2, 2, 0}, ignoreTwo))
                    .satisfies(l -> assertThat(l[0]).isEqualTo(0.0), l -> assertThat(l[1]).isEqualTo(0.0));
            // …and then −100 is an ordinary (out of range) target
            assertThatThrownBy(() -> StableMath.crossEntropy(logits, targets, ignoreTwo))
                    .isInstanceOf(IndexOutOfBoundsException.class)
                    .hasMessage("target -100 of sample 1 is out of range for 3 classes (ignoreIndex is 2)");
        }

        @Test
        void allIgnoredOrEmptyBatches() {
            double[][] logits = {{1, 2}, {3, 4}};
            int[] ignored = {-100, -100};
            assertThat(StableMath.crossEntropy(logits, ignored)).isNaN();
            assertThat(StableMath.crossEntropy(logits, ignored, options().labelSmoothing(0.1).build())).isNaN();
            assertThat(StableMath.crossEntropy(logits, ignored, options().reduction(Reduction.SUM).build())).isEqualTo(0.0);
            assertThat(StableMath.crossEntropy(logits, ignored, options().reduction(Reduction.SUM).labelSmoothing(0.5).build()))
                    .isEqualTo(0.0);
            assertThat(StableMath.crossEntropyPerSample(logits, ignored, CrossEntropyOptions.defaults())).containsExactly(0.0, 0.0);
            assertThat(StableMath.crossEntropy(new double[0][], new int[0])).isNaN();
            assertThat(StableMath.crossEntropy(new double[0][], new int[0], options().reduction(Reduction.SUM).build())).isEqualTo(0.0);
            assertThat(StableMath.crossEntropyPerSample(new double[0][], new int[0], CrossEntropyOptions.defaults())).isEmpty();
            // zero class weights on every counted target: 0/0 as in PyTorch
            assertThat(StableMath.crossEntropy(logits, new int[] {0, 0}, options().classWeights(0, 1).build())).isNaN();
        }

        @Test
        void infiniteLogits() {
            double[][] logits = {{-INF, 0, 1}};
            // without smoothing the −Infinity class is never looked at
            assertThat(StableMath.crossEntropy(logits, new int[] {2})).isCloseTo(Math.log1p(Math.exp(-1)), within(1e-16));
            // with smoothing −log p of that class is +Infinity, as in PyTorch
            assertThat(StableMath.crossEntropy(logits, new int[] {2}, options().labelSmoothing(0.1).build())).isEqualTo(INF);
            assertThat(StableMath.crossEntropy(logits, new int[] {0})).isEqualTo(INF);
            assertThat(StableMath.crossEntropy(new double[][] {{INF, 0}}, new int[] {1})).isNaN();
            assertThat(StableMath.crossEntropy(new double[][] {{Double.NaN, 0}}, new int[] {1})).isNaN();
            assertThat(StableMath.crossEntropy(new double[][] {{1000, 0}, {0, 0}}, new int[] {1, 0},
                    options().reduction(Reduction.SUM).build())).isEqualTo(1000 + LN2);
        }
    }

    @Nested
    class FloatVersions {

        @Test
        void floatBatchesAreComputedInDouble() {
            float[][] logits = {{100f, 101f, 102f}, {-3f, 0.5f, 2f}};
            double[][] asDouble = {{100, 101, 102}, {-3, 0.5, 2}};
            int[] targets = {0, 2};
            CrossEntropyOptions o = options().classWeights(0.5, 1, 2).labelSmoothing(0.05).build();
            assertThat(StableMath.crossEntropy(logits, targets, o))
                    .isEqualTo((float) StableMath.crossEntropy(asDouble, targets, o));
            assertThat(StableMath.crossEntropy(logits, targets))
                    .isEqualTo((float) StableMath.crossEntropy(asDouble, targets));
            double[] perSample = StableMath.crossEntropyPerSample(asDouble, targets, o);
            assertThat(StableMath.crossEntropyPerSample(logits, targets, o))
                    .containsExactly((float) perSample[0], (float) perSample[1]);
        }
    }

    @Nested
    class BadArguments {

        @Test
        void shapesAndTargets() {
            double[][] logits = {{1, 2}, {3, 4}};
            assertThatThrownBy(() -> StableMath.crossEntropy(logits, new int[] {0}))
                    .isInstanceOf(IllegalArgumentException.class).hasMessage("expected one target per row: 2 rows, 1 targets");
            assertThatThrownBy(() -> StableMath.crossEntropy(new double[][] {{1, 2}, {3}}, new int[] {0, 0}))
                    .isInstanceOf(IllegalArgumentException.class).hasMessage("all rows must have 2 classes, but logits[1] has 1");
            assertThatThrownBy(() -> StableMath.crossEntropy(new double[][] {{1, 2}, null}, new int[] {0, 0}))
                    .isInstanceOf(NullPointerException.class).hasMessage("logits[1]");
            assertThatThrownBy(() -> StableMath.crossEntropy(new float[][] {null}, new int[] {0}))
                    .isInstanceOf(NullPointerException.class).hasMessage("logits[0]");
            assertThatThrownBy(() -> StableMath.crossEntropy(logits, new int[] {0, 2}))
                    .isInstanceOf(IndexOutOfBoundsException.class).hasMessageContaining("target 2 of sample 1");
            assertThatThrownBy(() -> StableMath.crossEntropy(logits, new int[] {-1, 0}))
                    .isInstanceOf(IndexOutOfBoundsException.class);
            assertThatThrownBy(() -> StableMath.crossEntropy(logits, new int[] {0, 0}, options().classWeights(1, 2, 3).build()))
                    .isInstanceOf(IllegalArgumentException.class).hasMessage("classWeights must have one entry per class: 2 classes, 3 weights");
            assertThatThrownBy(() -> StableMath.crossEntropy(logits, new int[] {0, 0}, options().reduction(Reduction.NONE).build()))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("crossEntropyPerSample");
            assertThatThrownBy(() -> StableMath.crossEntropy((double[][]) null, new int[0])).isInstanceOf(NullPointerException.class);
            assertThatThrownBy(() -> StableMath.crossEntropy(logits, null)).isInstanceOf(NullPointerException.class);
            assertThatThrownBy(() -> StableMath.crossEntropy(logits, new int[2], null)).isInstanceOf(NullPointerException.class);
        }

        @Test
        void singleSampleTargets() {
            assertThatThrownBy(() -> StableMath.crossEntropy(new double[] {1, 2}, 2))
                    .isInstanceOf(IndexOutOfBoundsException.class).hasMessage("target 2 is out of range for 2 classes");
            assertThatThrownBy(() -> StableMath.crossEntropy(new float[] {1, 2}, -1)).isInstanceOf(IndexOutOfBoundsException.class);
            assertThatThrownBy(() -> StableMath.crossEntropy(new double[0], 0)).isInstanceOf(IndexOutOfBoundsException.class);
            assertThatThrownBy(() -> StableMath.crossEntropy((double[]) null, 0)).isInstanceOf(NullPointerException.class);
        }

        @Test
        void invalidOptions() {
            assertThatThrownBy(() -> CrossEntropyOptions.builder().labelSmoothing(1.5).build())
                    .isInstanceOf(IllegalArgumentException.class).hasMessage("labelSmoothing must be in [0, 1], got 1.5");
            assertThatThrownBy(() -> CrossEntropyOptions.builder().labelSmoothing(-0.1).build()).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> CrossEntropyOptions.builder().labelSmoothing(Double.NaN).build()).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> CrossEntropyOptions.builder().reduction(null).build()).isInstanceOf(NullPointerException.class);
        }
    }

    @Test
    void optionsAreImmutableValues() {
        double[] weights = {1, 2};
        CrossEntropyOptions o = CrossEntropyOptions.builder().classWeights(weights).build();
        weights[0] = 99;
        assertThat(o.classWeights()).containsExactly(1, 2);
        o.classWeights()[1] = 99;
        assertThat(o.classWeights()).containsExactly(1, 2);
        assertThat(o).isEqualTo(CrossEntropyOptions.builder().classWeights(1, 2).build());
        assertThat(o.hashCode()).isEqualTo(CrossEntropyOptions.builder().classWeights(1, 2).build().hashCode());
        assertThat(CrossEntropyOptions.builder().build()).isEqualTo(CrossEntropyOptions.defaults());
        assertThat(CrossEntropyOptions.defaults().ignoreIndex()).isEqualTo(-100);
        assertThat(CrossEntropyOptions.defaults().reduction()).isEqualTo(Reduction.MEAN);
        assertThat(CrossEntropyOptions.defaults().classWeights()).isNull();
        assertThat(o.withReduction(Reduction.SUM).reduction()).isEqualTo(Reduction.SUM);
        assertThat(o.toString()).contains("[1.0, 2.0]");
    }

    /**
     * Random batches (logits up to ±1e3 with offsets up to 1e4, random weights, ignored rows, label
     * smoothing) against the BigDecimal formula; every loss term is non-negative, so the result is
     * checked to a relative error of (C + 8)·u plus 4 ulps, where C is the number of classes.
     */
    @RepeatedTest(150)
    void randomBatchesMatchTheTorchFormula(RepetitionInfo info) {
        SplittableRandom random = new SplittableRandom(0xCE00L + info.getCurrentRepetition());
        int n = random.nextInt(1, 12);
        int c = random.nextInt(1, 20);
        double[][] logits = new double[n][c];
        int[] targets = new int[n];
        for (int i = 0; i < n; i++) {
            double offset = random.nextBoolean() ? 0 : random.nextDouble(-1e4, 1e4);
            double spread = random.nextBoolean() ? 5 : 1000;
            for (int j = 0; j < c; j++) {
                logits[i][j] = offset + random.nextDouble(-spread, spread);
            }
            targets[i] = random.nextInt(5) == 0 ? -100 : random.nextInt(c);
        }
        targets[0] = random.nextInt(c); // at least one counted sample
        CrossEntropyOptions.Builder builder = CrossEntropyOptions.builder();
        if (random.nextBoolean()) {
            builder.classWeights(random.doubles(c, 0.1, 3).toArray());
        }
        if (random.nextBoolean()) {
            builder.labelSmoothing(random.nextDouble(0, 1));
        }
        double u = 0x1p-53;
        for (Reduction reduction : Reduction.values()) {
            CrossEntropyOptions o = builder.reduction(reduction).build();
            BigDecimal[] expected = reference(logits, targets, o);
            double[] actual = reduction == Reduction.NONE
                    ? StableMath.crossEntropyPerSample(logits, targets, o)
                    : new double[] {StableMath.crossEntropy(logits, targets, o)};
            assertThat(actual).hasSameSizeAs(expected);
            for (int i = 0; i < actual.length; i++) {
                double e = expected[i].doubleValue();
                double bound = (c + 8) * u * Math.abs(e) + 4 * Math.ulp(e);
                assertThat(HighPrecision.absError(actual[i], expected[i])).as("%s entry %d", reduction, i)
                        .isLessThanOrEqualTo(bound);
            }
        }
    }
}
