package dev.numguard.analyzer.differential;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.numguard.guards.StableMath;
import dev.numguard.rules.fixtures.RuleFixture;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * NaiveCrossEntropy's floored log ({@code Math.log(p)} → {@code StableMath.logProbability(p)}) for a
 * probability that a softmax of another class computed: the OneHotLossOfSoftmaxLayer and PolicyThroughInterface
 * fixtures and their fixed versions, compiled and run. On benign logits the fixed loss is the original,
 * bit for bit, and both match a 60-digit log-space reference (log Σ exp(x) − x[t]). Where a non-target
 * probability underflows to 0 the original one-hot loss is NaN (0 · -Infinity) and the fixed one equals
 * the reference; where the target's probability underflows the original is Infinity and the fixed loss
 * is finite, the floor -log(MIN_VALUE) of the probability's type: a lower bound of the true loss, not
 * the loss (the rewrite bounds it; only the logits cure it).
 */
class FlooredLogFixTest {
    private static final Path FIXTURES = RuleFixture.root().resolve("NaiveCrossEntropy");
    private static final MathContext MC = new MathContext(60);

    /** log Σ exp(x_j) − x[t] of exact doubles: exp in 60 digits after shifting by an integer near the maximum. */
    static double referenceLoss(double[] x, int t) {
        double max = Double.NEGATIVE_INFINITY;
        for (double v : x) {
            max = Math.max(max, v);
        }
        double shift = Math.floor(max);
        BigDecimal sum = BigDecimal.ZERO;
        for (double v : x) {
            sum = sum.add(exp(new BigDecimal(v).subtract(new BigDecimal(shift))), MC);
        }
        return log(sum).add(new BigDecimal(shift)).subtract(new BigDecimal(x[t]), MC).doubleValue();
    }

    /** exp(a) for a ≤ 1 by halving into [-1/1024, ...] and the Taylor series, 60 digits (enough for a double). */
    private static BigDecimal exp(BigDecimal a) {
        if (a.compareTo(BigDecimal.valueOf(-1000)) < 0) {
            return BigDecimal.ZERO;                 // below e^-1000 relative to a term of at least 1: invisible
        }
        int halvings = 0;
        BigDecimal r = a;
        while (r.abs().compareTo(BigDecimal.valueOf(0.001)) > 0) {
            r = r.divide(BigDecimal.valueOf(2), MC);
            halvings++;
        }
        BigDecimal term = BigDecimal.ONE;
        BigDecimal sum = BigDecimal.ONE;
        for (int k = 1; k < 40; k++) {
            term = term.multiply(r, MC).divide(BigDecimal.valueOf(k), MC);
            sum = sum.add(term, MC);
        }
        for (int i = 0; i < halvings; i++) {
            sum = sum.multiply(sum, MC);
        }
        return sum;
    }

    /** log(s) for s ≥ 1 (a sum holding a term 1 after the shift): Newton on exp, from the double estimate. */
    private static BigDecimal log(BigDecimal s) {
        BigDecimal y = new BigDecimal(Math.log(s.doubleValue()));
        for (int i = 0; i < 6; i++) {
            y = y.add(s.divide(exp(y), MC)).subtract(BigDecimal.ONE, MC);
        }
        return y;
    }

    /** The fixture's softmax layer and cross-entropy, nested classes of one compiled fixture. */
    private record Network(Constructor<?> tensor, Field elements, Object softmax, Method forward, Object loss,
                           Method lossForward, Field lossValue, Object nll, Method score) {
        static Network of(Class<?> top) throws Exception {
            ClassLoader loader = top.getClassLoader();
            Class<?> tensor = Class.forName("fixtures.OneHotLossOfSoftmaxLayer$Tensor", true, loader);
            Class<?> softmax = Class.forName("fixtures.OneHotLossOfSoftmaxLayer$SoftmaxLayer", true, loader);
            Class<?> loss = Class.forName("fixtures.OneHotLossOfSoftmaxLayer$CrossEntropy", true, loader);
            Class<?> nll = Class.forName("fixtures.OneHotLossOfSoftmaxLayer$NegativeLogLikelihood", true, loader);
            return new Network(open(tensor.getDeclaredConstructor(int.class)), open(tensor.getDeclaredField("elements")),
                    open(softmax.getDeclaredConstructor()).newInstance(),
                    open(softmax.getDeclaredMethod("forward", tensor)), open(loss.getDeclaredConstructor()).newInstance(),
                    open(loss.getDeclaredMethod("forward", tensor, tensor)), open(loss.getDeclaredField("loss")),
                    open(nll.getDeclaredConstructor()).newInstance(), open(nll.getDeclaredMethod("score", double[].class, int.class)));
        }

        Object tensorOf(float[] values) throws Exception {
            Object t = tensor.newInstance(values.length);
            System.arraycopy(values, 0, (float[]) elements.get(t), 0, values.length);
            return t;
        }

        float[] probabilities(float[] logits) throws Exception {
            return (float[]) elements.get(forward.invoke(softmax, tensorOf(logits)));
        }

        /** The one-hot loss of given probabilities (as the layer would hand them). */
        double loss(float[] probabilities, int target) throws Exception {
            float[] truth = new float[probabilities.length];
            truth[target] = 1;
            lossForward.invoke(loss, tensorOf(probabilities), tensorOf(truth));
            return lossValue.getDouble(loss);
        }

        double score(double[] probabilities, int target) throws Exception {
            return (double) score.invoke(nll, probabilities, target);
        }
    }

    private static <T extends java.lang.reflect.AccessibleObject> T open(T member) {
        member.setAccessible(true);
        return member;
    }

    private static double[] widen(float[] x) {
        double[] d = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            d[i] = x[i];
        }
        return d;
    }

    @Test
    void oneHotLossIsTheOriginalOnBenignInputsAndFiniteWhereAProbabilityUnderflows() throws Exception {
        Network original = Network.of(InMemoryCompiler.compileAndLoad(FIXTURES.resolve("positive/OneHotLossOfSoftmaxLayer.java")));
        Network fixed = Network.of(InMemoryCompiler.compileAndLoad(FIXTURES.resolve("fixed/OneHotLossOfSoftmaxLayer.java")));
        SplittableRandom random = new SplittableRandom(23);
        for (int trial = 0; trial < 300; trial++) {
            int n = 2 + random.nextInt(10);
            float[] logits = new float[n];
            for (int i = 0; i < n; i++) {
                logits[i] = (float) random.nextDouble(-8, 8);
            }
            int target = random.nextInt(n);
            float[] p = original.probabilities(logits);
            double before = original.loss(p, target);
            // the same probabilities into the rewritten loss: bit for bit the original
            assertThat(fixed.loss(p, target)).isEqualTo(before);
            // both agree with a log-space reference, to float rounding
            double reference = referenceLoss(widen(logits), target);
            assertThat(before).isCloseTo(reference, within(1e-5 * Math.max(1, reference)));
            assertThat(fixed.loss(fixed.probabilities(logits), target)).isCloseTo(reference, within(1e-5 * Math.max(1, reference)));
            double[] pd = widen(p);
            assertThat(fixed.score(pd, target)).isEqualTo(original.score(pd, target));
        }
        // hostile: a non-target class 1000 below the others underflows to 0: the original is 0 · -Infinity = NaN
        float[] farBelow = {2, 1, -1000};
        float[] p = fixed.probabilities(farBelow);
        assertThat(p[2]).isZero();
        assertThat(original.loss(p, 0)).isNaN();
        assertThat(fixed.loss(p, 0)).isFinite().isCloseTo(referenceLoss(widen(farBelow), 0), within(1e-6));
        // hostile: logits 1000 apart (below the softmax's overflow, which is NaiveSoftmax's to fix)
        float[] apart = {0, -1000, 5};
        float[] q = fixed.probabilities(apart);
        assertThat(q[1]).isZero();
        assertThat(original.loss(q, 2)).isNaN();                               // 0 · log 0 of class 1
        assertThat(fixed.loss(q, 2)).isFinite().isCloseTo(referenceLoss(widen(apart), 2), within(1e-6));
        // the target itself underflowed: Infinity before; after, the float floor 103.28, a lower bound of the true 1005
        double trueLoss = referenceLoss(widen(apart), 1);
        assertThat(trueLoss).isCloseTo(1005 + Math.log1p(Math.exp(-5)), within(1e-9));
        assertThat(original.loss(q, 1)).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(fixed.loss(q, 1)).isFinite().isEqualTo(-StableMath.LOG_MIN_FLOAT).isLessThan(trueLoss);
        // double probabilities: the double floor 744.44
        assertThat(original.score(new double[] {1, 0}, 1)).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(fixed.score(new double[] {1, 0}, 1)).isEqualTo(-StableMath.LOG_MIN_DOUBLE);
        assertThat(fixed.score(new double[] {1, Double.MIN_VALUE}, 1)).isEqualTo(original.score(new double[] {1, Double.MIN_VALUE}, 1));
        // NaN and a negative probability stay NaN, as Math.log gives
        assertThat(fixed.score(new double[] {Double.NaN, 1}, 0)).isNaN();
        assertThat(fixed.score(new double[] {-0.5, 1}, 0)).isNaN();
    }

    @Test
    void policyLogLikelihoodIsTheOriginalOrAnUpperBoundWhereItUnderflowed() throws Exception {
        Policy original = Policy.of(InMemoryCompiler.compileAndLoad(FIXTURES.resolve("positive/PolicyThroughInterface.java")));
        Policy fixed = Policy.of(InMemoryCompiler.compileAndLoad(FIXTURES.resolve("fixed/PolicyThroughInterface.java")));
        SplittableRandom random = new SplittableRandom(29);
        for (int trial = 0; trial < 300; trial++) {
            double[][] q = new double[1 + random.nextInt(3)][];
            for (int s = 0; s < q.length; s++) {
                q[s] = random.doubles(2 + random.nextInt(6), -30, 30).toArray();
            }
            int[] states = new int[1 + random.nextInt(5)];
            int[] actions = new int[states.length];
            double reference = 0;
            for (int i = 0; i < states.length; i++) {
                states[i] = random.nextInt(q.length);
                actions[i] = random.nextInt(q[states[i]].length);
                reference -= referenceLoss(q[states[i]], actions[i]);
            }
            double was = original.logLikelihood(q, states, actions);
            assertThat(was).isCloseTo(reference, within(1e-12 * Math.max(1, -reference)));
            assertThat(fixed.logLikelihood(q, states, actions)).isEqualTo(was);
        }
        // logits 1000 apart: the rare action's probability e^-1000 underflows to 0: -Infinity before;
        // after, log(MIN_VALUE) = -744.44, finite but an upper bound of the true -1000, not the value
        double[][] apart = {{0, -1000}};
        assertThat(fixed.logLikelihood(apart, new int[] {0}, new int[] {0}))
                .isEqualTo(original.logLikelihood(apart, new int[] {0}, new int[] {0})).isZero();
        assertThat(original.logLikelihood(apart, new int[] {0}, new int[] {1})).isEqualTo(Double.NEGATIVE_INFINITY);
        double bounded = fixed.logLikelihood(apart, new int[] {0}, new int[] {1});
        assertThat(bounded).isFinite().isEqualTo(StableMath.LOG_MIN_DOUBLE).isGreaterThan(-referenceLoss(apart[0], 1));
        // logits past 709.78: the unshifted softmax itself is NaN, which the floored log leaves NaN (NaiveSoftmax's fix)
        double[][] overflowing = {{1000, 0}};
        assertThat(original.logLikelihood(overflowing, new int[] {0}, new int[] {0})).isNaN();
        assertThat(fixed.logLikelihood(overflowing, new int[] {0}, new int[] {0})).isNaN();
    }

    /** The fixture's Boltzmann policy and the log-likelihood over it. */
    private record Policy(Constructor<?> policy, Method logLikelihood) {
        static Policy of(Class<?> top) throws Exception {
            Class<?> boltzmann = Class.forName("fixtures.PolicyThroughInterface$BoltzmannPolicy", true, top.getClassLoader());
            return new Policy(open(boltzmann.getDeclaredConstructor(double[][].class)),
                    open(top.getDeclaredMethod("logLikelihood", boltzmann, int[].class, int[].class)));
        }

        double logLikelihood(double[][] q, int[] states, int[] actions) throws Exception {
            return (double) logLikelihood.invoke(null, policy.newInstance((Object) q), states, actions);
        }
    }
}
