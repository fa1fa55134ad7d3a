package dev.numguard.analyzer.differential;

import static org.assertj.core.api.Assertions.assertThat;

import dev.numguard.rules.fixtures.RuleFixture;
import java.lang.reflect.Method;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The fixes of forms the generic harness cannot drive: softplus through a log helper in base 2
 * (its logistic scenario knows natural logs only), 1 - exp(x) through a capped exp helper called
 * from instance methods, and a hand-written tanh (a lambda, and exponentials that overflow rather
 * than cancel). Each pair agrees on benign inputs, and on hostile ones the fixed method is finite
 * and matches a reference computed in BigDecimal or from a series whose dropped terms are below
 * double rounding, where the original returned Infinity, NaN or 0.
 */
class HelperFormsFixTest {
    private static final BigDecimal LN2 = new BigDecimal("0.6931471805599453094172321214581765680755");
    private static final MathContext MC = MathContext.DECIMAL128;

    @Test
    void softplusInBaseTwoMatchesTheExactValueWhereExpOverflows() throws Exception {
        Pair pair = Pair.of("NaiveSoftplus", "SoftplusInOtherBases");
        Random random = new Random(11);
        for (int i = 0; i < 200; i++) {
            double s = random.nextDouble() * 20 - 10;
            double t = random.nextDouble();
            pair.agree("rankNetCost", 1e-13, s, t);
            pair.agree("halfBits", 1e-13, s);
            pair.agree("bitsOfMargin", 1e-13, s);
            pair.agree("pairwiseLoss", 1e-13, s, -s / 3, t);
        }
        for (double s : new double[] {750, 1000, 1e5, 1e300}) {
            // softplus(s) = s + log1p(exp(-s)) is s itself in double from s = 37 on
            BigDecimal bits = new BigDecimal(s).divide(LN2, MC);
            assertThat(pair.original("rankNetCost", s, 0.25)).isInfinite();
            assertThat(pair.fixed("rankNetCost", s, 0.25)).isCloseTo(
                    bits.subtract(new BigDecimal(0.25).multiply(new BigDecimal(s))).doubleValue(), relative(bits.doubleValue()));
            assertThat(pair.original("halfBits", s)).isInfinite();
            assertThat(pair.fixed("halfBits", s)).isCloseTo(bits.doubleValue() / 2, relative(bits.doubleValue()));
            assertThat(pair.original("bitsOfMargin", -s)).isInfinite();
            assertThat(pair.fixed("bitsOfMargin", -s)).isCloseTo(bits.doubleValue(), relative(bits.doubleValue()));
        }
    }

    @Test
    void oneMinusCappedExpMatchesTheSeriesWhereItCancelled() throws Exception {
        Pair pair = Pair.of("Expm1", "Expm1SanitisingHelpers");
        Random random = new Random(12);
        for (int i = 0; i < 200; i++) {
            double f = random.nextDouble() * 6 - 3;
            pair.agree("complementaryLogLogInverse", 1e-13, f);
            pair.agree("complementaryLogLogScaled", 1e-13, f);
            pair.agree("eventWithin", 1e-13, f);
            pair.agree("flooredComplement", 0, f);
        }
        for (double f : new double[] {-40, -60, -200, -700}) {
            double t = Math.exp(f);
            // 1 - exp(-t) = t - t²/2 + t³/6 - ...; from t < 1e-17 on, t²/2 is below half an ulp of t
            double exact = new BigDecimal(t).subtract(new BigDecimal(t).pow(2).divide(BigDecimal.valueOf(2), MC), MC).doubleValue();
            for (String name : new String[] {"complementaryLogLogInverse", "complementaryLogLogScaled"}) {
                assertThat(pair.original(name, f)).as("original %s(%s)", name, f).isZero();
                assertThat(pair.fixed(name, f)).as("fixed %s(%s)", name, f).isCloseTo(exact, relative(exact));
            }
        }
        for (double d : new double[] {1e-20, -3e-18, 1e-300}) {
            double exact = Math.abs(d);
            assertThat(pair.original("eventWithin", d)).isZero();
            assertThat(pair.fixed("eventWithin", d)).isCloseTo(exact, relative(exact));
        }
    }

    @Test
    void handWrittenTanhIsFiniteAndExactWhereItOverflowedOrCancelled() throws Exception {
        Pair pair = Pair.of("CancellingDifference", "HyperbolicSine");
        Random random = new Random(13);
        for (int i = 0; i < 200; i++) {
            double x = random.nextDouble() * 10 - 5;
            pair.agree("tanh", 1e-14, x);
            assertThat(pair.fixed("activation", (float) x)).isCloseTo(pair.original("activation", (float) x), relative(1e-6));
        }
        for (double x : new double[] {800, -1000, 1e300}) {
            assertThat(pair.original("tanh", x)).isNaN();
            assertThat(pair.fixed("tanh", x)).isEqualTo(Math.signum(x));
            assertThat(pair.original("activation", (float) x)).isNaN();
            assertThat(pair.fixed("activation", (float) x)).isEqualTo(Math.signum(x));
        }
        for (double x : new double[] {1e-20, -4e-18}) {
            // tanh(x) = x - x³/3 + ...: x itself in double
            assertThat(pair.original("tanh", x)).isZero();
            assertThat(pair.fixed("tanh", x)).isEqualTo(x);
            assertThat(pair.original("activation", (float) x)).isZero();
            assertThat(pair.fixed("activation", (float) x)).isEqualTo((float) x);
        }
    }

    private static org.assertj.core.data.Offset<Double> relative(double magnitude) {
        return org.assertj.core.data.Offset.offset(Math.abs(magnitude) * 1e-15 + Double.MIN_VALUE);
    }

    /** The positive fixture and its fixed twin, compiled; instance methods run on a fresh instance. */
    private record Pair(Class<?> original, Class<?> fixedClass) {
        static Pair of(String rule, String name) {
            var folder = RuleFixture.root().resolve(rule);
            return new Pair(InMemoryCompiler.compileAndLoad(folder.resolve("positive/" + name + ".java")),
                    InMemoryCompiler.compileAndLoad(folder.resolve("fixed/" + name + ".java")));
        }

        double original(String method, Object... args) throws Exception {
            return call(original, method, args);
        }

        double fixed(String method, Object... args) throws Exception {
            return call(fixedClass, method, args);
        }

        void agree(String method, double tolerance, Object... args) throws Exception {
            double before = original(method, args);
            double after = fixed(method, args);
            assertThat(after).as("%s%s", method, java.util.Arrays.toString(args))
                    .isCloseTo(before, org.assertj.core.data.Offset.offset(tolerance * Math.max(1, Math.abs(before))));
        }

        private static double call(Class<?> type, String name, Object... args) throws Exception {
            for (Method m : type.getMethods()) {
                if (m.getName().equals(name) && m.getParameterCount() == args.length) {
                    Object target = java.lang.reflect.Modifier.isStatic(m.getModifiers()) ? null
                            : type.getDeclaredConstructor().newInstance();
                    return ((Number) m.invoke(target, args)).doubleValue();
                }
            }
            throw new NoSuchMethodException(type.getName() + "." + name + "/" + args.length);
        }
    }
}
