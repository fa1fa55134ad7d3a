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
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fp16Overflow's fix of running sums kept in the cells of an fp16 array (a GPU kernel's tree
 * reduction in TornadoVM's form): the exact rewrite, then both versions compiled against stand-ins
 * of {@code HalfFloat} (rounding like fp16) and {@code KernelContext}, and run: benign inputs agree
 * to fp16 rounding, and inputs whose partial sums pass 65504 or lose terms below half an fp16 ulp
 * come out as the exact (BigDecimal) sum in the fix.
 */
class HalfArraySumFixTest {
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

                public float getFloat32() {
                    return Half.toFloat(bits);
                }
            }
            """;
    /** A work group run one work item at a time: the reduction's order is the kernel's. */
    private static final String KERNEL_CONTEXT = """
            package uk.ac.manchester.tornado.api;

            import uk.ac.manchester.tornado.api.types.HalfFloat;

            public final class KernelContext {
                public int localIdx;

                public HalfFloat[] allocateHalfFloatLocalArray(int size) {
                    return new HalfFloat[size];
                }

                public float[] allocateFloatLocalArray(int size) {
                    return new float[size];
                }
            }
            """;
    private static final String REDUCE = """
            package demo;

            import uk.ac.manchester.tornado.api.KernelContext;
            import uk.ac.manchester.tornado.api.types.HalfFloat;

            public class Reduce {
                public static HalfFloat treeSum(HalfFloat[] values) {
                    HalfFloat[] partial = new HalfFloat[values.length];
                    for (int i = 0; i < partial.length; i++) {
                        partial[i] = values[i];
                    }
                    for (int stride = partial.length / 2; stride > 0; stride >>= 1) {
                        for (int i = 0; i < stride; i++) {
                            partial[i] = HalfFloat.add(partial[i], partial[i + stride]);
                        }
                    }
                    return partial[0];
                }

                public static float groupDot(KernelContext context, int localSize, float[] w, float[] x) {
                    HalfFloat[] localSum = context.allocateHalfFloatLocalArray(localSize);
                    for (int id = 0; id < localSize; id++) {
                        float partialSum = 0.0f;
                        for (int j = id; j < x.length; j += localSize) {
                            partialSum += w[j] * x[j];
                        }
                        localSum[id] = new HalfFloat(partialSum);
                    }
                    for (int stride = localSize / 2; stride > 0; stride >>= 1) {
                        for (int id = 0; id < stride; id++) {
                            localSum[id] = HalfFloat.add(localSum[id], localSum[id + stride]);
                        }
                    }
                    return localSum[0].getFloat32();
                }
            }
            """;

    @TempDir
    Path dir;
    private Path halfFloat;
    private Path kernelContext;
    private Path reduce;

    @BeforeEach
    void writeSources() throws Exception {
        halfFloat = write(dir.resolve("uk/ac/manchester/tornado/api/types/HalfFloat.java"), HALF_FLOAT);
        kernelContext = write(dir.resolve("uk/ac/manchester/tornado/api/KernelContext.java"), KERNEL_CONTEXT);
        reduce = write(dir.resolve("demo/Reduce.java"), REDUCE);
    }

    @Test
    void keepsThePartialSumsInAFloatArray() throws Exception {
        assertThat(fixed()).isEqualTo(REDUCE
                .replace("HalfFloat[] partial = new HalfFloat[values.length];", "float[] partial = new float[values.length];")
                .replace("partial[i] = values[i];", "partial[i] = values[i].getFloat32();")
                .replace("partial[i] = HalfFloat.add(partial[i], partial[i + stride]);", "partial[i] += partial[i + stride];")
                .replace("return partial[0];", "return new HalfFloat(Math.max(-65504f, Math.min(65504f, partial[0])));")
                .replace("HalfFloat[] localSum = context.allocateHalfFloatLocalArray(localSize);",
                        "float[] localSum = context.allocateFloatLocalArray(localSize);")
                .replace("localSum[id] = new HalfFloat(partialSum);", "localSum[id] = partialSum;")
                .replace("localSum[id] = HalfFloat.add(localSum[id], localSum[id + stride]);", "localSum[id] += localSum[id + stride];")
                .replace("return localSum[0].getFloat32();", "return localSum[0];"));
    }

    @Test
    void benignInputsAgreeAndHostileOnesBecomeExact() throws Exception {
        Path fixedDir = Files.createDirectories(dir.resolve("fixed"));
        Map<Path, Class<?>> before = InMemoryCompiler.compileAndLoadAll(List.of(halfFloat, kernelContext, reduce));
        Map<Path, Class<?>> after = InMemoryCompiler.compileAndLoadAll(List.of(
                write(fixedDir.resolve("uk/ac/manchester/tornado/api/types/HalfFloat.java"), HALF_FLOAT),
                write(fixedDir.resolve("uk/ac/manchester/tornado/api/KernelContext.java"), KERNEL_CONTEXT),
                write(fixedDir.resolve("demo/Reduce.java"), fixed())));

        float[] values = new float[64];
        float[] w = new float[256];
        float[] x = new float[256];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) Math.sin(i) * 3.5f;
        }
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) Math.sin(i) * 0.75f;
            x[i] = (float) Math.cos(3 * i) * 0.5f;
        }
        assertThat((double) treeSum(after, values)).isCloseTo(exactHalfSum(values), Offset.offset(1e-4));
        assertThat(treeSum(before, values)).isCloseTo(treeSum(after, values), Offset.offset(5e-2f));
        assertThat((double) groupDot(after, 16, w, x)).isCloseTo(exactDot(w, x), Offset.offset(1e-4));
        assertThat(groupDot(before, 16, w, x)).isCloseTo(groupDot(after, 16, w, x), Offset.offset(5e-2f));

        // the first level's 40000 + 40000 overflows fp16 (largest finite 65504); the exact sum is 20000
        float[] large = {40000, -30000, 40000, -30000};
        assertThat(treeSum(before, large)).isInfinite();
        assertThat(treeSum(after, large)).isEqualTo(20000f);
        float[] big = new float[256];
        java.util.Arrays.fill(big, 16f);
        float[] ones = new float[256];
        java.util.Arrays.fill(ones, 1f);
        // each work item's partial sum is 16 * 16 = 256; sixteen of them reach 4096 exactly, and 256 * 16 * 16 = 65536 overflows
        assertThat(groupDot(before, 16, big, ones)).isEqualTo(4096f);
        java.util.Arrays.fill(big, 256f);
        assertThat(groupDot(before, 16, big, ones)).isInfinite();
        assertThat(groupDot(after, 16, big, ones)).isEqualTo((float) exactDot(big, ones));

        // from 2048 up fp16's spacing is 2: 2048 + 1 rounds back to 2048 in the original's partial sums, so it
        // returns 2050; the fix rounds the exact 2051 once, to the nearest fp16 value 2052 (ties to even)
        float[] uneven = new float[4];
        uneven[0] = 2048f;
        uneven[1] = 1f;
        uneven[2] = 1f;
        uneven[3] = 1f;
        assertThat(treeSum(before, uneven)).isEqualTo(2050f);
        assertThat(treeSum(after, uneven)).isEqualTo(2052f);
    }

    private String fixed() throws Exception {
        List<Finding> findings = new SpoonFrontEnd().analyze(List.of(halfFloat, kernelContext, reduce), List.of(),
                List.of(RuleRegistry.byId("Fp16Overflow").orElseThrow())).findings().stream()
                .filter(f -> f.file().endsWith("Reduce.java")).toList();
        assertThat(findings).extracting(f -> f.span().line()).containsExactly(14, 27, 31);
        assertThat(findings).allSatisfy(f -> assertThat(f.fix()).isPresent());
        var plan = new FixPlanner().plan(REDUCE, findings);
        assertThat(plan.skipped().stream().filter(s -> !s.reason().equals(FixPlanner.SUPERSEDED))).isEmpty();
        return plan.fixed();
    }

    private static float treeSum(Map<Path, Class<?>> classes, float[] values) throws Exception {
        Object result = method(classes, "treeSum").invoke(null, halves(classes, values));
        return (float) result.getClass().getMethod("getFloat32").invoke(result);
    }

    private static float groupDot(Map<Path, Class<?>> classes, int localSize, float[] w, float[] x) throws Exception {
        Object context = type(classes, "KernelContext").getConstructor().newInstance();
        return (float) method(classes, "groupDot").invoke(null, context, localSize, w, x);
    }

    private static Class<?> type(Map<Path, Class<?>> classes, String simpleName) {
        return classes.values().stream().filter(c -> c.getSimpleName().equals(simpleName)).findFirst().orElseThrow();
    }

    private static Method method(Map<Path, Class<?>> classes, String name) {
        return List.of(type(classes, "Reduce").getMethods()).stream().filter(m -> m.getName().equals(name))
                .findFirst().orElseThrow();
    }

    private static Object halves(Map<Path, Class<?>> classes, float[] values) throws Exception {
        Class<?> half = type(classes, "HalfFloat");
        Object array = Array.newInstance(half, values.length);
        for (int i = 0; i < values.length; i++) {
            Array.set(array, i, half.getConstructor(float.class).newInstance(values[i]));
        }
        return array;
    }

    /** The sum of the fp16-rounded values, exactly (BigDecimal), rounded once to double. */
    private static double exactHalfSum(float[] values) {
        BigDecimal sum = BigDecimal.ZERO;
        for (float v : values) {
            sum = sum.add(new BigDecimal(dev.numguard.guards.Half.toFloat(dev.numguard.guards.Half.fromFloat(v))));
        }
        return sum.doubleValue();
    }

    /** The dot product, exactly (BigDecimal), rounded once to double. */
    private static double exactDot(float[] a, float[] b) {
        BigDecimal sum = BigDecimal.ZERO;
        for (int i = 0; i < a.length; i++) {
            sum = sum.add(new BigDecimal(a[i]).multiply(new BigDecimal(b[i])));
        }
        return sum.doubleValue();
    }

    private static Path write(Path file, String text) throws Exception {
        Files.createDirectories(file.getParent());
        return Files.writeString(file, text);
    }
}
