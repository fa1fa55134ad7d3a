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
 * NaiveSoftmax's ExponentsFromTheLoopBody fixture: naive-Bayes posteriors whose exponents need an
 * inner loop, fixed by keeping the scores in the array and exponentiating them after the loop shifted
 * by their maximum (the total read elsewhere becomes {@code total * exp(max)}). Both versions compiled
 * and run: benign scores agree to rounding (the reported total too); scores above 709.78 or all below
 * -745, where the original gives NaN, give the posterior computed with 60-digit BigDecimal
 * exponentials, and the reported total stays what the original reported (Infinity or 0).
 */
class ExponentsAfterLoopFixTest {
    private static final MathContext MC = new MathContext(60);
    private static final BigDecimal E = new BigDecimal("2.71828182845904523536028747135266249775724709369995957496697");

    private static Class<?> original;
    private static Class<?> fixed;

    @BeforeAll
    static void compileBoth() {
        Path fixtures = RuleFixture.root().resolve("NaiveSoftmax");
        original = InMemoryCompiler.compileAndLoad(fixtures.resolve("positive/ExponentsFromTheLoopBody.java"));
        fixed = InMemoryCompiler.compileAndLoad(fixtures.resolve("fixed/ExponentsFromTheLoopBody.java"));
    }

    @Test
    void posteriorsAgreeOnBenignScoresAndAreExactOnHostileOnes() throws Exception {
        Method before = original.getMethod("classify", double[][].class, int[].class, double[].class);
        Method after = fixed.getMethod("classify", double[][].class, int[].class, double[].class);
        SplittableRandom random = new SplittableRandom(41);
        for (int draw = 0; draw < 300; draw++) {
            Case c = Case.benign(random);
            double[] a = (double[]) before.invoke(null, c.logLik, c.features, c.logPrior);
            double[] b = (double[]) after.invoke(null, c.logLik, c.features, c.logPrior);
            for (int i = 0; i < a.length; i++) {
                assertThat(b[i]).isCloseTo(a[i], within(1e-15 + 1e-12 * a[i]));
            }
        }
        for (double offset : new double[] {800, 2000, -800, -5000}) {
            Case c = Case.benign(new SplittableRandom(43)).offset(offset);
            double[] a = (double[]) before.invoke(null, c.logLik, c.features, c.logPrior);
            double[] b = (double[]) after.invoke(null, c.logLik, c.features, c.logPrior);
            assertThat(a).contains(Double.NaN);
            double[] exact = c.posterior(1);
            for (int i = 0; i < b.length; i++) {
                assertThat(b[i]).isFinite().isCloseTo(exact[i], within(1e-15 + 1e-12 * exact[i]));
            }
        }
    }

    @Test
    void theReportedTotalIsTheOriginalOne() throws Exception {
        Method before = original.getMethod("withEvidence", double[][].class, int[].class, double[].class, boolean.class);
        Method after = fixed.getMethod("withEvidence", double[][].class, int[].class, double[].class, boolean.class);
        SplittableRandom random = new SplittableRandom(47);
        for (int draw = 0; draw < 300; draw++) {
            Case c = Case.benign(random);
            boolean smoothed = draw % 2 == 0;
            double[] a = (double[]) before.invoke(null, c.logLik, c.features, c.logPrior, smoothed);
            double[] b = (double[]) after.invoke(null, c.logLik, c.features, c.logPrior, smoothed);
            for (int i = 0; i < a.length; i++) {
                assertThat(b[i]).isCloseTo(a[i], within(1e-300 + 1e-12 * Math.abs(a[i])));
            }
        }
        for (double offset : new double[] {800, -800}) {
            for (boolean smoothed : new boolean[] {false, true}) {
                Case c = Case.benign(new SplittableRandom(53)).offset(offset);
                double[] a = (double[]) before.invoke(null, c.logLik, c.features, c.logPrior, smoothed);
                double[] b = (double[]) after.invoke(null, c.logLik, c.features, c.logPrior, smoothed);
                double[] exact = c.posterior(smoothed ? 0.5 : 1);
                for (int i = 0; i < exact.length; i++) {
                    assertThat(b[i]).isFinite().isCloseTo(exact[i], within(1e-15 + 1e-12 * exact[i]));
                }
                assertThat(b[exact.length]).isEqualTo(a[exact.length]).isEqualTo(offset > 0 ? Double.POSITIVE_INFINITY : 0.0);
            }
        }
    }

    /** Scores of three classes over four features; {@link #offset} moves every log-likelihood. */
    private record Case(double[][] logLik, int[] features, double[] logPrior) {
        static Case benign(SplittableRandom random) {
            double[][] logLik = new double[3][6];
            for (double[] row : logLik) {
                for (int f = 0; f < row.length; f++) {
                    row[f] = random.nextDouble(-6, -0.05);
                }
            }
            int[] features = random.ints(4, 0, 6).toArray();
            double[] logPrior = random.doubles(3, -3, -0.1).toArray();
            return new Case(logLik, features, logPrior);
        }

        /** Every feature's log-likelihood moved by offset / 4: the scores move by about offset. */
        Case offset(double offset) {
            double[][] moved = new double[logLik.length][];
            for (int c = 0; c < logLik.length; c++) {
                moved[c] = logLik[c].clone();
                for (int f = 0; f < moved[c].length; f++) {
                    moved[c][f] += offset / features.length;
                }
            }
            return new Case(moved, features, logPrior);
        }

        /** exp(sᵢ) / Σ exp(sⱼ), sᵢ = priorWeight · logPrior[i] + Σ_f logLik[i][f], in BigDecimal. */
        double[] posterior(double priorWeight) {
            BigDecimal[] e = new BigDecimal[logPrior.length];
            BigDecimal total = BigDecimal.ZERO;
            for (int c = 0; c < e.length; c++) {
                double s = 0;
                for (int f : features) {
                    s += logLik[c][f];
                }
                e[c] = exp(priorWeight * logPrior[c] + s);
                total = total.add(e[c], MC);
            }
            double[] p = new double[e.length];
            for (int c = 0; c < e.length; c++) {
                p[c] = e[c].divide(total, MC).doubleValue();
            }
            return p;
        }
    }

    /** e^x as e^n · e^(x - n), n the nearest integer: the power exact to 60 digits, the rest within an ulp. */
    private static BigDecimal exp(double x) {
        long n = Math.round(x);
        return E.pow((int) n, MC).multiply(new BigDecimal(Math.exp(x - n)), MC);
    }
}
