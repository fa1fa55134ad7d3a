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
 * The reduced softmax of NaiveSoftmax's ContainerSoftmax fixture, {@code c ? 1.0 : exp(z)} with an
 * implicit reference class of logit 0, whose fix takes the maximum over {@code c ? 0 : z} and writes
 * the constant as {@code exp(-max)}. Not invariant under the common shift the generic scenario
 * applies, so judged here: both versions compiled and run; benign logits agree, and logits above
 * 709.78 (NaN in the original) or all below -745 give the softmax with BigDecimal exponentials.
 */
class ReducedSoftmaxFixTest {
    private static final MathContext MC = new MathContext(60);
    private static final BigDecimal E = new BigDecimal("2.71828182845904523536028747135266249775724709369995957496697");

    private static Method before;
    private static Method after;

    @BeforeAll
    static void compileBoth() throws Exception {
        Path fixtures = RuleFixture.root().resolve("NaiveSoftmax");
        before = InMemoryCompiler.compileAndLoad(fixtures.resolve("positive/ContainerSoftmax.java"))
                .getMethod("reduced", double[].class);
        after = InMemoryCompiler.compileAndLoad(fixtures.resolve("fixed/ContainerSoftmax.java"))
                .getMethod("reduced", double[].class);
    }

    @Test
    void benignLogitsAgree() throws Exception {
        SplittableRandom random = new SplittableRandom(17);
        for (int draw = 0; draw < 300; draw++) {
            double[] z = new double[1 + random.nextInt(8)];
            for (int i = 0; i < z.length; i++) {
                z[i] = random.nextDouble(-60, 60);
            }
            double[] a = (double[]) before.invoke(null, (Object) z.clone());
            double[] b = (double[]) after.invoke(null, (Object) z.clone());
            assertThat(b).hasSize(z.length + 1);
            for (int i = 0; i < b.length; i++) {
                assertThat(b[i]).isCloseTo(a[i], within(1e-14 + 1e-12 * Math.abs(a[i])));
            }
        }
    }

    @Test
    void hostileLogitsGiveTheExactReducedSoftmax() throws Exception {
        double[][] hostile = {{1000, 999}, {800, -800, 5}, {710, 0}, {-800, -900}, {-1000, -746, -2000}, {1e5, 1e5 - 1}};
        for (double[] z : hostile) {
            double[] a = (double[]) before.invoke(null, (Object) z.clone());
            double[] b = (double[]) after.invoke(null, (Object) z.clone());
            double[] exact = exactReduced(z);
            if (z[0] > 709.78) {
                assertThat(a).contains(Double.NaN);
            }
            for (int i = 0; i < b.length; i++) {
                assertThat(b[i]).isFinite().isCloseTo(exact[i], within(1e-15 + 1e-13 * exact[i]));
            }
        }
    }

    /** exp(zᵢ) / (1 + Σ exp(zⱼ)) and 1 / (1 + Σ exp(zⱼ)) last, in BigDecimal. */
    private static double[] exactReduced(double[] z) {
        BigDecimal[] e = new BigDecimal[z.length + 1];
        BigDecimal total = BigDecimal.ZERO;
        for (int i = 0; i <= z.length; i++) {
            e[i] = i == z.length ? BigDecimal.ONE : exp(z[i]);
            total = total.add(e[i]);
        }
        double[] p = new double[e.length];
        for (int i = 0; i < e.length; i++) {
            p[i] = e[i].divide(total, MC).doubleValue();
        }
        return p;
    }

    /** e^x as e^n · e^(x - n), n the nearest integer: the power exact to 60 digits, the rest within an ulp. */
    private static BigDecimal exp(double x) {
        long n = Math.round(x);
        return E.pow((int) n, MC).multiply(new BigDecimal(Math.exp(x - n)), MC);
    }
}
