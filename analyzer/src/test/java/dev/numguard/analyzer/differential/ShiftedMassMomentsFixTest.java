package dev.numguard.analyzer.differential;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.numguard.analyzer.fix.FixPlanner;
import dev.numguard.analyzer.spoon.SpoonFrontEnd;
import dev.numguard.rules.Finding;
import dev.numguard.rules.RuleRegistry;
import java.lang.reflect.Method;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * NaiveVariance's fix of the variance of a probability mass, Σp·x² − (Σp·x)²: the sums accumulate
 * x less its first value, then both versions are compiled and run. Benign scores agree to
 * rounding; scores near 1e9 (1e4 in float) with a small spread and masses that sum to exactly one
 * make the original lose every digit, where the fixed one matches the variance computed exactly
 * with BigDecimal; with masses from a softmax (which sum to one only to rounding) it matches the
 * exact variance of the distribution they describe.
 */
class ShiftedMassMomentsFixTest {
    private static final String ITEM = """
            package demo;

            public class Item {
                public static double information(double[] scores, double[] masses) {
                    double sum1 = 0.0;
                    double sum2 = 0.0;
                    for (int i = 0; i < scores.length; i++) {
                        double t = scores[i];
                        sum1 += t * t * masses[i];
                        sum2 += t * masses[i];
                    }
                    return sum1 - Math.pow(sum2, 2);
                }

                public static float spread(float[] scores, float[] masses) {
                    float first = 0f;
                    float second = 0f;
                    for (int k = 0; k < scores.length; k++) {
                        first += masses[k] * scores[k];
                        second += masses[k] * scores[k] * scores[k];
                    }
                    return second - first * first;
                }
            }
            """;
    private static final MathContext MC = new MathContext(60);

    @TempDir
    Path dir;

    @Test
    void shiftsTheValuesByTheirFirstOneAndKeepsTheFormula() throws Exception {
        assertThat(fixed(write(dir.resolve("demo/Item.java"), ITEM))).isEqualTo(ITEM
                .replace("        for (int i = 0;", "        double shiftT = 0;\n        for (int i = 0;")
                .replace("            sum1 += t * t * masses[i];\n            sum2 += t * masses[i];",
                        "            if (i == 0) {\n                shiftT = t;\n            }\n"
                                + "            sum1 += (t - shiftT) * (t - shiftT) * masses[i];\n"
                                + "            sum2 += (t - shiftT) * masses[i];")
                .replace("        for (int k = 0;", "        float shiftScores = 0;\n        for (int k = 0;")
                .replace("            first += masses[k] * scores[k];\n"
                                + "            second += masses[k] * scores[k] * scores[k];",
                        "            if (k == 0) {\n                shiftScores = scores[k];\n            }\n"
                                + "            first += masses[k] * (scores[k] - shiftScores);\n"
                                + "            second += masses[k] * (scores[k] - shiftScores) * (scores[k] - shiftScores);"));
    }

    @Test
    void doubleBenignAgreesAndLargeScoresMatchTheExactVariance() throws Exception {
        Class<?>[] versions = compiled();
        Method before = versions[0].getMethod("information", double[].class, double[].class);
        Method after = versions[1].getMethod("information", double[].class, double[].class);
        SplittableRandom random = new SplittableRandom(12);
        for (int draw = 0; draw < 50; draw++) {
            double[] masses = softmax(random, 2 + random.nextInt(10));
            double[] scores = random.doubles(masses.length, -3, 3).toArray();
            double a = (double) before.invoke(null, scores, masses);
            assertThat((double) after.invoke(null, scores, masses)).isCloseTo(a, within(1e-12 * Math.max(1, a)));
        }
        int brokenBefore = 0;
        for (int draw = 0; draw < 50; draw++) {
            double[] masses = dyadicMasses(random, 2 + random.nextInt(10));
            double[] scores = new double[masses.length];
            for (int i = 0; i < scores.length; i++) {
                scores[i] = 1e9 + random.nextInt(-64, 65) / 16.0;      // exact in double, spread about 4
            }
            double exact = exactRaw(scores, masses);                    // Σp = 1 exactly: the variance itself
            double fixedResult = (double) after.invoke(null, scores, masses);
            assertThat(fixedResult).isFinite().isCloseTo(exact, within(1e-12 * Math.max(1, exact)));
            double naive = (double) before.invoke(null, scores, masses);
            brokenBefore += Math.abs(naive - exact) > 0.1 * Math.max(1, exact) ? 1 : 0;
        }
        assertThat(brokenBefore).as("draws where the original is off by more than 10%").isGreaterThan(40);

        for (int draw = 0; draw < 50; draw++) {
            double[] masses = softmax(random, 2 + random.nextInt(10));  // Σp = 1 only to rounding
            double[] scores = new double[masses.length];
            for (int i = 0; i < scores.length; i++) {
                scores[i] = 1e9 + random.nextDouble(-3, 3);
            }
            double exact = exactVariance(scores, masses);
            assertThat((double) after.invoke(null, scores, masses)).isCloseTo(exact, within(1e-9 * Math.max(1, exact)));
        }
    }

    @Test
    void floatBenignAgreesAndLargeScoresMatchTheExactVariance() throws Exception {
        Class<?>[] versions = compiled();
        Method before = versions[0].getMethod("spread", float[].class, float[].class);
        Method after = versions[1].getMethod("spread", float[].class, float[].class);
        SplittableRandom random = new SplittableRandom(13);
        for (int draw = 0; draw < 50; draw++) {
            double[] p = dyadicMasses(random, 2 + random.nextInt(10));
            float[] masses = toFloat(p);
            float[] scores = new float[masses.length];
            for (int i = 0; i < scores.length; i++) {
                scores[i] = (float) random.nextDouble(-3, 3);
            }
            float a = (float) before.invoke(null, scores, masses);
            assertThat((float) after.invoke(null, scores, masses)).isCloseTo(a, within(1e-5f * Math.max(1, a)));
        }
        int brokenBefore = 0;
        for (int draw = 0; draw < 50; draw++) {
            double[] p = dyadicMasses(random, 2 + random.nextInt(10));
            float[] masses = toFloat(p);
            float[] scores = new float[masses.length];
            double[] wide = new double[masses.length];
            for (int i = 0; i < scores.length; i++) {
                scores[i] = 1e4f + random.nextInt(-64, 65) / 16f;        // exact in float, spread about 4
                wide[i] = scores[i];
            }
            double exact = exactRaw(wide, p);
            float fixedResult = (float) after.invoke(null, scores, masses);
            assertThat((double) fixedResult).isFinite().isCloseTo(exact, within(1e-5 * Math.max(1, exact)));
            float naive = (float) before.invoke(null, scores, masses);
            brokenBefore += Math.abs(naive - exact) > 0.1 * Math.max(1, exact) ? 1 : 0;
        }
        assertThat(brokenBefore).as("draws where the float original is off by more than 10%").isGreaterThan(40);
    }

    /** Masses that are multiples of 1/1024 and sum to exactly one (in float too). */
    private static double[] dyadicMasses(SplittableRandom random, int n) {
        int[] units = new int[n];
        int left = 1024;
        for (int i = 0; i < n - 1; i++) {
            units[i] = random.nextInt(0, left / 2 + 1);
            left -= units[i];
        }
        units[n - 1] = left;
        double[] p = new double[n];
        for (int i = 0; i < n; i++) {
            p[i] = units[i] / 1024.0;
        }
        return p;
    }

    private static double[] softmax(SplittableRandom random, int n) {
        double[] p = random.doubles(n, -2, 2).map(Math::exp).toArray();
        double total = 0;
        for (double v : p) {
            total += v;
        }
        for (int i = 0; i < n; i++) {
            p[i] /= total;
        }
        return p;
    }

    /** Σp·x² − (Σp·x)² in exact arithmetic on the given doubles. */
    private static double exactRaw(double[] x, double[] p) {
        BigDecimal s1 = BigDecimal.ZERO;
        BigDecimal s2 = BigDecimal.ZERO;
        for (int i = 0; i < x.length; i++) {
            BigDecimal v = new BigDecimal(x[i]);
            BigDecimal w = new BigDecimal(p[i]);
            s1 = s1.add(w.multiply(v));
            s2 = s2.add(w.multiply(v).multiply(v));
        }
        return s2.subtract(s1.multiply(s1)).doubleValue();
    }

    /** Σp·(x − m)² / Σp with m = Σp·x / Σp: the variance of the distribution the masses describe. */
    private static double exactVariance(double[] x, double[] p) {
        BigDecimal total = BigDecimal.ZERO;
        BigDecimal s1 = BigDecimal.ZERO;
        for (int i = 0; i < x.length; i++) {
            total = total.add(new BigDecimal(p[i]));
            s1 = s1.add(new BigDecimal(p[i]).multiply(new BigDecimal(x[i])));
        }
        BigDecimal mean = s1.divide(total, MC);
        BigDecimal m2 = BigDecimal.ZERO;
        for (int i = 0; i < x.length; i++) {
            BigDecimal d = new BigDecimal(x[i]).subtract(mean);
            m2 = m2.add(new BigDecimal(p[i]).multiply(d).multiply(d));
        }
        return m2.divide(total, MC).doubleValue();
    }

    private static float[] toFloat(double[] p) {
        float[] out = new float[p.length];
        for (int i = 0; i < p.length; i++) {
            out[i] = (float) p[i];
        }
        return out;
    }

    private Class<?>[] compiled() throws Exception {
        Path original = write(dir.resolve("demo/Item.java"), ITEM);
        Path rewritten = write(dir.resolve("fixed/demo/Item.java"), fixed(original));
        return new Class<?>[] {InMemoryCompiler.compileAndLoad(original), InMemoryCompiler.compileAndLoad(rewritten)};
    }

    private String fixed(Path source) throws Exception {
        String text = Files.readString(source);
        List<Finding> findings = new SpoonFrontEnd().analyze(List.of(source), List.of(),
                List.of(RuleRegistry.byId("NaiveVariance").orElseThrow())).findings();
        assertThat(findings).extracting(f -> f.span().line()).containsExactly(12, 22);
        var plan = new FixPlanner().plan(text, findings);
        assertThat(plan.skipped()).isEmpty();
        return plan.fixed();
    }

    private static Path write(Path file, String text) throws Exception {
        Files.createDirectories(file.getParent());
        return Files.writeString(file, text);
    }
}
