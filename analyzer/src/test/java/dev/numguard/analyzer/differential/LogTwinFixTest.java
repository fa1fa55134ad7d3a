package dev.numguard.analyzer.differential;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.numguard.rules.fixtures.RuleFixture;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * UnderflowingProduct's log twins (the SignedScores, ForwardLikelihoods and ScoresAndRecursions
 * fixtures and their fixed versions, compiled and run): LogScoreSiblingFix's {@code X}, now ±exp of
 * a sum of log-magnitudes, is the original product up to rounding wherever that is finite and
 * nonzero, and correct where a partial product of the original under- or overflowed; its
 * {@code logX} is {@code Math.log(X)} of the original wherever that is finite, NaN for a negative
 * product as {@code Math.log} gives, and stays finite for 1000 factors of 1e-3 where the product is
 * 0; the forward pass split by ScaledLikelihoodFix gives the original likelihood through
 * {@code X = exp(logX)} on short sequences and, on 2000 observations where the original is 0, a
 * log-likelihood equal to a log-space forward reference.
 */
class LogTwinFixTest {
    private static final Path FIXTURES = RuleFixture.root().resolve("UnderflowingProduct");

    @Test
    void logTwinOfASignedProductIsTheLogOfTheOriginal() throws Exception {
        Class<?> original = InMemoryCompiler.compileAndLoad(FIXTURES.resolve("positive/SignedScores.java"));
        Class<?> fixed = InMemoryCompiler.compileAndLoad(FIXTURES.resolve("fixed/SignedScores.java"));
        Method score = original.getMethod("classScore", double[].class, double[].class);
        Method kept = fixed.getMethod("classScore", double[].class, double[].class);
        Method logScore = fixed.getMethod("logClassScore", double[].class, double[].class);
        SplittableRandom random = new SplittableRandom(11);
        for (int trial = 0; trial < 200; trial++) {
            int n = 1 + random.nextInt(30);
            double[] weights = random.doubles(n, 0.2, 3).toArray();
            double[] features = random.doubles(n, -2, 2).toArray();
            for (int i = 0; i < n; i++) {
                if (random.nextInt(5) == 0) {
                    features[i] = 0;                        // absent features are skipped
                }
            }
            double product = (double) score.invoke(null, weights, features);
            double rewritten = (double) kept.invoke(null, weights, features);
            assertThat(rewritten).isCloseTo(product, within(1e-13 * Math.abs(product)));    // X keeps its value and sign
            assertThat(Math.copySign(1, rewritten)).isEqualTo(Math.copySign(1, product));
            double log = (double) logScore.invoke(null, weights, features);
            if (product < 0) {
                assertThat(log).isNaN();                    // as Math.log(product)
            } else {
                assertThat(log).isCloseTo(Math.log(product), within(1e-12 * Math.max(1, Math.abs(Math.log(product)))));
            }
        }
        // hostile: 1000 factors of 1e-3 (and -1e-3 in pairs) underflow to 0; the log twin is their exact log sum
        double[] weights = {1.0};
        double[] tiny = new double[1000];
        Arrays.fill(tiny, 1e-3);
        double[] alternating = tiny.clone();
        for (int i = 0; i < alternating.length; i += 2) {
            alternating[i] = -1e-3;                         // 500 negative factors: a positive product
        }
        double reference = 1000 * Math.log(1e-3);
        for (double[] features : new double[][] {tiny, alternating}) {
            assertThat((double) score.invoke(null, weights, features)).isZero();
            assertThat((double) logScore.invoke(null, weights, features)).isCloseTo(reference, within(1e-12 * -reference));
        }
        alternating[1] = -1e-3;                             // 501 negative factors: negative, its log NaN
        assertThat((double) logScore.invoke(null, weights, alternating)).isNaN();
        // hostile: partial products leave the double range though the result does not
        double[] ones = {1, 1, 1};
        double[][] outOfRangeOnTheWay = {{1e-200, 1e-200, 1e300}, {1e200, 1e200, -1e-300}, {-1e-170, -1e-170, 1e250}};
        double[] exact = {1e-100, -1e100, 1e-90};
        for (int i = 0; i < exact.length; i++) {
            double naive = (double) score.invoke(null, ones, outOfRangeOnTheWay[i]);
            assertThat(naive == 0 || Double.isInfinite(naive)).as("original on %s", Arrays.toString(outOfRangeOnTheWay[i])).isTrue();
            assertThat((double) kept.invoke(null, ones, outOfRangeOnTheWay[i])).isCloseTo(exact[i], within(1e-12 * Math.abs(exact[i])));
        }
        assertThat((double) kept.invoke(null, ones, new double[] {2, Double.NaN})).isNaN();
        assertThat((double) kept.invoke(null, ones, new double[] {-2, 0})).isEqualTo(-2.0);     // a zero feature is skipped
        assertThat((double) kept.invoke(null, ones, new double[] {-1e-300, 1e-300})).isEqualTo(-0.0);     // as the original
        assertThat((double) kept.invoke(null, ones, new double[0])).isEqualTo(1.0);

        Method rowScore = original.getMethod("rowScore", double[].class);
        Method logRowScore = fixed.getMethod("logRowScore", double[].class);
        assertThat((double) logRowScore.invoke(null, (Object) new double[] {0.5, 4, 0.25}))
                .isCloseTo(Math.log((double) rowScore.invoke(null, (Object) new double[] {0.5, 4, 0.25})), within(1e-15));
        assertThat((double) logRowScore.invoke(null, (Object) new double[] {0.5, 0, 3})).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat((double) logRowScore.invoke(null, (Object) new double[0])).isCloseTo(Math.log(2.5), within(1e-15));
        assertThat((double) rowScore.invoke(null, (Object) tiny)).isZero();
        assertThat((double) logRowScore.invoke(null, (Object) tiny)).isCloseTo(Math.log(2.5) + reference, within(1e-12 * -reference));
        double[] withNaN = {0.5, Double.NaN};
        assertThat((double) logRowScore.invoke(null, (Object) withNaN)).isNaN();
        Method keptRow = fixed.getMethod("rowScore", double[].class);
        assertThat((double) keptRow.invoke(null, (Object) new double[] {0.5, 4, -0.25})).isCloseTo(-1.25, within(1e-15));
        assertThat((double) keptRow.invoke(null, (Object) new double[0])).isEqualTo(2.5);
        assertThat((double) keptRow.invoke(null, (Object) new double[] {-2, 0})).isEqualTo(-0.0);       // as the original
        assertThat((double) keptRow.invoke(null, (Object) new double[] {0, Double.POSITIVE_INFINITY})).isNaN();
        assertThat((double) keptRow.invoke(null, (Object) new double[] {1e-300, 1e-300, 1e300, 1e300})).isCloseTo(2.5, within(1e-12));
    }

    @Test
    void scaledForwardPassKeepsTheLikelihoodAndItsLog() throws Exception {
        Class<?> original = InMemoryCompiler.compileAndLoad(FIXTURES.resolve("positive/ForwardLikelihoods.java"));
        Class<?> fixed = InMemoryCompiler.compileAndLoad(FIXTURES.resolve("fixed/ForwardLikelihoods.java"));
        Class<?> boxedOriginal = InMemoryCompiler.compileAndLoad(FIXTURES.resolve("positive/ScoresAndRecursions.java"));
        Class<?> boxedFixed = InMemoryCompiler.compileAndLoad(FIXTURES.resolve("fixed/ScoresAndRecursions.java"));
        String[][] pairs = {{"likelihood", "logLikelihood"}, {"nextRowLikelihood", "logNextRowLikelihood"},
            {"summedLikelihood", "logSummedLikelihood"}, {"boxedForward", "logBoxedForward"}};
        SplittableRandom random = new SplittableRandom(17);
        for (String[] pair : pairs) {
            boolean boxed = pair[0].equals("boxedForward");
            Method before = method(boxed ? boxedOriginal : original, pair[0]);
            Method after = method(boxed ? boxedFixed : fixed, pair[0]);
            Method log = method(boxed ? boxedFixed : fixed, pair[1]);
            for (int trial = 0; trial < 30; trial++) {
                Model m = Model.random(random, 2 + random.nextInt(4), 3, 1 + random.nextInt(40));
                double likelihood = m.run(before);
                double reference = m.logSpaceForward();
                assertThat(Math.log(likelihood)).as(pair[0]).isCloseTo(reference, within(1e-10 * Math.max(1, -reference)));
                assertThat(m.run(after)).as(pair[0]).isCloseTo(likelihood, within(1e-12 * likelihood));
                assertThat(m.run(log)).as(pair[1]).isCloseTo(reference, within(1e-10 * Math.max(1, -reference)));
            }
            for (int trial = 0; trial < 3; trial++) {
                Model m = Model.random(random, 2 + trial, 4, 2000);      // likelihoods near 10^-1200
                double reference = m.logSpaceForward();
                assertThat(m.run(before)).as(pair[0]).isZero();
                assertThat(m.run(after)).as(pair[0]).isZero();
                assertThat(m.run(log)).as(pair[1]).isFinite().isCloseTo(reference, within(1e-10 * -reference));
            }
            // an impossible observation (every emission 0 for it): likelihood 0, log -Infinity, no NaN
            Model impossible = Model.random(random, 3, 2, 50);
            for (double[] row : impossible.emission) {
                row[1] = 0;
                row[0] = 1;
            }
            impossible.observations[25] = 1;
            assertThat(impossible.run(before)).isZero();
            assertThat(impossible.run(log)).isEqualTo(Double.NEGATIVE_INFINITY);
        }
    }

    private static Method method(Class<?> type, String name) throws NoSuchMethodException {
        return type.getMethod(name, double[].class, double[][].class, double[][].class, int[].class);
    }

    /** A random model and observation sequence, with a log-space forward pass as the reference. */
    private record Model(double[] initial, double[][] transition, double[][] emission, int[] observations) {
        static Model random(SplittableRandom random, int states, int symbols, int steps) {
            double[][] transition = new double[states][];
            double[][] emission = new double[states][];
            for (int i = 0; i < states; i++) {
                transition[i] = distribution(random, states);
                emission[i] = distribution(random, symbols);
            }
            return new Model(distribution(random, states), transition, emission, random.ints(steps, 0, symbols).toArray());
        }

        double run(Method m) throws Exception {
            return (double) m.invoke(null, initial, transition, emission, observations);
        }

        /** log P(observations) by the forward recursion on logs, with log-sum-exp over the states. */
        double logSpaceForward() {
            int states = initial.length;
            double[] row = new double[states];
            for (int j = 0; j < states; j++) {
                row[j] = Math.log(initial[j]) + Math.log(emission[j][observations[0]]);
            }
            for (int t = 1; t < observations.length; t++) {
                double[] next = new double[states];
                for (int j = 0; j < states; j++) {
                    double[] terms = new double[states];
                    for (int k = 0; k < states; k++) {
                        terms[k] = row[k] + Math.log(transition[k][j]);
                    }
                    next[j] = logSumExp(terms) + Math.log(emission[j][observations[t]]);
                }
                row = next;
            }
            return logSumExp(row);
        }

        private static double logSumExp(double[] x) {
            double max = Double.NEGATIVE_INFINITY;
            for (double v : x) {
                max = Math.max(max, v);
            }
            if (max == Double.NEGATIVE_INFINITY) {
                return max;
            }
            double sum = 0;
            for (double v : x) {
                sum += Math.exp(v - max);
            }
            return max + Math.log(sum);
        }

        private static double[] distribution(SplittableRandom random, int n) {
            double[] p = random.doubles(n, 0.05, 1).toArray();
            double sum = Arrays.stream(p).sum();
            for (int i = 0; i < n; i++) {
                p[i] /= sum;
            }
            return p;
        }
    }
}
