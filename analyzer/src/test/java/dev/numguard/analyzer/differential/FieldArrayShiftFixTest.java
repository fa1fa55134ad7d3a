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
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * NaiveVariance's fix of per-element running sums kept in two array fields (a pixel-wise standard
 * deviation over slices): each element sums its values less its first one, the class counts the
 * passes, and the formula reads {@code PartialMoments.squaredDeviations(updates, shift[i], sum[i],
 * sumSq[i], n)}. Both versions are compiled and run: on benign slices they agree to rounding, also
 * where the formula's n is not the number of slices added; on slices of about 1e9 with a spread of
 * about 1 the original loses every digit (or goes negative and is clamped to 0), where the fixed one
 * matches the sample standard deviation of each element computed exactly with BigDecimal.
 */
class FieldArrayShiftFixTest {
    private static final String PROJECTION = """
            package demo;

            public class Projection {
                private final double[] result;
                private double[] sum, sumSq;
                private final int len;
                private final int slices;

                public Projection(int len, int slices) {
                    this.len = len;
                    this.slices = slices;
                    result = new double[len];
                    sum = new double[len];
                    sumSq = new double[len];
                }

                public void add(double[] pixels) {
                    for (int i = 0; i < len; i++) {
                        double v = pixels[i];
                        sum[i] += v;
                        sumSq[i] += v * v;
                    }
                }

                public void add(byte[] pixels) {
                    int v;
                    for (int i = 0; i < len; i++) {
                        v = pixels[i] & 0xff;
                        sum[i] += v;
                        sumSq[i] += v * v;
                    }
                }

                public double[] standardDeviation() {
                    double n = slices;
                    for (int i = 0; i < len; i++) {
                        double variance = (n * sumSq[i] - sum[i] * sum[i]) / n;
                        result[i] = variance > 0.0 ? Math.sqrt(variance / (n - 1.0)) : 0.0;
                    }
                    return result;
                }
            }
            """;
    private static final MathContext MC = new MathContext(60);

    @TempDir
    Path dir;

    @Test
    void shiftsEachElementByItsFirstValueAndCountsThePasses() throws Exception {
        String fixed = fixed(write(dir.resolve("demo/Projection.java"), PROJECTION));
        assertThat(fixed).contains("import dev.numguard.guards.PartialMoments;")
                .contains("    private double[] shift;\n    private long updates;\n")
                .contains("        sumSq = new double[len];\n        shift = new double[len];\n")
                .contains("            if (updates == 0) {\n                shift[i] = v;\n            }\n"
                        + "            sum[i] += v - shift[i];\n            sumSq[i] += (v - shift[i]) * (v - shift[i]);\n"
                        + "        }\n        updates++;\n")
                .contains("double variance = (n * PartialMoments.squaredDeviations(updates, shift[i], sum[i], sumSq[i], n)) / n;");
    }

    @Test
    void benignSlicesAgreeAlsoForAnotherStatedCount() throws Exception {
        Class<?>[] versions = compiled();
        SplittableRandom random = new SplittableRandom(41);
        for (int draw = 0; draw < 60; draw++) {
            int len = 1 + random.nextInt(12);
            int added = 2 + random.nextInt(15);
            int stated = draw % 3 == 0 ? added + 2 : added;               // n not the number of slices: the formula's value
            Object before = versions[0].getConstructor(int.class, int.class).newInstance(len, stated);
            Object after = versions[1].getConstructor(int.class, int.class).newInstance(len, stated);
            for (int s = 0; s < added; s++) {
                if (random.nextBoolean()) {
                    double[] pixels = random.doubles(len, -3, 3).toArray();
                    add(before, pixels);
                    add(after, pixels);
                } else {
                    byte[] pixels = new byte[len];
                    for (int i = 0; i < len; i++) {
                        pixels[i] = (byte) random.nextInt(256);
                    }
                    add(before, pixels);
                    add(after, pixels);
                }
            }
            double[] a = result(before);
            double[] b = result(after);
            for (int i = 0; i < len; i++) {
                assertThat(b[i]).as("draw %d, element %d", draw, i).isCloseTo(a[i], within(1e-9 * Math.max(1, a[i])));
            }
        }
    }

    @Test
    void slicesNearOneBillionMatchTheExactSpread() throws Exception {
        Class<?>[] versions = compiled();
        SplittableRandom random = new SplittableRandom(43);
        int brokenBefore = 0;
        int elements = 0;
        for (int draw = 0; draw < 40; draw++) {
            int len = 1 + random.nextInt(8);
            int added = 3 + random.nextInt(20);
            Object before = versions[0].getConstructor(int.class, int.class).newInstance(len, added);
            Object after = versions[1].getConstructor(int.class, int.class).newInstance(len, added);
            double[][] slices = new double[added][len];
            for (int s = 0; s < added; s++) {
                for (int i = 0; i < len; i++) {
                    slices[s][i] = 1e9 + random.nextDouble(-1.7, 1.7);          // mean 1e9, std about 1
                }
                add(before, slices[s]);
                add(after, slices[s]);
            }
            double[] a = result(before);
            double[] b = result(after);
            for (int i = 0; i < len; i++) {
                double[] column = new double[added];
                for (int s = 0; s < added; s++) {
                    column[s] = slices[s][i];
                }
                double exact = exactSampleStd(column);
                assertThat(b[i]).isFinite().isCloseTo(exact, within(1e-9 * exact));
                brokenBefore += !(Math.abs(a[i] - exact) <= 0.1 * exact) ? 1 : 0;
                elements++;
            }
        }
        assertThat(brokenBefore).as("elements where the original is off by more than 10%").isGreaterThan(elements * 8 / 10);
    }

    private static void add(Object projection, Object pixels) throws Exception {
        Method add = projection.getClass().getMethod("add", pixels.getClass());
        add.invoke(projection, pixels);
    }

    private static double[] result(Object projection) throws Exception {
        return ((double[]) projection.getClass().getMethod("standardDeviation").invoke(projection)).clone();
    }

    /** The sample standard deviation of x, in exact arithmetic until the final square root. */
    private static double exactSampleStd(double[] x) {
        BigDecimal s = BigDecimal.ZERO;
        for (double v : x) {
            s = s.add(new BigDecimal(v));
        }
        BigDecimal mean = s.divide(BigDecimal.valueOf(x.length), MC);
        BigDecimal m2 = BigDecimal.ZERO;
        for (double v : x) {
            BigDecimal d = new BigDecimal(v).subtract(mean);
            m2 = m2.add(d.multiply(d));
        }
        return Math.sqrt(m2.divide(BigDecimal.valueOf(x.length - 1), MC).doubleValue());
    }

    private Class<?>[] compiled() throws Exception {
        Path original = write(dir.resolve("demo/Projection.java"), PROJECTION);
        Path rewritten = write(dir.resolve("fixed/demo/Projection.java"), fixed(original));
        return new Class<?>[] {InMemoryCompiler.compileAndLoad(original), InMemoryCompiler.compileAndLoad(rewritten)};
    }

    private String fixed(Path source) throws Exception {
        String text = Files.readString(source);
        List<Finding> findings = new ArrayList<>(new SpoonFrontEnd().analyze(List.of(source), List.of(),
                List.of(RuleRegistry.byId("NaiveVariance").orElseThrow())).findings());
        assertThat(findings).extracting(f -> f.span().line()).containsExactly(37);
        assertThat(findings).allSatisfy(f -> assertThat(f.fix()).isPresent());
        var plan = new FixPlanner().plan(text, findings);
        assertThat(plan.skipped()).isEmpty();
        return plan.fixed();
    }

    private static Path write(Path file, String text) throws Exception {
        Files.createDirectories(file.getParent());
        return Files.writeString(file, text);
    }
}
