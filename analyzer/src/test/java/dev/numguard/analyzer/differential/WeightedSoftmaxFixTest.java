package dev.numguard.analyzer.differential;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.numguard.rules.fixtures.RuleFixture;
import java.lang.reflect.Method;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The max-shift fixes of a weighted softmax (NaiveSoftmax's WeightedSoftmax fixture,
 * {@code w·exp(a) / Σ w·exp(a)}) and of a softmax-weighted mean (SoftmaxWeightedMean,
 * {@code Σ v·exp(x) / Σ exp(x)}): both versions compiled and run; benign inputs agree to rounding,
 * and logits above 709.78 (Infinity/Infinity in the original) or all below -745 (0/0) give the
 * value computed with 60-digit BigDecimal exponentials.
 */
class WeightedSoftmaxFixTest {
    private static final MathContext MC = new MathContext(60);
    private static final BigDecimal E = new BigDecimal("2.71828182845904523536028747135266249775724709369995957496697");
    private static final double[][] HOSTILE = {{1000, 999, 998}, {800, -800, 5}, {710, 0, 1}, {-800, -900, -801},
        {-1000, -746, -2000}, {1e4, 1e4 - 1, 1e4 - 30}};

    private static Class<?> meanBefore;
    private static Class<?> meanAfter;
    private static Class<?> posteriorBefore;
    private static Class<?> posteriorAfter;

    @BeforeAll
    static void compileAll() {
        Path fixtures = RuleFixture.root().resolve("NaiveSoftmax");
        meanBefore = InMemoryCompiler.compileAndLoad(fixtures.resolve("positive/SoftmaxWeightedMean.java"));
        meanAfter = InMemoryCompiler.compileAndLoad(fixtures.resolve("fixed/SoftmaxWeightedMean.java"));
        posteriorBefore = InMemoryCompiler.compileAndLoad(fixtures.resolve("positive/WeightedSoftmax.java"));
        posteriorAfter = InMemoryCompiler.compileAndLoad(fixtures.resolve("fixed/WeightedSoftmax.java"));
    }

    @Test
    void weightedMeanAgreesOnBenignLogitsAndIsExactOnHostileOnes() throws Exception {
        Method before = meanBefore.getMethod("expectedValue", double[].class, double[].class);
        Method after = meanAfter.getMethod("expectedValue", double[].class, double[].class);
        SplittableRandom random = new SplittableRandom(23);
        for (int draw = 0; draw < 300; draw++) {
            double[] x = random.doubles(1 + random.nextInt(8), -60, 60).toArray();
            double[] v = random.doubles(x.length, 0.5, 5).toArray();
            double a = (double) before.invoke(null, x, v);
            double b = (double) after.invoke(null, x, v);
            assertThat(b).isCloseTo(a, within(1e-13 * Math.abs(a)));
        }
        for (double[] x : HOSTILE) {
            double[] v = {1.5, -2, 4};
            double a = (double) before.invoke(null, x, v);
            double b = (double) after.invoke(null, x, v);
            assertThat(a).isNaN();
            double exact = weightedSoftmax(x, new double[] {1, 1, 1}, v);
            assertThat(b).isFinite().isCloseTo(exact, within(1e-13 * Math.abs(exact)));
        }
    }

    @Test
    void expectedFeaturesAgreeOnBenignScoresAndAreExactOnHostileOnes() throws Exception {
        Method before = meanBefore.getMethod("expectedFeatures", double[][].class, double[].class);
        Method after = meanAfter.getMethod("expectedFeatures", double[][].class, double[].class);
        SplittableRandom random = new SplittableRandom(29);
        for (int draw = 0; draw < 200; draw++) {
            double[][] f = new double[2 + random.nextInt(6)][3];
            for (double[] row : f) {
                for (int d = 0; d < 3; d++) {
                    row[d] = random.nextDouble(0.5, 3);
                }
            }
            double[] w = random.doubles(3, -5, 5).toArray();
            double[] a = (double[]) before.invoke(null, f, w);
            double[] b = (double[]) after.invoke(null, f, w);
            for (int d = 0; d < 3; d++) {
                assertThat(b[d]).isCloseTo(a[d], within(1e-13 * Math.abs(a[d])));
            }
        }
        // one feature, weight 1: the scores are the rows' values; 1000 overflows, -1000 underflows every exponential
        for (double[] scores : HOSTILE) {
            double[][] f = {{scores[0], 1}, {scores[1], 2}, {scores[2], 3}};
            double[] w = {1, 0};
            double[] a = (double[]) before.invoke(null, f, w);
            double[] b = (double[]) after.invoke(null, f, w);
            assertThat(a[1]).isNaN();
            double exact = weightedSoftmax(scores, new double[] {1, 1, 1}, new double[] {1, 2, 3});
            assertThat(b[1]).isFinite().isCloseTo(exact, within(1e-13 * exact));
        }
    }

    @Test
    void weightedPosteriorAgreesOnBenignInputsAndIsExactOnHostileOnes() throws Exception {
        Method before = posteriorBefore.getMethod("posterior", double[].class, double[].class);
        Method after = posteriorAfter.getMethod("posterior", double[].class, double[].class);
        SplittableRandom random = new SplittableRandom(31);
        for (int draw = 0; draw < 300; draw++) {
            double[] x = random.doubles(1 + random.nextInt(8), -60, 60).toArray();
            double[] prior = random.doubles(x.length, 0.01, 1).toArray();
            double[] a = (double[]) before.invoke(null, x, prior);
            double[] b = (double[]) after.invoke(null, x, prior);
            for (int i = 0; i < x.length; i++) {
                assertThat(b[i]).isCloseTo(a[i], within(1e-15 + 1e-13 * a[i]));
            }
        }
        double[] prior = {0.2, 0.5, 0.3};
        for (double[] x : HOSTILE) {
            double[] a = (double[]) before.invoke(null, x, prior);
            double[] b = (double[]) after.invoke(null, x, prior);
            assertThat(a).contains(Double.NaN);
            for (int i = 0; i < x.length; i++) {
                double[] indicator = new double[x.length];
                indicator[i] = 1;
                double exact = weightedSoftmax(x, prior, indicator);
                assertThat(b[i]).isFinite().isCloseTo(exact, within(1e-15 + 1e-13 * exact));
            }
        }
    }

    /** Σ wᵢ·vᵢ·exp(xᵢ) / Σ wᵢ·exp(xᵢ), the exponentials in BigDecimal. */
    private static double weightedSoftmax(double[] x, double[] w, double[] v) {
        BigDecimal top = BigDecimal.ZERO;
        BigDecimal bottom = BigDecimal.ZERO;
        for (int i = 0; i < x.length; i++) {
            BigDecimal term = new BigDecimal(w[i]).multiply(exp(x[i]), MC);
            top = top.add(term.multiply(new BigDecimal(v[i]), MC), MC);
            bottom = bottom.add(term, MC);
        }
        return top.divide(bottom, MC).doubleValue();
    }

    /** e^x as e^n · e^(x - n), n the nearest integer: the power exact to 60 digits, the rest within an ulp. */
    private static BigDecimal exp(double x) {
        long n = Math.round(x);
        return E.pow((int) n, MC).multiply(new BigDecimal(Math.exp(x - n)), MC);
    }
}
