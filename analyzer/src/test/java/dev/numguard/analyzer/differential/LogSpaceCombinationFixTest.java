package dev.numguard.analyzer.differential;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.numguard.guards.StableMath;
import dev.numguard.rules.fixtures.RuleFixture;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The log-space combinations of NaiveLogSumExp's CombinedSums and AscertainmentCorrection fixtures
 * ({@code log(1 + Σ exp(a) - Σ exp(b))}, {@code log(Σ exp(a) - Σ exp(b))} chosen by branch, and
 * {@code log(exp(a) + p·f)}): both versions compiled and run; benign log probabilities agree, and log
 * probabilities near ±1000, where the original under- or overflows, give the fixed version finite values
 * equal to the logarithm computed with BigDecimal exponentials.
 */
class LogSpaceCombinationFixTest {
    private static final MathContext MC = new MathContext(60);
    private static final BigDecimal E = new BigDecimal("2.71828182845904523536028747135266249775724709369995957496697");

    private static Class<?> combinedBefore;
    private static Class<?> combinedAfter;
    private static Class<?> ascertainedBefore;
    private static Class<?> ascertainedAfter;

    @BeforeAll
    static void compileAll() {
        Path fixtures = RuleFixture.root().resolve("NaiveLogSumExp");
        combinedBefore = InMemoryCompiler.compileAndLoad(fixtures.resolve("positive/CombinedSums.java"));
        combinedAfter = InMemoryCompiler.compileAndLoad(fixtures.resolve("fixed/CombinedSums.java"));
        ascertainedBefore = InMemoryCompiler.compileAndLoad(fixtures.resolve("positive/AscertainmentCorrection.java"));
        ascertainedAfter = InMemoryCompiler.compileAndLoad(fixtures.resolve("fixed/AscertainmentCorrection.java"));
    }

    @Test
    void onePlusIncludedMinusExcludedAgreesOnBenignInputsAndStaysExactWhereTheOriginalUnderflows() throws Exception {
        Method before = combinedBefore.getMethod("correction", double[].class, int.class);
        Method after = combinedAfter.getMethod("correction", double[].class, int.class);
        SplittableRandom random = new SplittableRandom(21);
        for (int draw = 0; draw < 300; draw++) {
            double[] logP = new double[1 + random.nextInt(8)];
            for (int i = 0; i < logP.length; i++) {
                logP[i] = random.nextDouble(-12, -0.5);
            }
            int split = random.nextInt(logP.length + 1);
            double a = (double) before.invoke(null, logP, split);
            double b = (double) after.invoke(null, logP, split);
            assertThat(b).isCloseTo(a, within(1e-12 * Math.max(1, Math.abs(a))));
        }
        // every site log probability near -1000: the included sum underflows to 0 in the original, which then
        // takes it for an empty one and returns log(1 - 0) = 0 where the answer is about -1000
        double[][] hostile = {{-1000, -1001, -1002}, {-1000, -999.5}, {-800, -900, -1000, -1100}};
        for (double[] logP : hostile) {
            int split = logP.length;                         // all included, none excluded: log Σ exp(a)
            double a = (double) before.invoke(null, logP, split);
            double b = (double) after.invoke(null, logP, split);
            assertThat(a).isEqualTo(0.0);                    // the underflowed sum taken for an empty one: log(1 - 0)
            assertThat(b).isFinite().isCloseTo(logSumExact(logP, 0, split), within(1e-12 * Math.abs(b)));
            // some of each: log(1 + P(in) - P(out)) is log1p of a tiny difference
            double c = (double) after.invoke(null, logP, 1);
            BigDecimal in = exp(logP[0]);
            BigDecimal out = BigDecimal.ZERO;
            for (int i = 1; i < logP.length; i++) {
                out = out.add(exp(logP[i]));
            }
            double expected = Math.log1p(in.subtract(out).doubleValue());
            assertThat(c).isFinite().isCloseTo(expected, within(1e-300));
        }
    }

    @Test
    void logAddExpWithAConstantSiteMassAgreesAndStaysFiniteAtPlusMinusAThousand() throws Exception {
        Method before = combinedBefore.getMethod("withInvariantSites", double.class, double.class, double.class);
        Method after = combinedAfter.getMethod("withInvariantSites", double.class, double.class, double.class);
        SplittableRandom random = new SplittableRandom(22);
        for (int draw = 0; draw < 300; draw++) {
            double x = random.nextDouble(-30, 30);
            double p = random.nextDouble(0.01, 1);
            double f = random.nextDouble(0.01, 1);
            double a = (double) before.invoke(null, x, p, f);
            double b = (double) after.invoke(null, x, p, f);
            assertThat(b).isCloseTo(a, within(1e-13 * Math.max(1, Math.abs(a))));
        }
        double[][] hostile = {{1000, 0.2, 0.25}, {800, 0.5, 0.5}, {-1000, 0.2, 0.25}, {-1000, 0, 0.25}};
        for (double[] h : hostile) {
            double a = (double) before.invoke(null, h[0], h[1], h[2]);
            double b = (double) after.invoke(null, h[0], h[1], h[2]);
            BigDecimal mass = exp(h[0]).add(new BigDecimal(h[1]).multiply(new BigDecimal(h[2]), MC), MC);
            if (h[0] > 709.78) {
                assertThat(a).isEqualTo(Double.POSITIVE_INFINITY);
            }
            assertThat(b).isFinite().isCloseTo(log(mass), within(1e-12 * Math.max(1, Math.abs(b))));
        }
    }

    @Test
    void differenceOfIncludedAndExcludedMassesMatchesTheExactLogarithm() throws Exception {
        int[] kept = {0, 1, 2};
        int[] dropped = {3, 4};
        Constructor<?> makeBefore = ascertainedBefore.getConstructor(int[].class, int[].class);
        Constructor<?> makeAfter = ascertainedAfter.getConstructor(int[].class, int[].class);
        Object original = makeBefore.newInstance(kept, dropped);
        Object fixed = makeAfter.newInstance(kept, dropped);
        Method before = ascertainedBefore.getMethod("logVisible", double[].class);
        Method after = ascertainedAfter.getMethod("logVisible", double[].class);
        SplittableRandom random = new SplittableRandom(23);
        for (int draw = 0; draw < 300; draw++) {
            double[] logP = new double[5];
            for (int i = 0; i < 3; i++) {
                logP[i] = random.nextDouble(-5, 0);
            }
            for (int i = 3; i < 5; i++) {
                logP[i] = random.nextDouble(-15, -8);    // the dropped mass stays below the kept one
            }
            double a = (double) before.invoke(original, (Object) logP);
            double b = (double) after.invoke(fixed, (Object) logP);
            assertThat(b).isCloseTo(a, within(1e-12 * Math.max(1, Math.abs(a))));
        }
        // log probabilities near -1000 (underflow, the original gives log(1) = 0 for a mass of about e^-1000) and
        // near +1000 (overflow, the original gives log(Inf - Inf) = NaN)
        double[][] hostile = {{-1000, -1001, -1002, -1010, -1011}, {1000, 999, 998, 990, 989}, {-700, -1000, -1000, -1200, -745}};
        for (int h = 0; h < hostile.length; h++) {
            double[] logP = hostile[h];
            double a = (double) before.invoke(original, (Object) logP);
            double b = (double) after.invoke(fixed, (Object) logP);
            BigDecimal keptMass = exp(logP[0]).add(exp(logP[1])).add(exp(logP[2]));
            BigDecimal droppedMass = exp(logP[3]).add(exp(logP[4]));
            double expected = log(keptMass.subtract(droppedMass, MC));
            assertThat(b).isFinite().isCloseTo(expected, within(1e-12 * Math.abs(expected)));
            if (h < 2) {                                      // the last the original survives: e^-700 is still normal
                assertThat(Double.isFinite(a) && Math.abs(a - expected) < 1e-6 * Math.abs(expected)).isFalse();
            } else {
                assertThat(b).isCloseTo(a, within(1e-12 * Math.abs(a)));
            }
        }
    }

    @Test
    void inPlaceMixtureOfSiteLikelihoodsMatchesTheExactLogarithm() throws Exception {
        Method before = ascertainedBefore.getMethod("mixInvariant", double[].class, double.class, double[].class, int[].class);
        Method after = ascertainedAfter.getMethod("mixInvariant", double[].class, double.class, double[].class, int[].class);
        double[] freq = {0.1, 0.2, 0.3, 0.4};
        int[] constant = {0, 5, 10};
        double[] benign = {-3, -1.5, -0.2};
        double[] a = benign.clone();
        double[] b = benign.clone();
        before.invoke(null, a, 0.3, freq, constant);
        after.invoke(null, b, 0.3, freq, constant);
        for (int i = 0; i < a.length; i++) {
            assertThat(b[i]).isCloseTo(a[i], within(1e-14));
        }
        double[] hostile = {1000, -1000, 720};
        double[] h = hostile.clone();
        after.invoke(null, h, 0.3, freq, constant);
        for (int i = 0; i < h.length; i++) {
            BigDecimal mass = exp(hostile[i]).add(new BigDecimal(0.3).multiply(new BigDecimal(freq[(constant[i]) % 4]), MC), MC);
            assertThat(h[i]).isFinite().isCloseTo(log(mass), within(1e-12 * Math.max(1, Math.abs(h[i]))));
        }
    }

    @Test
    void logSubExpHasTheEdgesOfTheLinearDifference() {
        assertThat(StableMath.logSubExp(2.0, Double.NEGATIVE_INFINITY)).isEqualTo(2.0);
        assertThat(StableMath.logSubExp(-3.0, -3.0)).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(StableMath.logSubExp(Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY)).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(StableMath.logSubExp(Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY)).isNaN();
        assertThat(StableMath.logSubExp(Double.POSITIVE_INFINITY, 5.0)).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(StableMath.logSubExp(1.0, 2.0)).isNaN();
        assertThat(StableMath.logSubExp(Double.NaN, 2.0)).isNaN();
        assertThat(StableMath.logSubExp(1.0, Double.NaN)).isNaN();
        assertThat(StableMath.logSubExp(Math.log(5), Math.log(3))).isCloseTo(Math.log(2), within(1e-15));
        // e^1000 - e^999 = e^999 (e - 1)
        assertThat(StableMath.logSubExp(1000.0, 999.0)).isCloseTo(999 + Math.log(Math.E - 1), within(1e-12));
        // nearly cancelling: log(e^a - e^(a - 1e-10)) = a + log(1e-10) to ten digits
        assertThat(StableMath.logSubExp(0.0, -1e-10)).isCloseTo(Math.log(-Math.expm1(-1e-10)), within(1e-15));
        float single = StableMath.logSubExp(3f, 2f);
        assertThat(single).isCloseTo((float) (3 + Math.log(-Math.expm1(-1))), within(1e-6f));
    }

    @Test
    void logAddExpLinearIsTheLogOfExpPlusANumberOfEitherSign() {
        assertThat(StableMath.logAddExpLinear(Math.log(3), 2.0)).isCloseTo(Math.log(5), within(1e-15));
        assertThat(StableMath.logAddExpLinear(Math.log(3), -2.0)).isCloseTo(0.0, within(1e-15));
        assertThat(StableMath.logAddExpLinear(Math.log(3), -3.0)).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(StableMath.logAddExpLinear(Math.log(3), -4.0)).isNaN();
        assertThat(StableMath.logAddExpLinear(1.5, 0.0)).isEqualTo(1.5);
        assertThat(StableMath.logAddExpLinear(1.5, -0.0)).isEqualTo(1.5);
        assertThat(StableMath.logAddExpLinear(1.5, Double.NaN)).isNaN();
        assertThat(StableMath.logAddExpLinear(Double.NaN, 1.0)).isNaN();
        assertThat(StableMath.logAddExpLinear(Double.NEGATIVE_INFINITY, 2.0)).isCloseTo(Math.log(2), within(1e-15));
        // e^1000 - 5 and e^-1000 + 5, where exp alone overflows or underflows
        assertThat(StableMath.logAddExpLinear(1000.0, -5.0)).isCloseTo(1000.0, within(1e-12));
        assertThat(StableMath.logAddExpLinear(-1000.0, 5.0)).isCloseTo(Math.log(5), within(1e-15));
        // where exp(a) + c is representable the original expression is matched to the last digits
        SplittableRandom random = new SplittableRandom(24);
        for (int draw = 0; draw < 1000; draw++) {
            double a = random.nextDouble(-20, 20);
            double c = random.nextDouble(-5, 5);
            double linear = Math.log(Math.exp(a) + c);
            double logSpace = StableMath.logAddExpLinear(a, c);
            if (Double.isNaN(linear)) {
                assertThat(logSpace).isNaN();
            } else if (Math.exp(a) + c > 1e-3) {
                assertThat(logSpace).isCloseTo(linear, within(1e-12 * Math.max(1, Math.abs(linear))));
            }
        }
    }

    @Test
    void listwiseLossesWithARunningNormaliserAgreeAndMatchTheExactLossAtAThousand() throws Exception {
        Path fixtures = RuleFixture.root().resolve("NaiveCrossEntropy");
        Class<?> reportedBefore = InMemoryCompiler.compileAndLoad(fixtures.resolve("positive/LossOfReportedSoftmax.java"));
        Class<?> reportedAfter = InMemoryCompiler.compileAndLoad(fixtures.resolve("fixed/LossOfReportedSoftmax.java"));
        Class<?> baseBefore = InMemoryCompiler.compileAndLoad(fixtures.resolve("positive/LossInOtherBase.java"));
        Class<?> baseAfter = InMemoryCompiler.compileAndLoad(fixtures.resolve("fixed/LossInOtherBase.java"));
        Method listwiseBefore = reportedBefore.getDeclaredMethod("listwise", java.util.List.class);
        Method listwiseAfter = reportedAfter.getDeclaredMethod("listwise", java.util.List.class);
        Method bitsBefore = baseBefore.getDeclaredMethod("listwiseLoss", double[].class, double[].class);
        Method bitsAfter = baseAfter.getDeclaredMethod("listwiseLoss", double[].class, double[].class);
        for (Method m : new Method[] {listwiseBefore, listwiseAfter, bitsBefore, bitsAfter}) {
            m.setAccessible(true);
        }
        SplittableRandom random = new SplittableRandom(25);
        for (int draw = 0; draw < 200; draw++) {
            java.util.List<double[]> lists = new java.util.ArrayList<>();
            for (int l = 0; l < 1 + random.nextInt(3); l++) {
                lists.add(random.doubles(1 + random.nextInt(5), -5, 5).toArray());
            }
            double a = (double) listwiseBefore.invoke(null, lists);
            double b = (double) listwiseAfter.invoke(null, lists);
            assertThat(b).isCloseTo(a, within(1e-12 * Math.max(1, Math.abs(a))));
            double[] scores = lists.get(0);
            double[] targets = random.doubles(scores.length, 0, 1).toArray();
            double c = (double) bitsBefore.invoke(null, scores, targets);
            double d = (double) bitsAfter.invoke(null, scores, targets);
            assertThat(d).isCloseTo(c, within(1e-12 * Math.max(1, Math.abs(c))));
        }
        // scores near ±1000: exp overflows (NaN) or underflows (log 0) in the original
        double[][] hostile = {{1000, 999, 990}, {-1000, -1001, -1003}, {0, -800, 5}};
        for (double[] scores : hostile) {
            double[] targets = {0.5, 0.25, 0.25};
            double exactNats = 0;
            double exactBits = 0;
            BigDecimal sum = BigDecimal.ZERO;
            for (double s : scores) {
                sum = sum.add(exp(s));
            }
            double logSum = log(sum);
            for (int j = 0; j < scores.length; j++) {
                exactNats -= scores[j] - logSum;
                exactBits += targets[j] * (scores[j] - logSum) / Math.log(2);
            }
            double a = (double) listwiseBefore.invoke(null, java.util.List.of(scores));
            double b = (double) listwiseAfter.invoke(null, java.util.List.of(scores));
            assertThat(b).isFinite().isCloseTo(exactNats, within(1e-9 * Math.abs(exactNats)));
            assertThat(Double.isFinite(a) && Math.abs(a - exactNats) < 1e-6 * Math.abs(exactNats)).isFalse();
            double d = (double) bitsAfter.invoke(null, scores, targets);
            assertThat(d).isFinite().isCloseTo(-exactBits, within(1e-9 * Math.abs(exactBits)));
        }
    }

    @Test
    void helperThatFillsArraysGetsALogSpaceTwinWithTheSameStores() throws Exception {
        Path fixtures = RuleFixture.root().resolve("NaiveLogSumExp");
        Class<?> before = InMemoryCompiler.compileAndLoad(fixtures.resolve("positive/FillingPartitionHelper.java"));
        Class<?> after = InMemoryCompiler.compileAndLoad(fixtures.resolve("fixed/FillingPartitionHelper.java"));
        SplittableRandom random = new SplittableRandom(26);
        for (int draw = 0; draw < 200; draw++) {
            int rows = 1 + random.nextInt(6);
            double[][] embeddings = new double[rows][];
            for (int r = 0; r < rows; r++) {
                embeddings[r] = random.doubles(3, -2, 2).toArray();
            }
            double[] direction = random.doubles(3, -2, 2).toArray();
            Object original = before.getConstructor(double[][].class, double[].class).newInstance(embeddings, direction);
            Object fixed = after.getConstructor(double[][].class, double[].class).newInstance(embeddings, direction);
            double a = (double) before.getMethod("currentLogPartition").invoke(original);
            double b = (double) after.getMethod("currentLogPartition").invoke(fixed);
            assertThat(b).isCloseTo(a, within(1e-13 * Math.max(1, Math.abs(a))));
            for (int r = 0; r < rows; r++) {            // the exponentials stored for the gradient are the same
                assertThat((double) after.getMethod("weightOf", int.class).invoke(fixed, r))
                        .isEqualTo((double) before.getMethod("weightOf", int.class).invoke(original, r));
            }
        }
        // scores near ±1000: the original's partition overflows (log = Infinity) or underflows (log 0 = -Infinity)
        double[][] hostile = {{1000, 999, 998}, {-1000, -1002, -1005}, {800, -800, 0}};
        for (double[] target : hostile) {
            double[][] embeddings = new double[target.length][];
            for (int r = 0; r < target.length; r++) {
                embeddings[r] = new double[] {target[r], 0, 0};
            }
            double[] direction = {1, 0.5, -0.5};
            Object original = before.getConstructor(double[][].class, double[].class).newInstance(embeddings, direction);
            Object fixed = after.getConstructor(double[][].class, double[].class).newInstance(embeddings, direction);
            double a = (double) before.getMethod("currentLogPartition").invoke(original);
            double b = (double) after.getMethod("currentLogPartition").invoke(fixed);
            double exact = logSumExact(target, 0, target.length);
            assertThat(b).isFinite().isCloseTo(exact, within(1e-12 * Math.abs(exact)));
            if (target[0] != 800) {
                assertThat(a).isInfinite();
            }
        }
    }

    private static double logSumExact(double[] x, int from, int to) {
        BigDecimal total = BigDecimal.ZERO;
        for (int i = from; i < to; i++) {
            total = total.add(exp(x[i]));
        }
        return log(total);
    }

    /** e^x as e^n · e^(x - n), n the nearest integer: the power exact to 60 digits, the rest within an ulp. */
    private static BigDecimal exp(double x) {
        long n = Math.round(x);
        return E.pow((int) n, MC).multiply(new BigDecimal(Math.exp(x - n)), MC);
    }

    /** ln of a positive BigDecimal: its decimal exponent taken out, ln 10 times it added back. */
    private static double log(BigDecimal v) {
        int shift = v.precision() - v.scale() - 1;           // v = m · 10^shift with 1 <= m < 10
        BigDecimal m = v.movePointLeft(shift);
        return Math.log(m.doubleValue()) + shift * Math.log(10);
    }
}
