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
 * The two softmaxes of NaiveSoftmax's ShiftedByAConstant fixture that the shift scenario of
 * {@link FixtureDifferentialTest} cannot judge: one against an implicit class with exponent 0
 * (not invariant under a common shift) and one already shifted by its first input (invariant, so
 * a common shift never breaks it). Both versions compiled and run; benign inputs agree, and logits
 * far apart, where the original overflows to NaN, give the fixed version the softmax computed with
 * BigDecimal exponentials.
 */
class ConstantShiftFixTest {
    private static final MathContext MC = new MathContext(50);
    private static final BigDecimal E = new BigDecimal("2.7182818284590452353602874713526624977572470937000");

    private static Class<?> original;
    private static Class<?> fixed;

    @BeforeAll
    static void compileBoth() {
        Path fixtures = RuleFixture.root().resolve("NaiveSoftmax");
        original = InMemoryCompiler.compileAndLoad(fixtures.resolve("positive/ShiftedByAConstant.java"));
        fixed = InMemoryCompiler.compileAndLoad(fixtures.resolve("fixed/ShiftedByAConstant.java"));
    }

    @Test
    void implicitClassAgreesOnBenignScoresAndMatchesTheExactSoftmaxWhereTheOriginalOverflows() throws Exception {
        Method before = original.getMethod("againstImplicitClass", float[].class);
        Method after = fixed.getMethod("againstImplicitClass", float[].class);
        SplittableRandom random = new SplittableRandom(11);
        for (int draw = 0; draw < 200; draw++) {
            float[] scores = new float[1 + random.nextInt(8)];
            for (int i = 0; i < scores.length; i++) {
                scores[i] = (float) random.nextDouble(-20, 20);
            }
            float[] a = (float[]) before.invoke(null, (Object) scores.clone());
            float[] b = (float[]) after.invoke(null, (Object) scores.clone());
            for (int i = 0; i < scores.length; i++) {
                assertThat(b[i]).isCloseTo(a[i], within(1e-6f));
            }
        }
        float[][] hostile = {{100f, 95f, 90f}, {1000f, 999f}, {-200f, 150f, 149f}, {-300f, -250f}, {88.8f, 0f}};
        for (float[] scores : hostile) {
            float[] a = (float[]) before.invoke(null, (Object) scores.clone());
            float[] b = (float[]) after.invoke(null, (Object) scores.clone());
            double[] exact = exactSoftmax(toDouble(scores), true);
            for (int i = 0; i < scores.length; i++) {
                assertThat(b[i]).isFinite().isCloseTo((float) exact[i], within(1e-6f));
            }
            if (scores[0] > 88.72f) {
                assertThat(a[0]).isNaN();
            }
        }
    }

    @Test
    void shiftByTheFirstInputAgreesOnBenignInputsAndMatchesTheExactSoftmaxWhereTheOriginalOverflows() throws Exception {
        Method before = original.getMethod("shiftedByFirst", double[].class);
        Method after = fixed.getMethod("shiftedByFirst", double[].class);
        SplittableRandom random = new SplittableRandom(13);
        for (int draw = 0; draw < 200; draw++) {
            double[] x = new double[1 + random.nextInt(8)];
            for (int i = 0; i < x.length; i++) {
                x[i] = random.nextDouble(-50, 50);
            }
            double[] a = (double[]) before.invoke(null, (Object) x);
            double[] b = (double[]) after.invoke(null, (Object) x);
            for (int i = 0; i < x.length; i++) {
                assertThat(b[i]).isCloseTo(a[i], within(1e-14));
            }
        }
        // the first two overflow the original (an exponent above 709.78); the last two it survives, the fix must too
        double[][] hostile = {{0, 1000, 999}, {-1000, 0, 1}, {700, -100, 10}, {1e300, 0}};
        for (double[] x : hostile) {
            double[] a = (double[]) before.invoke(null, (Object) x);
            double[] b = (double[]) after.invoke(null, (Object) x);
            double[] exact = x[0] == 1e300 ? new double[] {1, 0} : exactSoftmax(x, false);
            if (x[1] - x[0] > 709.78) {
                assertThat(a).contains(Double.NaN);
            }
            for (int i = 0; i < x.length; i++) {
                assertThat(b[i]).isFinite().isCloseTo(exact[i], within(1e-14));
            }
        }
    }

    /** exp(xᵢ) / (Σ exp(xⱼ), plus 1 for the implicit class), each exponential formed in BigDecimal. */
    private static double[] exactSoftmax(double[] x, boolean implicitClass) {
        BigDecimal[] e = new BigDecimal[x.length];
        BigDecimal total = implicitClass ? BigDecimal.ONE : BigDecimal.ZERO;
        for (int i = 0; i < x.length; i++) {
            e[i] = exp(x[i]);
            total = total.add(e[i]);
        }
        double[] p = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            p[i] = e[i].divide(total, MC).doubleValue();
        }
        return p;
    }

    /** e^x as e^n · e^(x - n), n the nearest integer: the power exact to 50 digits, the rest within an ulp. */
    private static BigDecimal exp(double x) {
        long n = Math.round(x);
        return E.pow((int) n, MC).multiply(new BigDecimal(Math.exp(x - n)), MC);
    }

    private static double[] toDouble(float[] f) {
        double[] d = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            d[i] = f[i];
        }
        return d;
    }
}
