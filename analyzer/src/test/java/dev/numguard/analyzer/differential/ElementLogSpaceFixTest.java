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
 * NaiveLogSumExp's per-element sums kept in log space (ElementLogSpace: the ElementAccumulators and
 * ElementSumsLoggedInPlace fixtures) and the log-space twin of a public partition function
 * (HelperLogSumExp: PublicPartitionHelper), both versions compiled and run. Benign log densities give
 * the same results and leave the same arrays (logs where the original logged, sums where it did not);
 * log densities all near -1000 (every exp underflows: the original gives log(0) = -Infinity) or near
 * +1000 (overflow: Infinity) give the fixed version finite values equal to logarithms of sums of
 * BigDecimal exponentials (60 digits).
 */
class ElementLogSpaceFixTest {
    private static final MathContext MC = new MathContext(60);
    private static final BigDecimal E = new BigDecimal("2.71828182845904523536028747135266249775724709369995957496697");
    private static final Path FIXTURES = RuleFixture.root().resolve("NaiveLogSumExp");

    private static Class<?> accumulatorsBefore;
    private static Class<?> accumulatorsAfter;
    private static Class<?> inPlaceBefore;
    private static Class<?> inPlaceAfter;

    @BeforeAll
    static void compileAll() {
        accumulatorsBefore = InMemoryCompiler.compileAndLoad(FIXTURES.resolve("positive/ElementAccumulators.java"));
        accumulatorsAfter = InMemoryCompiler.compileAndLoad(FIXTURES.resolve("fixed/ElementAccumulators.java"));
        inPlaceBefore = InMemoryCompiler.compileAndLoad(FIXTURES.resolve("positive/ElementSumsLoggedInPlace.java"));
        inPlaceAfter = InMemoryCompiler.compileAndLoad(FIXTURES.resolve("fixed/ElementSumsLoggedInPlace.java"));
    }

    @Test
    void neighbourhoodEStepAgreesAndStaysExactWhereEveryDensityUnderflows() throws Exception {
        Method before = inPlaceBefore.getMethod("eStep", double[][].class, int[][].class, double[].class, boolean[].class,
                double[].class);
        Method after = inPlaceAfter.getMethod("eStep", double[][].class, int[][].class, double[].class, boolean[].class,
                double[].class);
        SplittableRandom random = new SplittableRandom(31);
        for (int draw = 0; draw < 300; draw++) {
            int n = 1 + random.nextInt(8);
            int k = 1 + random.nextInt(4);
            int[][] members = members(random, k, n);
            double[][] logDensity = densities(random, members, -30, 5);
            double[] weight = random.doubles(n, 0.1, 1).toArray();
            double[] logSa = random.doubles(n).toArray();      // whatever the caller left: zeroed first
            double[] logSb = random.doubles(n).toArray();
            boolean[] coveredA = new boolean[n];
            boolean[] coveredB = new boolean[n];
            double a = (double) before.invoke(null, logDensity, members, logSa, coveredA, weight);
            double b = (double) after.invoke(null, logDensity, members, logSb, coveredB, weight);
            assertThat(b).isCloseTo(a, within(1e-12 * Math.max(1, Math.abs(a))));
            assertThat(coveredB).isEqualTo(coveredA);
            for (int i = 0; i < n; i++) {
                assertThat(logSb[i]).isCloseTo(logSa[i], within(1e-12 * Math.max(1, Math.abs(logSa[i]))));
            }
        }
        for (double centre : new double[] {-1000, 1000}) {
            int[][] members = {{0, 1, 2}, {1, 2}, {2, 3}};
            double[][] logDensity = densities(new SplittableRandom(32), members, centre - 5, centre + 5);
            double[] weight = {0.5, 0.25, 0.125, 0.125, 1};
            double[] logSa = new double[5];
            double[] logSb = new double[5];
            double a = (double) before.invoke(null, logDensity, members, logSa, new boolean[5], weight);
            double b = (double) after.invoke(null, logDensity, members, logSb, new boolean[5], weight);
            assertThat(a).isEqualTo(centre < 0 ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY);
            double expected = 0;
            for (int j = 0; j < 4; j++) {
                BigDecimal s = BigDecimal.ZERO;
                for (int c = 0; c < members.length; c++) {
                    for (int m = 0; m < members[c].length; m++) {
                        if (members[c][m] == j) {
                            s = s.add(exp(logDensity[c][m]), MC);
                        }
                    }
                }
                double logS = log(s) + Math.log(weight[j]);
                assertThat(logSb[j]).isFinite().isCloseTo(logS, within(1e-12 * Math.abs(logS)));
                expected += logS;
            }
            assertThat(logSb[4]).isZero();                     // a point no component holds keeps its sum 0
            assertThat(b).isFinite().isCloseTo(expected, within(1e-12 * Math.abs(expected)));
        }
    }

    @Test
    void sumsLoggedInPlaceAndPriorScaledLogsMatchTheExactLogarithms() throws Exception {
        Method sumsBefore = inPlaceBefore.getMethod("logSums", double[][].class, double[].class);
        Method sumsAfter = inPlaceAfter.getMethod("logSums", double[][].class, double[].class);
        Method evidenceBefore = inPlaceBefore.getMethod("logEvidence", double[][].class, double.class);
        Method evidenceAfter = inPlaceAfter.getMethod("logEvidence", double[][].class, double.class);
        SplittableRandom random = new SplittableRandom(33);
        for (int draw = 0; draw < 300; draw++) {
            double[][] logDensity = new double[1 + random.nextInt(4)][];
            int n = 1 + random.nextInt(6);
            for (int c = 0; c < logDensity.length; c++) {
                logDensity[c] = random.doubles(n, -30, 5).toArray();
            }
            double[] sa = random.doubles(n).toArray();
            double[] sb = random.doubles(n).toArray();
            sumsBefore.invoke(null, logDensity, sa);
            sumsAfter.invoke(null, logDensity, sb);
            double prior = random.nextDouble(0.01, 1);
            double[] ea = (double[]) evidenceBefore.invoke(null, logDensity, prior);
            double[] eb = (double[]) evidenceAfter.invoke(null, logDensity, prior);
            for (int i = 0; i < n; i++) {
                assertThat(sb[i]).isCloseTo(sa[i], within(1e-12 * Math.max(1, Math.abs(sa[i]))));
                assertThat(eb[i]).isCloseTo(ea[i], within(1e-12 * Math.max(1, Math.abs(ea[i]))));
            }
        }
        for (double centre : new double[] {-1000, 1000}) {
            double[][] logDensity = {{centre, centre - 3, centre + 2}, {centre + 1, centre - 800, centre}};
            double[] sa = new double[3];
            double[] sb = new double[3];
            sumsBefore.invoke(null, logDensity, sa);
            sumsAfter.invoke(null, logDensity, sb);
            double[] ea = (double[]) evidenceBefore.invoke(null, logDensity, 0.3);
            double[] eb = (double[]) evidenceAfter.invoke(null, logDensity, 0.3);
            for (int i = 0; i < 3; i++) {
                double exact = log(exp(logDensity[0][i]).add(exp(logDensity[1][i]), MC));
                assertThat(sa[i]).isInfinite();
                assertThat(sb[i]).isFinite().isCloseTo(exact, within(1e-12 * Math.abs(exact)));
                double scaled = exact + Math.log(0.3);
                assertThat(ea[i]).isInfinite();
                assertThat(eb[i]).isFinite().isCloseTo(scaled, within(1e-12 * Math.abs(scaled)));
            }
        }
    }

    @Test
    void perPointAccumulatorsAgreeAndMatchTheExactLogarithms() throws Exception {
        Method likeBefore = accumulatorsBefore.getMethod("logLikelihood", double[][].class);
        Method likeAfter = accumulatorsAfter.getMethod("logLikelihood", double[][].class);
        Method evidenceBefore = accumulatorsBefore.getMethod("logEvidence", double[][].class, int[][].class, double[].class,
                double[].class);
        Method evidenceAfter = accumulatorsAfter.getMethod("logEvidence", double[][].class, int[][].class, double[].class,
                double[].class);
        Method correctedBefore = accumulatorsBefore.getMethod("corrected", double[][].class, double.class);
        Method correctedAfter = accumulatorsAfter.getMethod("corrected", double[][].class, double.class);
        SplittableRandom random = new SplittableRandom(34);
        for (int draw = 0; draw < 300; draw++) {
            int n = 1 + random.nextInt(6);
            double[][] logDensity = new double[1 + random.nextInt(4)][];
            for (int c = 0; c < logDensity.length; c++) {
                logDensity[c] = random.doubles(n, -30, 5).toArray();
            }
            double a = (double) likeBefore.invoke(null, (Object) logDensity);
            double b = (double) likeAfter.invoke(null, (Object) logDensity);
            assertThat(b).isCloseTo(a, within(1e-12 * Math.max(1, Math.abs(a))));
            double correction = random.nextDouble(0.1, 2);
            a = (double) correctedBefore.invoke(null, logDensity, correction);
            b = (double) correctedAfter.invoke(null, logDensity, correction);
            assertThat(b).isCloseTo(a, within(1e-12 * Math.max(1, Math.abs(a))));
            int[][] members = members(random, logDensity.length, n);
            double[][] scattered = densities(random, members, -30, 5);
            double[] background = random.doubles(n, 0, 0.5).toArray();
            double[] outA = random.doubles(n).toArray();
            double[] outB = random.doubles(n).toArray();
            evidenceBefore.invoke(null, scattered, members, background, outA);
            evidenceAfter.invoke(null, scattered, members, background, outB);
            for (int i = 0; i < n; i++) {
                if (Double.isInfinite(outA[i])) {
                    assertThat(outB[i]).isEqualTo(outA[i]);    // no component and no background: log(0) in both
                } else {
                    assertThat(outB[i]).isCloseTo(outA[i], within(1e-12 * Math.max(1, Math.abs(outA[i]))));
                }
            }
        }
        for (double centre : new double[] {-1000, 1000}) {
            double[][] logDensity = {{centre, centre + 4}, {centre - 2, centre + 700 * Math.signum(centre)}};
            double exact = 0;
            for (int i = 0; i < 2; i++) {
                exact += log(exp(logDensity[0][i]).add(exp(logDensity[1][i]), MC));
            }
            double a = (double) likeBefore.invoke(null, (Object) logDensity);
            double b = (double) likeAfter.invoke(null, (Object) logDensity);
            assertThat(a).isInfinite();
            assertThat(b).isFinite().isCloseTo(exact, within(1e-12 * Math.abs(exact)));
            double c = (double) correctedAfter.invoke(null, logDensity, 4.0);
            assertThat((double) correctedBefore.invoke(null, logDensity, 4.0)).isInfinite();
            assertThat(c).isFinite().isCloseTo(exact - 2 * Math.log(4), within(1e-12 * Math.abs(exact)));
            int[][] members = {{0, 1}, {1}};
            double[][] scattered = {{centre, centre + 3}, {centre - 1}};
            double[] background = {1e-300, 0.5};
            double[] outA = new double[2];
            double[] outB = new double[2];
            evidenceBefore.invoke(null, scattered, members, background, outA);
            evidenceAfter.invoke(null, scattered, members, background, outB);
            double first = log(exp(centre).add(new BigDecimal(1e-300), MC));
            double second = log(exp(centre + 3).add(exp(centre - 1), MC).add(new BigDecimal(0.5), MC));
            assertThat(outB[0]).isFinite().isCloseTo(first, within(1e-12 * Math.abs(first)));
            assertThat(outB[1]).isFinite().isCloseTo(second, within(1e-12 * Math.max(1, Math.abs(second))));
            if (centre > 0) {
                assertThat(outA[0]).isInfinite();
            } else {
                assertThat(outA[0]).isCloseTo(Math.log(1e-300), within(1e-9));   // the background alone survives
            }
        }
    }

    @Test
    void publicPartitionTwinGivesTheSameObjectiveAndStaysFiniteForLargeScores() throws Exception {
        Class<?> before = InMemoryCompiler.compileAndLoad(FIXTURES.resolve("positive/PublicPartitionHelper.java"));
        Class<?> after = InMemoryCompiler.compileAndLoad(FIXTURES.resolve("fixed/PublicPartitionHelper.java"));
        SplittableRandom random = new SplittableRandom(35);
        for (int draw = 0; draw < 200; draw++) {
            int rows = 1 + random.nextInt(6);
            double[][] embeddings = new double[rows][];
            for (int r = 0; r < rows; r++) {
                embeddings[r] = random.doubles(3, -2, 2).toArray();
            }
            double[] direction = random.doubles(3, -2, 2).toArray();
            int[] counts = random.ints(rows, 0, 5).toArray();
            Object original = before.getConstructor(double[][].class, double[].class).newInstance(embeddings, direction);
            Object fixed = after.getConstructor(double[][].class, double[].class).newInstance(embeddings, direction);
            double a = (double) before.getMethod("value", int[].class).invoke(original, counts);
            double b = (double) after.getMethod("value", int[].class).invoke(fixed, counts);
            assertThat(b).isCloseTo(a, within(1e-12 * Math.max(1, Math.abs(a))));
            for (int r = 0; r < rows; r++) {                   // the exponentials left for other readers are the same
                assertThat((double) after.getMethod("weightOf", int.class).invoke(fixed, r))
                        .isEqualTo((double) before.getMethod("weightOf", int.class).invoke(original, r));
            }
        }
        // scores 1000 and 990 (overflow: Infinity in the original) and -1000, -1010 (underflow: log 0)
        for (double scale : new double[] {1, -1}) {
            double[][] embeddings = {{1000 * scale, 0}, {990 * scale, 0}, {0, 1}};
            double[] direction = {1, 0};
            int[] counts = {2, 1, 0};
            Object original = before.getConstructor(double[][].class, double[].class).newInstance(embeddings, direction);
            Object fixed = after.getConstructor(double[][].class, double[].class).newInstance(embeddings, direction);
            double a = (double) before.getMethod("value", int[].class).invoke(original, counts);
            double b = (double) after.getMethod("value", int[].class).invoke(fixed, counts);
            double logZ = log(exp(1000 * scale).add(exp(990 * scale), MC).add(BigDecimal.ONE, MC));
            double expected = 2 * 1000 * scale + 990 * scale - 3 * logZ;
            if (scale > 0) {
                assertThat(a).isInfinite();
            }
            assertThat(b).isFinite().isCloseTo(expected, within(1e-12 * Math.max(1, Math.abs(expected))));
        }
        double[][] allLow = {{-1000, 0}, {-1010, 0}};
        Object original = before.getConstructor(double[][].class, double[].class).newInstance(allLow, new double[] {1, 0});
        Object fixed = after.getConstructor(double[][].class, double[].class).newInstance(allLow, new double[] {1, 0});
        double a = (double) before.getMethod("value", int[].class).invoke(original, new int[] {1, 1});
        double b = (double) after.getMethod("value", int[].class).invoke(fixed, new int[] {1, 1});
        double logZ = log(exp(-1000).add(exp(-1010), MC));
        double expected = -2010 - 2 * logZ;
        assertThat(a).isInfinite();
        assertThat(b).isFinite().isCloseTo(expected, within(1e-12 * Math.abs(expected)));
    }

    /** Each of {@code k} components holds a random subset of the {@code n - 1} first points (the last is held by none). */
    private static int[][] members(SplittableRandom random, int k, int n) {
        int[][] members = new int[k][];
        for (int c = 0; c < k; c++) {
            members[c] = random.ints(random.nextInt(n), 0, Math.max(1, n - 1)).distinct().toArray();
        }
        return members;
    }

    private static double[][] densities(SplittableRandom random, int[][] members, double low, double high) {
        double[][] d = new double[members.length][];
        for (int c = 0; c < members.length; c++) {
            d[c] = random.doubles(members[c].length, low, high).toArray();
        }
        return d;
    }

    private static BigDecimal exp(double x) {
        long n = Math.round(x);
        return E.pow((int) n, MC).multiply(new BigDecimal(Math.exp(x - n)), MC);
    }

    /** ln of a positive BigDecimal: its decimal exponent taken out, ln 10 times it added back. */
    private static double log(BigDecimal v) {
        int shift = v.precision() - v.scale() - 1;
        BigDecimal m = v.movePointLeft(shift);
        return Math.log(m.doubleValue()) + shift * Math.log(10);
    }
}
