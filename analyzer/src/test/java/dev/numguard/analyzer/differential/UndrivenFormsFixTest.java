package dev.numguard.analyzer.differential;

import static org.assertj.core.api.Assertions.assertThat;

import dev.numguard.rules.fixtures.RuleFixture;
import java.lang.reflect.Method;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Fixes the generic harness cannot drive (instance methods, probabilities rather than logits, collections):
 * log(1 ± x) through a sanitising log helper, rewritten to log1p inside |x| < 0.25 and the helper
 * elsewhere (Log1p/Log1pSanitisingHelpers), and a binary cross-entropy of a probability of unknown
 * origin, rewritten to StableMath.binaryCrossEntropy (NaiveBinaryCrossEntropy/UnknownProbabilityLoss), and
 * a norm of values in a collection, rewritten to Statistics.norm2(elements, e -> value) (NaiveHypot/CollectionNorms),
 * and the root of a vector's squared length, rewritten to Statistics.norm2(size(), this::get) (NaiveHypot/IndexedVectorNorms).
 * Benign inputs agree; on hostile ones (x below the rounding of 1 ± x, a probability of exactly 0 or 1)
 * the fixed method is finite and matches a reference from a series or the exact limit, where the
 * original returned 0, lost digits, or NaN.
 */
class UndrivenFormsFixTest {
    private static final MathContext MC = MathContext.DECIMAL128;

    @Test
    void logThroughASanitisingHelperAgreesOnBenignInputsAndKeepsTheDigitsOfATinyArgument() throws Exception {
        Pair pair = Pair.of("Log1p", "Log1pSanitisingHelpers");
        Random random = new Random(21);
        for (int i = 0; i < 400; i++) {
            double f = (random.nextBoolean() ? 1 : -1) * (0.01 + 2 * random.nextDouble());
            pair.agree("logLogLink", 1e-13, f);
            pair.agree("logGrowth", 1e-13, f);
            float h = (float) f;
            assertThat(pair.fixed("logSurvival", h)).as("logSurvival(%s)", h)
                    .isCloseTo(pair.original("logSurvival", h), org.assertj.core.data.Offset.offset(
                            2e-6 * Math.max(1, Math.abs(pair.original("logSurvival", h)))));
        }
        // the helper's clamps still act outside the window: 1 - f <= 0 gives MIN_LOG = -19 inside, log(19) outside
        assertThat(pair.fixed("logLogLink", 1.5)).isEqualTo(pair.original("logLogLink", 1.5)).isEqualTo(Math.log(19));
        assertThat(pair.fixed("logLogLink", Double.NaN)).isNaN();
        for (double r : new double[] {1e-20, -3e-18, 1e-300, 2.5e-17}) {
            // log1p(r) / r = 1 - r/2 + r²/3 - ...: 1 - r/2 to far below double rounding
            double exact = BigDecimal.ONE.subtract(new BigDecimal(r).divide(BigDecimal.valueOf(2), MC)).doubleValue();
            assertThat(pair.original("logGrowth", r)).as("original logGrowth(%s)", r).isZero();
            assertThat(pair.fixed("logGrowth", r)).as("fixed logGrowth(%s)", r).isCloseTo(exact, relative(exact));
        }
        double worstOriginal = 0;
        for (double f : new double[] {1e-8, 3e-8, 1e-7, 7e-8}) {
            // -log(1 - f) = f + f²/2 + f³/3 (f⁴/4 is below 1e-30 of it); the link is log of that
            BigDecimal bf = new BigDecimal(f);
            BigDecimal inner = bf.add(bf.pow(2).divide(BigDecimal.valueOf(2), MC)).add(bf.pow(3).divide(BigDecimal.valueOf(3), MC));
            double exact = Math.log(inner.doubleValue()); // log of the correctly rounded inner value: within 1 ulp
            double fixed = pair.fixed("logLogLink", f);
            double original = pair.original("logLogLink", f);
            assertThat(fixed).as("fixed logLogLink(%s)", f).isCloseTo(exact, relative(8 * exact));
            worstOriginal = Math.max(worstOriginal, Math.abs(original - exact));
        }
        // 1 - f rounds with an error up to 1.1e-16, a relative error up to 1.1e-16 / f in -log(1 - f)
        assertThat(worstOriginal).as("the original's worst error on tiny f").isGreaterThan(1e-11);
        for (float h : new float[] {1e-9f, -2e-10f, 3e-12f}) {
            float exact = (float) (2 * Math.log1p(-(double) h));
            assertThat(pair.original("logSurvival", h)).as("original logSurvival(%s)", h).isZero();
            assertThat(pair.fixed("logSurvival", h)).as("fixed logSurvival(%s)", h).isEqualTo(exact);
        }
    }

    @Test
    void crossEntropyOfAnUnknownProbabilityAgreesOnBenignInputsAndIsFiniteAtZeroAndOne() throws Exception {
        Pair pair = Pair.of("NaiveBinaryCrossEntropy", "UnknownProbabilityLoss");
        Random random = new Random(22);
        for (int i = 0; i < 400; i++) {
            double p = 0.001 + 0.998 * random.nextDouble();
            double t = random.nextDouble();
            pair.agree("loss", 1e-13, p, t);
            float fp = (float) p;
            float ft = random.nextBoolean() ? 1f : 0f;
            float before = pair.accumulated(pair.original(), fp, ft);
            float after = pair.accumulated(pair.fixedClass(), fp, ft);
            assertThat(after).as("accumulate(%s, %s)", fp, ft).isCloseTo(before, org.assertj.core.data.Offset.offset(
                    2e-6f * Math.max(1, Math.abs(before))));
        }
        // a probability that matches its label exactly: the loss is 0 (its limit), not 0·log(0) = NaN
        assertThat(pair.original("loss", 0.0, 0.0)).isNaN();
        assertThat(pair.fixed("loss", 0.0, 0.0)).isEqualTo(0.0);
        assertThat(pair.original("loss", 1.0, 1.0)).isNaN();
        assertThat(pair.fixed("loss", 1.0, 1.0)).isEqualTo(0.0);
        // a confident wrong answer: the true loss is infinite; the fix reports the floor, as PyTorch's BCELoss
        assertThat(pair.original("loss", 0.0, 1.0)).isInfinite();
        assertThat(pair.fixed("loss", 0.0, 1.0)).isEqualTo(100.0);
        // a soft label at a saturated probability: 0.25·log(0) alone was -Infinity
        assertThat(pair.fixed("loss", 0.0, 0.25)).isEqualTo(25.0);
        // a float sigmoid output that rounded to 1 for its positive example: the total was NaN from then on
        assertThat(pair.accumulated(pair.original(), 1f, 1f)).isNaN();
        assertThat(Math.abs(pair.accumulated(pair.fixedClass(), 1f, 1f))).isEqualTo(0f);
        // where the original was finite but tiny, the fix keeps it: p = 1e-30 against label 1 is 69.08
        double exact = -Math.log(1e-30);
        assertThat(pair.fixed("loss", 1e-30, 1.0)).isCloseTo(exact, relative(4 * exact));
        assertThat(pair.fixed("loss", Double.NaN, 1.0)).isNaN();
    }

    @Test
    @SuppressWarnings("unchecked")
    void normsOfCollectionsAgreeOnBenignValuesAndMatchTheExactNormWhereSquaresOverflowOrUnderflow() throws Exception {
        Pair pair = Pair.of("NaiveHypot", "CollectionNorms");
        Random random = new Random(23);
        for (int trial = 0; trial < 300; trial++) {
            for (double scale : new double[] {1, 0x1p600, 0x1p-600}) {
                int n = 1 + random.nextInt(40);
                java.util.List<Double> values = new java.util.ArrayList<>();
                java.util.Map<String, Double> features = new java.util.LinkedHashMap<>();
                java.util.Map<Integer, Double> weights = new java.util.LinkedHashMap<>();
                BigDecimal sum = BigDecimal.ZERO;
                for (int i = 0; i < n; i++) {
                    double v = (random.nextBoolean() ? 1 : -1) * (0.1 + 10 * random.nextDouble()) * scale;
                    values.add(v);
                    features.put("f" + i, v);
                    weights.put(i, v);
                    sum = sum.add(new BigDecimal(v).pow(2));
                }
                double exact = sum.sqrt(MC).doubleValue();
                double before = pair.original("length", values);
                double after = pair.fixed("length", values);
                double entries = pair.fixed("weightNorm", weights);
                java.util.Map<String, Number> unit = (java.util.Map<String, Number>) pair.invoke(pair.fixedClass(), "unitLength", features);
                double unitNorm = Math.sqrt(unit.values().stream().mapToDouble(x -> x.doubleValue() * x.doubleValue()).sum());
                if (scale == 1) {
                    // the naive sums are exact to their rounding here: the fix agrees with them
                    assertThat(after).isCloseTo(before, relative(n * before));
                    assertThat(entries).isCloseTo(pair.original("weightNorm", weights), relative(n * before));
                } else {
                    assertThat(before).as("naive norm at scale %s", scale).isIn(0.0, Double.POSITIVE_INFINITY);
                    java.util.Map<String, Number> naiveUnit = (java.util.Map<String, Number>) pair.invoke(pair.original(), "unitLength", features);
                    if (scale > 1) {
                        assertThat(naiveUnit.values().stream().allMatch(x -> x.doubleValue() == 0))
                                .as("the naive unit vector, divided by an infinite length, is all 0").isTrue();
                    } else {
                        assertThat(naiveUnit).as("every square underflowed: the input comes back unscaled").isSameAs(features);
                    }
                }
                assertThat(after).as("fixed length, n=%s scale=%s", n, scale).isCloseTo(exact, relative((n / 2.0 + 1) * exact));
                assertThat(entries).isCloseTo(exact, relative((n / 2.0 + 1) * exact));
                if (scale >= 1) {
                    assertThat(unitNorm).as("the fixed unit vector has length 1").isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-12 * n));
                } else {
                    // a limit of the fix, which replaces the root only: the method's own test of the squared sum
                    // against 0 still sees every square underflow and returns the input unscaled, as before
                    assertThat(unit).isSameAs(features);
                }
            }
        }
    }

    @Test
    void vectorLengthReadByIndexAgreesOnBenignValuesAndMatchesTheExactNormWhereSquaresOverflowOrUnderflow() throws Exception {
        Pair pair = Pair.of("NaiveHypot", "IndexedVectorNorms");
        Random random = new Random(24);
        for (int trial = 0; trial < 300; trial++) {
            for (double scale : new double[] {1, 0x1p600, 0x1p-600}) {
                int n = random.nextInt(40);
                double[] data = new double[n];
                BigDecimal sum = BigDecimal.ZERO;
                for (int i = 0; i < n; i++) {
                    data[i] = (random.nextBoolean() ? 1 : -1) * (0.1 + 10 * random.nextDouble()) * scale;
                    sum = sum.add(new BigDecimal(data[i]).pow(2));
                }
                double exact = sum.sqrt(MC).doubleValue();
                Object before = pair.original().getConstructor(double[].class).newInstance((Object) data);
                Object after = pair.fixedClass().getConstructor(double[].class).newInstance((Object) data);
                double naive = (Double) pair.original().getMethod("length").invoke(before);
                double fixed = (Double) pair.fixedClass().getMethod("length").invoke(after);
                double fixedOther = (Double) pair.fixedClass().getMethod("lengthOf", pair.fixedClass()).invoke(after, after);
                if (scale == 1) {
                    assertThat(fixed).isCloseTo(naive, relative((n + 1) * naive));
                } else if (n > 0) {
                    assertThat(naive).as("naive length at scale %s", scale).isIn(0.0, Double.POSITIVE_INFINITY);
                }
                assertThat(fixed).as("fixed length, n=%s scale=%s", n, scale).isCloseTo(exact, relative((n / 2.0 + 1) * exact));
                assertThat(fixedOther).isEqualTo(fixed);
            }
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

        /** One {@code accumulate} of a one-unit output on a fresh loss object, then its {@code mean()}. */
        float accumulated(Class<?> type, float predicted, float wanted) throws Exception {
            Object loss = type.getDeclaredConstructor().newInstance();
            type.getMethod("accumulate", float[].class, float[].class).invoke(loss, new float[] {predicted}, new float[] {wanted});
            return (Float) type.getMethod("mean").invoke(loss);
        }

        Object invoke(Class<?> type, String name, Object... args) throws Exception {
            for (Method m : type.getMethods()) {
                if (m.getName().equals(name) && m.getParameterCount() == args.length) {
                    return m.invoke(null, args);
                }
            }
            throw new NoSuchMethodException(type.getName() + "." + name + "/" + args.length);
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
