package dev.numguard.analyzer.differential;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.numguard.rules.fixtures.RuleFixture;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * UnderflowingProduct's fix of an unscaled Viterbi recursion (the ViterbiPaths fixture and its
 * fixed twin, compiled and run): on short sequences both give a path as likely as that of a
 * log-space Viterbi reference (up to paths that tie); on long ones the original's rows underflow to 0, every state
 * ties and its path is far from the best, while the rescaled recursion still finds a best path.
 */
class ViterbiScalingFixTest {
    private static final Path FIXTURES = RuleFixture.root().resolve("UnderflowingProduct");

    @Test
    void rescaledRowsKeepTheMostLikelyPath() throws Exception {
        Method original = viterbi(FIXTURES.resolve("positive/ViterbiPaths.java"));
        Method rescaled = viterbi(FIXTURES.resolve("fixed/ViterbiPaths.java"));
        SplittableRandom random = new SplittableRandom(5);
        for (int trial = 0; trial < 20; trial++) {
            Hmm hmm = Hmm.random(random, 2 + random.nextInt(4), 3, 40);
            double best = hmm.logProbability(hmm.logSpacePath());
            assertThat(hmm.logProbability(hmm.decode(original))).isCloseTo(best, within(1e-10 * -best));
            assertThat(hmm.logProbability(hmm.decode(rescaled))).isCloseTo(best, within(1e-10 * -best));
        }
        for (int trial = 0; trial < 5; trial++) {
            Hmm hmm = Hmm.random(random, 3 + trial % 3, 4, 3000);   // path probabilities near 10^-2000
            double best = hmm.logProbability(hmm.logSpacePath());
            assertThat(hmm.logProbability(hmm.decode(original))).isLessThan(best - 1);
            assertThat(hmm.logProbability(hmm.decode(rescaled))).isCloseTo(best, within(1e-10 * -best));
        }
    }

    private static Method viterbi(Path source) throws Exception {
        return InMemoryCompiler.compileAndLoad(source)
                .getMethod("viterbi", double[].class, double[][].class, double[][].class, int[].class);
    }

    /** A random model and observation sequence, with the reference decoder. */
    private record Hmm(double[] initial, double[][] transition, double[][] emission, int[] observations) {
        static Hmm random(SplittableRandom random, int states, int symbols, int steps) {
            double[][] transition = new double[states][];
            double[][] emission = new double[states][];
            for (int i = 0; i < states; i++) {
                transition[i] = distribution(random, states);
                emission[i] = distribution(random, symbols);
            }
            int[] observations = random.ints(steps, 0, symbols).toArray();
            return new Hmm(distribution(random, states), transition, emission, observations);
        }

        int[] decode(Method viterbi) throws Exception {
            return (int[]) viterbi.invoke(null, initial, transition, emission, observations);
        }

        /**
         * The log-probability of the path with the observations: the quantity Viterbi maximises
         * (paths that tie, such as two orders of the same transitions, score alike).
         */
        double logProbability(int[] path) {
            double log = Math.log(initial[path[0]]) + Math.log(emission[path[0]][observations[0]]);
            for (int t = 1; t < path.length; t++) {
                log += Math.log(transition[path[t - 1]][path[t]]) + Math.log(emission[path[t]][observations[t]]);
            }
            return log;
        }

        /** Viterbi on sums of logs, which cannot underflow: the path the recursion is meant to find. */
        int[] logSpacePath() {
            int states = initial.length;
            int steps = observations.length;
            double[][] score = new double[steps][states];
            int[][] from = new int[steps][states];
            for (int i = 0; i < states; i++) {
                score[0][i] = Math.log(initial[i]) + Math.log(emission[i][observations[0]]);
            }
            for (int t = 1; t < steps; t++) {
                for (int i = 0; i < states; i++) {
                    int best = 0;
                    for (int j = 1; j < states; j++) {
                        if (score[t - 1][j] + Math.log(transition[j][i]) > score[t - 1][best] + Math.log(transition[best][i])) {
                            best = j;
                        }
                    }
                    score[t][i] = score[t - 1][best] + Math.log(transition[best][i]) + Math.log(emission[i][observations[t]]);
                    from[t][i] = best;
                }
            }
            int[] path = new int[steps];
            for (int i = 1; i < states; i++) {
                if (score[steps - 1][i] > score[steps - 1][path[steps - 1]]) {
                    path[steps - 1] = i;
                }
            }
            for (int t = steps - 1; t > 0; t--) {
                path[t - 1] = from[t][path[t]];
            }
            return path;
        }

        private static double[] distribution(SplittableRandom random, int n) {
            double[] p = random.doubles(n, 0.05, 1).toArray();
            double sum = 0;
            for (double v : p) {
                sum += v;
            }
            for (int i = 0; i < n; i++) {
                p[i] /= sum;
            }
            return p;
        }
    }
}
