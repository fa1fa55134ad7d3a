package dev.numguard.analyzer.differential;

import static org.assertj.core.api.Assertions.assertThat;

import dev.numguard.analyzer.fix.FixPlanner;
import dev.numguard.analyzer.spoon.SpoonFrontEnd;
import dev.numguard.rules.Finding;
import dev.numguard.rules.RuleRegistry;
import java.lang.reflect.Array;
import java.lang.reflect.Method;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fp16Overflow's fix of a running fp16 sum in TornadoVM's form ({@code HalfFloat.add}/{@code mult}):
 * the exact rewrite, then both versions compiled against a stand-in {@code HalfFloat} that rounds
 * like fp16 and run: benign inputs agree to fp16 rounding, and the inputs that break the original
 * (a partial sum past 65504, terms below half an fp16 ulp of the sum) come out exact in the fix.
 */
class HalfSumFixTest {
    /** TornadoVM's HalfFloat API shape; each result is rounded to fp16 by runtime-guards' Half. */
    private static final String HALF_FLOAT = """
            package uk.ac.manchester.tornado.api.types;

            import dev.numguard.guards.Half;

            public final class HalfFloat {
                private final short bits;

                public HalfFloat(float value) {
                    bits = Half.fromFloat(value);
                }

                public static HalfFloat add(HalfFloat a, HalfFloat b) {
                    return new HalfFloat(a.getFloat32() + b.getFloat32());
                }

                public static HalfFloat mult(HalfFloat a, HalfFloat b) {
                    return new HalfFloat(a.getFloat32() * b.getFloat32());
                }

                public float getFloat32() {
                    return Half.toFloat(bits);
                }
            }
            """;
    private static final String DOT = """
            package demo;

            import uk.ac.manchester.tornado.api.types.HalfFloat;

            public class HalfDot {
                public static HalfFloat dot(HalfFloat[] a, HalfFloat[] b) {
                    HalfFloat sum = new HalfFloat(0);
                    for (int i = 0; i < a.length; i++) {
                        sum = HalfFloat.add(sum, HalfFloat.mult(a[i], b[i]));
                    }
                    return sum;
                }

                public static float total(HalfFloat[] a, HalfFloat[] b) {
                    HalfFloat sum = new HalfFloat(0f);
                    for (int i = 0; i < a.length; i++) {
                        sum = HalfFloat.add(a[i], sum);
                    }
                    return sum.getFloat32() / b.length;
                }
            }
            """;

    @TempDir
    Path dir;
    private Path halfFloat;
    private Path dot;

    @BeforeEach
    void writeSources() throws Exception {
        halfFloat = write(dir.resolve("uk/ac/manchester/tornado/api/types/HalfFloat.java"), HALF_FLOAT);
        dot = write(dir.resolve("demo/HalfDot.java"), DOT);
    }

    @Test
    void keepsTheRunningSumInFloat() throws Exception {
        assertThat(fixed()).isEqualTo(DOT
                .replace("HalfFloat sum = new HalfFloat(0);", "float sum = 0;")
                .replace("sum = HalfFloat.add(sum, HalfFloat.mult(a[i], b[i]));", "sum += a[i].getFloat32() * b[i].getFloat32();")
                .replace("return sum;", "return new HalfFloat(Math.max(-65504f, Math.min(65504f, sum)));")
                .replace("HalfFloat sum = new HalfFloat(0f);", "float sum = 0f;")
                .replace("sum = HalfFloat.add(a[i], sum);", "sum += a[i].getFloat32();")
                .replace("return sum.getFloat32() / b.length;", "return sum / b.length;"));
    }

    @Test
    void benignInputsAgreeAndHostileOnesBecomeExact() throws Exception {
        Path fixedDir = Files.createDirectories(dir.resolve("fixed"));
        Path fixedDot = write(fixedDir.resolve("demo/HalfDot.java"), fixed());
        Path fixedHalf = write(fixedDir.resolve("uk/ac/manchester/tornado/api/types/HalfFloat.java"), HALF_FLOAT);
        Map<Path, Class<?>> before = InMemoryCompiler.compileAndLoadAll(List.of(halfFloat, dot));
        Map<Path, Class<?>> after = InMemoryCompiler.compileAndLoadAll(List.of(fixedHalf, fixedDot));

        float[] a = new float[64];
        float[] b = new float[64];
        for (int i = 0; i < a.length; i++) {
            a[i] = (float) Math.sin(i) * 0.75f;
            b[i] = (float) Math.cos(3 * i) * 0.5f;
        }
        double exact = exactDot(a, b);
        float original = dot(before, a, b);
        float rewritten = dot(after, a, b);
        assertThat((double) rewritten).isCloseTo(exact, org.assertj.core.data.Offset.offset(1e-3));
        assertThat((double) original).isCloseTo(rewritten, org.assertj.core.data.Offset.offset(2e-2));

        // 40000 + 40000 overflows fp16 (largest finite 65504); the last term brings the sum back to 40000
        float[] overflow = {200, 200, -200};
        float[] ones = {200, 200, 200};
        assertThat(dot(before, overflow, ones)).isInfinite();
        assertThat(dot(after, overflow, ones)).isEqualTo(40000f);

        // from 2048 up fp16's spacing is 2: adding 1 no longer changes the sum
        float[] many = new float[4096];
        float[] unit = new float[4096];
        java.util.Arrays.fill(many, 1f);
        java.util.Arrays.fill(unit, 1f);
        assertThat(dot(before, many, unit)).isEqualTo(2048f);
        assertThat(dot(after, many, unit)).isEqualTo(4096f);
        assertThat(total(before, many, unit)).isEqualTo(0.5f);
        assertThat(total(after, many, unit)).isEqualTo(1f);
    }

    private String fixed() throws Exception {
        List<Finding> findings = new SpoonFrontEnd().analyze(List.of(halfFloat, dot), List.of(),
                List.of(RuleRegistry.byId("Fp16Overflow").orElseThrow())).findings().stream()
                .filter(f -> f.file().endsWith("HalfDot.java")).toList();
        assertThat(findings).extracting(f -> f.span().line()).containsExactly(9, 17);
        var plan = new FixPlanner().plan(DOT, findings);
        assertThat(plan.skipped()).isEmpty();
        return plan.fixed();
    }

    private static float dot(Map<Path, Class<?>> classes, float[] a, float[] b) throws Exception {
        Object result = method(classes, "dot").invoke(null, halves(classes, a), halves(classes, b));
        return (float) result.getClass().getMethod("getFloat32").invoke(result);
    }

    private static float total(Map<Path, Class<?>> classes, float[] a, float[] b) throws Exception {
        return (float) method(classes, "total").invoke(null, halves(classes, a), halves(classes, b));
    }

    private static Method method(Map<Path, Class<?>> classes, String name) {
        Class<?> dot = classes.values().stream().filter(c -> c.getSimpleName().equals("HalfDot")).findFirst().orElseThrow();
        return List.of(dot.getMethods()).stream().filter(m -> m.getName().equals(name)).findFirst().orElseThrow();
    }

    private static Object halves(Map<Path, Class<?>> classes, float[] values) throws Exception {
        Class<?> half = classes.values().stream().filter(c -> c.getSimpleName().equals("HalfFloat")).findFirst().orElseThrow();
        Object array = Array.newInstance(half, values.length);
        for (int i = 0; i < values.length; i++) {
            Array.set(array, i, half.getConstructor(float.class).newInstance(values[i]));
        }
        return array;
    }

    /** The dot product of the fp16-rounded values, exactly (BigDecimal), rounded once to double. */
    private static double exactDot(float[] a, float[] b) {
        BigDecimal sum = BigDecimal.ZERO;
        for (int i = 0; i < a.length; i++) {
            float x = dev.numguard.guards.Half.toFloat(dev.numguard.guards.Half.fromFloat(a[i]));
            float y = dev.numguard.guards.Half.toFloat(dev.numguard.guards.Half.fromFloat(b[i]));
            sum = sum.add(new BigDecimal(x).multiply(new BigDecimal(y)));
        }
        return sum.doubleValue();
    }

    private static Path write(Path file, String text) throws Exception {
        Files.createDirectories(file.getParent());
        return Files.writeString(file, text);
    }
}
