package dev.numguard.guards;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link ScaledForward} against the unscaled forward recursion in exact decimal arithmetic (40
 * digits, no underflow), on sequences long enough that the textbook recursion in double gives 0.
 */
class ScaledForwardTest {

    private static final MathContext MC = new MathContext(40, RoundingMode.HALF_EVEN);

    static BigDecimal exactLikelihood(double[] initial, double[][] transition, double[][] emission, int[] observations) {
        int states = initial.length;
        BigDecimal[] alpha = new BigDecimal[states];
        for (int t = 0; t < observations.length; t++) {
            BigDecimal[] next = new BigDecimal[states];
            for (int j = 0; j < states; j++) {
                BigDecimal prior = BigDecimal.ZERO;
                if (t == 0) {
                    prior = new BigDecimal(initial[j]);
                } else {
                    for (int k = 0; k < states; k++) {
                        prior = prior.add(alpha[k].multiply(new BigDecimal(transition[k][j]), MC), MC);
                    }
                }
                next[j] = prior.multiply(new BigDecimal(emission[j][observations[t]]), MC);
            }
            alpha = next;
        }
        BigDecimal total = BigDecimal.ZERO;
        for (BigDecimal a : alpha) {
            total = total.add(a, MC);
        }
        return total;
    }

    @Test
    void twoStateOracle() {
        // Rabiner-style toy model; P(o = [0, 1]) = Σ_j α_2(j) by hand:
        // α_1 = [0.6·0.5, 0.4·0.1] = [0.3, 0.04]
        // α_2(0) = (0.3·0.7 + 0.04·0.4)·0.5 = 0.113, α_2(1) = (0.3·0.3 + 0.04·0.6)·0.9 = 0.1026
        double[] initial = {0.6, 0.4};
        double[][] transition = {{0.7, 0.3}, {0.4, 0.6}};
        double[][] emission = {{0.5, 0.5}, {0.1, 0.9}};
        double[][] filtered = new double[2][2];
        double log = ScaledForward.logLikelihood(initial, transition, emission, new int[] {0, 0}, filtered);
        assertThat(log).isCloseTo(Math.log(0.3 * 0.7 * 0.5 + 0.04 * 0.4 * 0.5 + (0.3 * 0.3 + 0.04 * 0.6) * 0.1), within(1e-15));
        assertThat(filtered[0][0] + filtered[0][1]).isCloseTo(1.0, within(1e-15));
        assertThat(filtered[0][0]).isCloseTo(0.3 / 0.34, within(1e-15));
        assertThat(ScaledForward.logLikelihood(initial, transition, emission, new int[] {0, 1}))
                .isCloseTo(Math.log(0.113 + 0.1026), within(1e-15));
    }

    @Test
    void longSequencesWhereTheTextbookRecursionUnderflows() {
        SplittableRandom random = new SplittableRandom(9);
        for (int trial = 0; trial < 6; trial++) {
            int states = 2 + random.nextInt(4);
            int symbols = 2 + random.nextInt(3);
            double[] initial = distribution(random, states);
            double[][] transition = new double[states][];
            double[][] emission = new double[states][];
            for (int j = 0; j < states; j++) {
                transition[j] = distribution(random, states);
                emission[j] = distribution(random, symbols);
            }
            int[] observations = new int[1500];
            for (int t = 0; t < observations.length; t++) {
                observations[t] = random.nextInt(symbols);
            }
            double naive = textbookLikelihood(initial, transition, emission, observations);
            assertThat(naive).isZero(); // underflowed: log gives −Infinity
            BigDecimal exact = exactLikelihood(initial, transition, emission, observations);
            double reference = HighPrecision.log(exact).doubleValue();
            double got = ScaledForward.logLikelihood(initial, transition, emission, observations);
            // a sum of T logarithms, each within a few ulps of its step's
            double tolerance = 8 * observations.length * Math.ulp(Math.abs(reference) / observations.length + 1);
            assertThat(got).as("trial %d", trial).isCloseTo(reference, within(tolerance));
        }
    }

    @Test
    void edges() {
        double[] initial = {1, 0};
        double[][] transition = {{0, 1}, {1, 0}};
        double[][] emission = {{1, 0}, {0, 1}};
        assertThat(ScaledForward.logLikelihood(initial, transition, emission, new int[0])).isZero();
        assertThat(ScaledForward.logLikelihood(initial, transition, emission, new int[] {0, 1, 0})).isZero(); // certain
        double[][] filtered = new double[3][2];
        assertThat(ScaledForward.logLikelihood(initial, transition, emission, new int[] {0, 0, 1}, filtered))
                .isEqualTo(Double.NEGATIVE_INFINITY); // impossible at step 1
        assertThat(filtered[0]).containsExactly(1.0, 0.0);
        assertThat(filtered[1][0]).isNaN();
        assertThatThrownBy(() -> ScaledForward.logLikelihood(initial, transition, emission, new int[] {0, 2}))
                .isInstanceOf(IndexOutOfBoundsException.class).hasMessageContaining("observations[1] = 2");
        assertThatThrownBy(() -> ScaledForward.logLikelihood(initial, new double[][] {{1, 0}}, emission, new int[] {0}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("transition has 1 rows for 2 states");
        assertThatThrownBy(() -> ScaledForward.logLikelihood(new double[] {1, -0.5}, transition, emission, new int[] {0}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("initial[1] = -0.5");
        assertThatThrownBy(() -> ScaledForward.logLikelihood(initial, transition, new double[][] {{1, 0}, {Double.NaN, 1}}, new int[] {0}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("emission[1][0] = NaN");
        assertThatThrownBy(() -> ScaledForward.logLikelihood(new double[0], new double[0][], new double[0][], new int[0]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no states");
        assertThatThrownBy(() -> ScaledForward.logLikelihood(initial, transition, emission, new int[] {0, 1}, new double[1][2]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("filtered has 1 rows");
    }

    /** A forward pass written by hand, with {@code rescale} after each row: the log-likelihood of the exact oracle. */
    @Test
    void rescalingEachRowOfAHandWrittenForwardPassKeepsTheLogLikelihood() {
        SplittableRandom random = new SplittableRandom(21);
        int states = 3;
        double[] initial = distribution(random, states);
        double[][] transition = {distribution(random, states), distribution(random, states), distribution(random, states)};
        double[][] emission = {distribution(random, 4), distribution(random, 4), distribution(random, 4)};
        int[] o = new int[2000];
        for (int t = 0; t < o.length; t++) {
            o[t] = random.nextInt(4);
        }
        double[][] alpha = new double[o.length][states];
        double logLikelihood = 0;
        for (int t = 0; t < o.length; t++) {
            for (int j = 0; j < states; j++) {
                double prior = 0;
                for (int k = 0; k < states; k++) {
                    prior += t == 0 ? (k == 0 ? initial[j] : 0) : alpha[t - 1][k] * transition[k][j];
                }
                alpha[t][j] = prior * emission[j][o[t]];
            }
            logLikelihood += ScaledForward.rescale(alpha[t]);
            assertThat(alpha[t][0] + alpha[t][1] + alpha[t][2]).isCloseTo(1.0, within(4e-16));
        }
        double reference = HighPrecision.log(exactLikelihood(initial, transition, emission, o)).doubleValue();
        assertThat(textbookLikelihood(initial, transition, emission, o)).isZero();
        // T additions, each rounded to half an ulp of a running sum no larger than |reference|, and T logs
        assertThat(logLikelihood).isCloseTo(reference, within(o.length * Math.ulp(reference)));
        assertThat(logLikelihood).isCloseTo(ScaledForward.logLikelihood(initial, transition, emission, o), within(1e-9));
    }

    @Test
    void rescaleEdges() {
        double[] row = {0.25, 0.5, 0.25};
        double[] doubled = {0.5, 1.0, 0.5};
        assertThat(ScaledForward.rescale(doubled)).isEqualTo(Math.log(2));
        assertThat(doubled).containsExactly(row);
        double[] subnormal = {Double.MIN_VALUE, 3 * Double.MIN_VALUE};
        assertThat(ScaledForward.rescale(subnormal)).isEqualTo(Math.log(4 * Double.MIN_VALUE));
        assertThat(subnormal).containsExactly(0.25, 0.75);
        double[] zeros = {0, 0};
        assertThat(ScaledForward.rescale(zeros)).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(zeros).containsExactly(0.0, 0.0);
        double[] infinite = {Double.POSITIVE_INFINITY, 1};
        assertThat(ScaledForward.rescale(infinite)).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(infinite).containsExactly(Double.POSITIVE_INFINITY, 1.0);
        double[] nan = {Double.NaN, 1};
        assertThat(ScaledForward.rescale(nan)).isNaN();
        assertThat(nan[1]).isEqualTo(1.0);
        assertThat(ScaledForward.rescale(new double[0])).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThatThrownBy(() -> ScaledForward.rescale((double[]) null)).isInstanceOf(NullPointerException.class);
    }

    private static double textbookLikelihood(double[] initial, double[][] transition, double[][] emission, int[] o) {
        int states = initial.length;
        double[] alpha = new double[states];
        for (int j = 0; j < states; j++) {
            alpha[j] = initial[j] * emission[j][o[0]];
        }
        for (int t = 1; t < o.length; t++) {
            double[] next = new double[states];
            for (int j = 0; j < states; j++) {
                double s = 0;
                for (int k = 0; k < states; k++) {
                    s += alpha[k] * transition[k][j];
                }
                next[j] = s * emission[j][o[t]];
            }
            alpha = next;
        }
        double total = 0;
        for (double a : alpha) {
            total += a;
        }
        return total;
    }

    private static double[] distribution(SplittableRandom random, int n) {
        double[] p = new double[n];
        double sum = 0;
        for (int i = 0; i < n; i++) {
            p[i] = 0.05 + random.nextDouble();
            sum += p[i];
        }
        for (int i = 0; i < n; i++) {
            p[i] /= sum;
        }
        return p;
    }

    @Test
    void rescaleOfBoxedRowsMatchesThePrimitiveOne() {
        Double[] boxed = {1e-300, 3e-300, 0.0};
        double[] primitive = {1e-300, 3e-300, 0.0};
        assertThat(ScaledForward.rescale(boxed)).isEqualTo(ScaledForward.rescale(primitive));
        assertThat(boxed).containsExactly(primitive[0], primitive[1], primitive[2]);
        assertThat(boxed[0] + boxed[1]).isEqualTo(1.0);
        Double[] zeros = {0.0, 0.0};
        assertThat(ScaledForward.rescale(zeros)).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(zeros).containsExactly(0.0, 0.0);
        Double[] subnormal = {Double.MIN_VALUE, Double.MIN_VALUE};
        assertThat(ScaledForward.rescale(subnormal)).isEqualTo(Math.log(2 * Double.MIN_VALUE));
        assertThat(subnormal).containsExactly(0.5, 0.5);
        assertThat(ScaledForward.rescale(new Double[0])).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThatThrownBy(() -> ScaledForward.rescale(new Double[] {1.0, null})).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> ScaledForward.rescale((Double[]) null)).isInstanceOf(NullPointerException.class);
    }
}
