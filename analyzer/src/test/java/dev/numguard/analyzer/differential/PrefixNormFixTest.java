package dev.numguard.analyzer.differential;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

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
 * NaiveHypot's ObjectPrefixNorms fixture, whose arguments (an object holding the array) the
 * harness of {@link FixtureDifferentialTest} cannot make (so its methods are not public, which keeps
 * them out of the harness): the norm of the first n elements of
 * {@code desc.data}. Benign values agree with the original; values of 1e200 and 1e-200, where the
 * original's squares overflow to Infinity or underflow to 0, give the fixed version the norm (and
 * the unit vector) computed in BigDecimal.
 */
class PrefixNormFixTest {
    private static final MathContext MC = new MathContext(40);

    private static Class<?> original;
    private static Class<?> fixed;

    @BeforeAll
    static void compileBoth() {
        Path fixtures = RuleFixture.root().resolve("NaiveHypot");
        original = InMemoryCompiler.compileAndLoad(fixtures.resolve("positive/ObjectPrefixNorms.java"));
        fixed = InMemoryCompiler.compileAndLoad(fixtures.resolve("fixed/ObjectPrefixNorms.java"));
    }

    @Test
    void prefixLengthAgreesOnBenignValuesAndMatchesTheExactNormWhereTheSquaresFail() throws Exception {
        SplittableRandom random = new SplittableRandom(23);
        for (int draw = 0; draw < 200; draw++) {
            double[] data = values(random, 1 + random.nextInt(9), 1);
            int n = random.nextInt(data.length + 1);
            double a = length(original, data, n);
            assertThat(length(fixed, data, n)).isCloseTo(a, within(1e-14 * (1 + a)));
        }
        for (double scale : new double[] {1e200, 1e-200}) {
            double[] data = values(random, 6, scale);
            double exact = exactNorm(data, 4);
            assertThat(length(original, data, 4)).isNotCloseTo(exact, within(exact / 2));
            assertThat(length(fixed, data, 4)).isCloseTo(exact, within(1e-14 * exact));
        }
    }

    @Test
    void normalizeAgreesOnBenignValuesAndGivesTheUnitVectorWhereTheSquaresOverflow() throws Exception {
        SplittableRandom random = new SplittableRandom(29);
        for (int draw = 0; draw < 200; draw++) {
            double[] data = values(random, 1 + random.nextInt(9), 1);
            int n = random.nextInt(data.length + 1);
            double[] a = normalized(original, data, n);
            double[] b = normalized(fixed, data, n);
            for (int i = 0; i < data.length; i++) {
                assertThat(b[i]).isCloseTo(a[i], within(1e-14));
            }
        }
        double[] huge = values(random, 5, 1e200);
        double exact = exactNorm(huge, 3);
        double[] a = normalized(original, huge, 3);
        double[] b = normalized(fixed, huge, 3);
        assertThat(a[0]).isZero();
        for (int i = 0; i < huge.length; i++) {
            double expected = i < 3 ? new BigDecimal(huge[i]).divide(new BigDecimal(exact), MC).doubleValue() : huge[i];
            assertThat(b[i]).isFinite().isCloseTo(expected, within(1e-14 * (1 + Math.abs(expected))));
        }
    }

    private static double[] values(SplittableRandom random, int length, double scale) {
        double[] v = new double[length];
        for (int i = 0; i < length; i++) {
            v[i] = random.nextDouble(0.1, 10) * (random.nextBoolean() ? scale : -scale);
        }
        return v;
    }

    /** sqrt(Σ x[i]², i < n), the squares and their sum exact in BigDecimal. */
    private static double exactNorm(double[] x, int n) {
        BigDecimal sum = BigDecimal.ZERO;
        for (int i = 0; i < n; i++) {
            BigDecimal v = new BigDecimal(x[i]);
            sum = sum.add(v.multiply(v));
        }
        return sum.sqrt(MC).doubleValue();
    }

    private static Object descriptor(Class<?> fixture, double[] data, int n) throws Exception {
        Class<?> type = Class.forName(fixture.getName() + "$Descriptor", true, fixture.getClassLoader());
        Constructor<?> make = type.getConstructor(double[].class, int.class);
        return make.newInstance(data, n);
    }

    private static double length(Class<?> fixture, double[] data, int n) throws Exception {
        Object desc = descriptor(fixture, data.clone(), n);
        Method m = fixture.getDeclaredMethod("prefixLength", desc.getClass(), int.class);
        m.setAccessible(true);
        return (double) m.invoke(null, desc, n);
    }

    private static double[] normalized(Class<?> fixture, double[] data, int n) throws Exception {
        double[] copy = data.clone();
        Object desc = descriptor(fixture, copy, n);
        Method m = fixture.getDeclaredMethod("normalizeL2", desc.getClass());
        m.setAccessible(true);
        m.invoke(null, desc);
        return copy;
    }
}
