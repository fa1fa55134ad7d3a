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
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * UnderflowingProduct's fix of scores normalised by their total (a naive Bayes posterior): the
 * exact rewrite, then both versions compiled and run. Benign inputs (a few features) agree to
 * rounding; with 500 features every class score underflows, the original's posterior is 0/0 = NaN
 * and the fixed one matches the posterior computed exactly with BigDecimal.
 */
class NormalisedWeightsFixTest {
    private static final String CLASSIFIER = """
            package demo;

            public class Classifier {
                public static double posterior(double[] priors, double[][] featureProbabilities, int k) {
                    double[] scores = new double[priors.length];
                    double total = 0;
                    for (int c = 0; c < priors.length; c++) {
                        double product = 1.0d;
                        for (int f = 0; f < featureProbabilities[c].length; f++) {
                            if (featureProbabilities[c][f] > 0) {
                                product *= featureProbabilities[c][f];
                            }
                        }
                        scores[c] = 1d * priors[c] / priors.length * product;
                        total += scores[c];
                    }
                    return share(scores, total, k);
                }

                static double share(double[] scores, double total, int k) {
                    return total <= 0 ? 0 : scores[k] / total;
                }
            }
            """;
    private static final MathContext MC = new MathContext(40);

    @TempDir
    Path dir;

    @Test
    void keepsTheScoresInLogSpaceUntilTheyAreNormalised() throws Exception {
        assertThat(fixed(write(dir.resolve("demo/Classifier.java"), CLASSIFIER))).isEqualTo(CLASSIFIER
                .replace("package demo;\n", "package demo;\n\nimport dev.numguard.guards.LogSpace;\n")
                .replace("double total = 0;", "double total;")
                .replace("double product = 1.0d;", "double logProduct = 0;")
                .replace("product *= featureProbabilities[c][f];", "logProduct += Math.log(featureProbabilities[c][f]);")
                .replace("scores[c] = 1d * priors[c] / priors.length * product;",
                        "scores[c] = Math.log(1d * priors[c] / priors.length) + logProduct;")
                .replace("            total += scores[c];\n", "")
                .replace("        }\n        return share", "        }\n        total = LogSpace.toRelativeWeights(scores);\n"
                        + "        return share"));
    }

    @Test
    void benignPosteriorsAgreeAndUnderflowingOnesMatchTheExactPosterior() throws Exception {
        Path original = write(dir.resolve("demo/Classifier.java"), CLASSIFIER);
        Path rewritten = write(dir.resolve("fixed/demo/Classifier.java"), fixed(original));
        Method before = posterior(InMemoryCompiler.compileAndLoad(original));
        Method after = posterior(InMemoryCompiler.compileAndLoad(rewritten));
        SplittableRandom random = new SplittableRandom(7);
        double[] priors = {3, 5, 2};

        double[][] few = features(random, 3, 20);
        for (int k = 0; k < priors.length; k++) {
            double exact = exactPosterior(priors, few, k);
            assertThat((double) before.invoke(null, priors, few, k)).isCloseTo(exact, within(1e-14));
            assertThat((double) after.invoke(null, priors, few, k)).isCloseTo(exact, within(1e-14));
        }

        double[][] many = features(random, 3, 500);        // scores near 10^-500
        double sum = 0;
        for (int k = 0; k < priors.length; k++) {
            double exact = exactPosterior(priors, many, k);
            assertThat((double) before.invoke(null, priors, many, k)).isZero();    // total underflowed to 0
            assertThat((double) after.invoke(null, priors, many, k)).isCloseTo(exact, within(1e-10 * exact));
            sum += (double) after.invoke(null, priors, many, k);
        }
        assertThat(sum).isCloseTo(1.0, within(1e-12));

        double[] noPrior = {0, 5, 2};                      // a class that cannot occur: log(0) = -Infinity, weight 0
        assertThat((double) after.invoke(null, noPrior, many, 0)).isZero();
        assertThat((double) after.invoke(null, noPrior, many, 1)).isCloseTo(exactPosterior(noPrior, many, 1), within(1e-10));
        double[] none = {0, 0, 0};                          // every score 0: the guard's 0 in both versions
        assertThat((double) before.invoke(null, none, few, 2)).isZero();
        assertThat((double) after.invoke(null, none, few, 2)).isZero();
    }

    private static double[][] features(SplittableRandom random, int classes, int count) {
        double[][] p = new double[classes][count];
        for (double[] row : p) {
            for (int f = 0; f < count; f++) {
                row[f] = random.nextDouble(0.05, 0.3);
            }
        }
        return p;
    }

    /** prior_k·Π p_kf / Σ_c prior_c·Π p_cf, with every product formed in BigDecimal (no underflow). */
    private static double exactPosterior(double[] priors, double[][] p, int k) {
        BigDecimal total = BigDecimal.ZERO;
        BigDecimal mine = null;
        for (int c = 0; c < priors.length; c++) {
            BigDecimal score = new BigDecimal(priors[c]);
            for (double f : p[c]) {
                if (f > 0) {
                    score = score.multiply(new BigDecimal(f), MC);
                }
            }
            total = total.add(score);
            mine = c == k ? score : mine;
        }
        return mine.divide(total, MC).doubleValue();
    }

    private String fixed(Path source) throws Exception {
        String text = Files.readString(source);
        List<Finding> findings = new SpoonFrontEnd().analyze(List.of(source), List.of(),
                List.of(RuleRegistry.byId("UnderflowingProduct").orElseThrow())).findings();
        assertThat(findings).extracting(f -> f.span().line()).containsExactly(11);
        var plan = new FixPlanner().plan(text, findings);
        assertThat(plan.skipped()).isEmpty();
        return plan.fixed();
    }

    private static Method posterior(Class<?> classifier) throws Exception {
        return classifier.getMethod("posterior", double[].class, double[][].class, int.class);
    }

    private static Path write(Path file, String text) throws Exception {
        Files.createDirectories(file.getParent());
        return Files.writeString(file, text);
    }
}
