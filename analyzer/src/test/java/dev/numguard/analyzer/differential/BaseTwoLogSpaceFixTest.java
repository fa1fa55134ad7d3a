package dev.numguard.analyzer.differential;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.numguard.rules.fixtures.RuleFixture;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The base-2 log-sum-exps of NaiveLogSumExp's BaseTwoScores and BitScoreNormaliser fixtures, which
 * the shift scenario of {@link FixtureDifferentialTest} cannot judge: its shift of 1000 stays below
 * where pow(2, s) overflows (1024). Benign scores agree with the original; scores of ±2000, where
 * the original gives Infinity, -Infinity or NaN, give the fixed version finite values matching
 * log2 Σ 2^s computed with the maximum taken out (exact up to the rounding of a sum in [1, n]).
 */
class BaseTwoLogSpaceFixTest {
    private static final double[][] HOSTILE = {{2000, 1999, 1998}, {-2000, -2001}, {1100, -5, 3}, {-1500, 0.5}, {1e300, 0}};

    private static Class<?> originalScores;
    private static Class<?> fixedScores;
    private static Class<?> originalNormaliser;
    private static Class<?> fixedNormaliser;

    @BeforeAll
    static void compileBoth() {
        Path fixtures = RuleFixture.root().resolve("NaiveLogSumExp");
        originalScores = InMemoryCompiler.compileAndLoad(fixtures.resolve("positive/BaseTwoScores.java"));
        fixedScores = InMemoryCompiler.compileAndLoad(fixtures.resolve("fixed/BaseTwoScores.java"));
        originalNormaliser = InMemoryCompiler.compileAndLoad(fixtures.resolve("positive/BitScoreNormaliser.java"));
        fixedNormaliser = InMemoryCompiler.compileAndLoad(fixtures.resolve("fixed/BitScoreNormaliser.java"));
    }

    @Test
    void log2HelperAgreesOnBenignScoresAndStaysFiniteOnHostileOnes() throws Exception {
        Object before = originalScores.getDeclaredConstructor().newInstance();
        Object after = fixedScores.getDeclaredConstructor().newInstance();
        Method original = originalScores.getMethod("logNormaliser", double[].class);
        Method fixed = fixedScores.getMethod("logNormaliser", double[].class);
        checkScalar(s -> call(original, before, s), s -> call(fixed, after, s), BaseTwoLogSpaceFixTest::log2SumPow2);
    }

    @Test
    void naturalLogAgreesOnBenignScoresAndStaysFiniteOnHostileOnes() throws Exception {
        Method original = originalScores.getMethod("logNormaliserNats", double[].class);
        Method fixed = fixedScores.getMethod("logNormaliserNats", double[].class);
        checkScalar(s -> call(original, null, s), s -> call(fixed, null, s), s -> log2SumPow2(s) * Math.log(2));
        Method originalNats = originalNormaliser.getMethod("normaliserInNats", double[].class);
        Method fixedNats = fixedNormaliser.getMethod("normaliserInNats", double[].class);
        checkScalar(s -> ((double[]) invoke(originalNats, null, s))[1], s -> ((double[]) invoke(fixedNats, null, s))[1],
                s -> log2SumPow2(lessOne(s)) * Math.log(2));
    }

    @Test
    void probabilitiesAgreeOnBenignScoresAndMatchTheShiftedOnesOnHostileOnes() throws Exception {
        Method original = originalNormaliser.getMethod("probabilities", double[].class);
        Method fixed = fixedNormaliser.getMethod("probabilities", double[].class);
        SplittableRandom random = new SplittableRandom(17);
        for (int draw = 0; draw < 200; draw++) {
            double[] evidence = benign(random);
            double[] a = (double[]) original.invoke(null, (Object) evidence);
            double[] b = (double[]) fixed.invoke(null, (Object) evidence);
            for (int i = 0; i < a.length; i++) {
                assertThat(b[i]).isCloseTo(a[i], within(1e-12));
            }
        }
        for (double[] evidence : HOSTILE) {
            double[] scores = new double[evidence.length];
            for (int k = 0; k < scores.length; k++) {
                scores[k] = Math.log(k + 1.0) / Math.log(2.0) + evidence[k];
            }
            double log2Total = log2SumPow2(scores);
            double[] b = (double[]) fixed.invoke(null, (Object) evidence);
            for (int i = 0; i < b.length; i++) {
                assertThat(b[i]).isFinite().isCloseTo(Math.pow(2, scores[i] - log2Total), within(1e-12));
            }
        }
    }

    private static void checkScalar(ToDoubleFunction<double[]> original, ToDoubleFunction<double[]> fixed,
                                    ToDoubleFunction<double[]> reference) {
        SplittableRandom random = new SplittableRandom(19);
        for (int draw = 0; draw < 200; draw++) {
            double[] s = benign(random);
            double a = original.applyAsDouble(s);
            assertThat(fixed.applyAsDouble(s)).isCloseTo(a, within(1e-12 * (1 + Math.abs(a))));
        }
        for (double[] s : HOSTILE) {
            double exact = reference.applyAsDouble(s);
            double max = Arrays.stream(s).max().getAsDouble();
            // past 1024 pow(2, s) overflows, below -1075 every power is 0 (the 1e300 case the ln 2 scaling must survive)
            if (max > 1100 && max < 1e299 || max < -1100) {
                assertThat(original.applyAsDouble(s)).as("the original fails on %s", Arrays.toString(s))
                        .matches(v -> !Double.isFinite(v) || Math.abs(v - exact) > 1);
            }
            assertThat(fixed.applyAsDouble(s)).isFinite().isCloseTo(exact, within(1e-12 * (1 + Math.abs(exact))));
        }
    }

    /** log2 Σ 2^sᵢ as m + log2 Σ 2^(sᵢ - m), m the maximum: each power in [0, 1], the sum in [1, n]. */
    private static double log2SumPow2(double[] s) {
        double m = Double.NEGATIVE_INFINITY;
        for (double v : s) {
            m = Math.max(m, v);
        }
        double sum = 0;
        for (double v : s) {
            sum += Math.pow(2, v - m);
        }
        return m + Math.log(sum) / Math.log(2);
    }

    private static double[] benign(SplittableRandom random) {
        double[] s = new double[1 + random.nextInt(8)];
        for (int i = 0; i < s.length; i++) {
            s[i] = random.nextDouble(-30, 30);
        }
        return s;
    }

    private static double[] lessOne(double[] s) {
        double[] shifted = new double[s.length];
        for (int i = 0; i < s.length; i++) {
            shifted[i] = s[i] - 1;
        }
        return shifted;
    }

    private static double call(Method m, Object target, double[] s) {
        return (double) invoke(m, target, s);
    }

    private static Object invoke(Method m, Object target, double[] s) {
        try {
            return m.invoke(target, (Object) s.clone());
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }
}
