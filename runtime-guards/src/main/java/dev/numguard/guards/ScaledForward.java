package dev.numguard.guards;

import java.util.Objects;

/**
 * The forward algorithm of a hidden Markov model with per-step scaling (Rabiner 1989, section V.A):
 * the log-likelihood {@code log P(o_1 … o_T)} of an observation sequence, where the textbook
 * recursion {@code α_t(j) = (Σ_k α_{t−1}(k)·A[k][j])·B[j][o_t]} multiplies T probabilities and
 * underflows to 0 after a few hundred steps (then {@code log} gives −Infinity for every sequence).
 *
 * <p>Each step's α is divided by its sum {@code c_t}, so it stays a probability distribution over
 * the states (the filtered state distribution {@code P(state_t | o_1 … o_t)}), and
 * {@code log P(o_1 … o_T) = Σ_t log c_t}. The scaled α never underflows unless a single step's
 * likelihood does; the log-likelihood is a sum of T logarithms, so its error grows like T ulps of the
 * per-step terms at worst, not like the product's exponent.
 *
 * <p>Model: {@code initial[j] = P(state_1 = j)}, {@code transition[k][j] = P(state_{t+1} = j |
 * state_t = k)}, {@code emission[j][m] = P(o_t = m | state_t = j)}. The probabilities must be finite
 * and non-negative; rows need not sum to 1 (unnormalised models give the corresponding unnormalised
 * score).
 */
public final class ScaledForward {

    private ScaledForward() {
    }

    /**
     * {@code log P(observations)} under the model.
     *
     * <p>Edge cases: no observations → 0 (the empty sequence has probability 1); a sequence the model
     * cannot produce (some step's probability exactly 0) → {@code -Infinity}.
     *
     * @throws NullPointerException      if an argument or a row is null
     * @throws IllegalArgumentException  if the shapes disagree or a probability is negative, infinite
     *                                   or NaN (the message names the entry)
     * @throws IndexOutOfBoundsException if an observation is not a column of {@code emission} (the
     *                                   message names the step)
     */
    public static double logLikelihood(double[] initial, double[][] transition, double[][] emission, int[] observations) {
        return logLikelihood(initial, transition, emission, observations, null);
    }

    /**
     * {@code log P(observations)}, writing the filtered distributions {@code P(state_t = j | o_1 …
     * o_t)} (the scaled α) into {@code filtered[t][j]}. After a step of probability 0 the remaining
     * rows are NaN.
     *
     * @param filtered {@code T} rows of at least as many entries as there are states, or {@code null}
     * @throws IllegalArgumentException if {@code filtered} is too small; otherwise as
     *                                  {@link #logLikelihood(double[], double[][], double[][], int[])}
     */
    public static double logLikelihood(double[] initial, double[][] transition, double[][] emission, int[] observations,
            double[][] filtered) {
        int states = validate(initial, transition, emission, observations);
        if (filtered != null && filtered.length < observations.length) {
            throw new IllegalArgumentException(
                    "filtered has " + filtered.length + " rows for " + observations.length + " observations");
        }
        double[] alpha = new double[states];
        double[] next = new double[states];
        double logLikelihood = 0;
        for (int t = 0; t < observations.length; t++) {
            int o = observation(observations, t, emission[0].length);
            double scale = 0;
            for (int j = 0; j < states; j++) {
                double prior;
                if (t == 0) {
                    prior = initial[j];
                } else {
                    prior = 0;
                    for (int k = 0; k < states; k++) {
                        prior += alpha[k] * transition[k][j];
                    }
                }
                double a = prior * emission[j][o];
                next[j] = a;
                scale += a;
            }
            if (!(scale > 0)) {
                if (filtered != null) {
                    for (int s = t; s < observations.length; s++) {
                        requireRow(filtered, s, states);
                        java.util.Arrays.fill(filtered[s], 0, states, Double.NaN);
                    }
                }
                return Double.NEGATIVE_INFINITY;
            }
            double inverse = 1.0 / scale;
            for (int j = 0; j < states; j++) {
                alpha[j] = next[j] * inverse;
            }
            if (filtered != null) {
                requireRow(filtered, t, states);
                System.arraycopy(alpha, 0, filtered[t], 0, states);
            }
            logLikelihood += Math.log(scale);
        }
        return logLikelihood;
    }

    /**
     * One scaling step of a recursion written by hand: divides {@code row} (one time step's α,
     * β or Viterbi δ) by the sum of its entries, in place, and returns the log of that sum. Called
     * after each row is filled, it keeps every row a distribution over the states, so a long
     * sequence no longer underflows; the sum of the returned logs is the log of the product of the
     * scales (for a forward pass started from the initial distribution, the log-likelihood). Ratios
     * within a row, and so the argmax of each Viterbi step, are unchanged.
     *
     * <p>Edge cases: a row whose sum is 0 (every state impossible), infinite or NaN is left as it
     * is, and the log of that sum is returned ({@code -Infinity}, {@code +Infinity}, NaN); an empty
     * row gives {@code -Infinity}.
     *
     * @throws NullPointerException if {@code row} is null
     */
    public static double rescale(double[] row) {
        Objects.requireNonNull(row, "row");
        double sum = 0;
        for (double v : row) {
            sum += v;
        }
        if (sum > 0 && sum < Double.POSITIVE_INFINITY) {
            double inverse = 1.0 / sum;
            if (inverse < Double.POSITIVE_INFINITY) {
                for (int i = 0; i < row.length; i++) {
                    row[i] *= inverse;
                }
            } else {
                for (int i = 0; i < row.length; i++) {
                    row[i] /= sum;                          // a subnormal sum: 1/sum would overflow
                }
            }
        }
        return Math.log(sum);
    }

    /**
     * {@link #rescale(double[])} for a row of boxed values (a table of {@code Double}): divides the
     * row by the sum of its entries, in place, and returns the log of that sum, with the same edge
     * cases.
     *
     * @throws NullPointerException if {@code row} or one of its entries is null
     */
    public static double rescale(Double[] row) {
        Objects.requireNonNull(row, "row");
        double[] values = new double[row.length];
        for (int i = 0; i < row.length; i++) {
            values[i] = Objects.requireNonNull(row[i], "row[" + i + "]");
        }
        double logSum = rescale(values);
        for (int i = 0; i < row.length; i++) {
            row[i] = values[i];
        }
        return logSum;
    }

    private static int validate(double[] initial, double[][] transition, double[][] emission, int[] observations) {
        Objects.requireNonNull(initial, "initial");
        Objects.requireNonNull(transition, "transition");
        Objects.requireNonNull(emission, "emission");
        Objects.requireNonNull(observations, "observations");
        int states = initial.length;
        if (states == 0) {
            throw new IllegalArgumentException("the model has no states (initial is empty)");
        }
        requireProbabilities(initial, "initial");
        if (transition.length != states) {
            throw new IllegalArgumentException(
                    "transition has " + transition.length + " rows for " + states + " states");
        }
        for (int k = 0; k < states; k++) {
            double[] row = Objects.requireNonNull(transition[k], "transition[" + k + "]");
            if (row.length != states) {
                throw new IllegalArgumentException(
                        "transition[" + k + "] has " + row.length + " entries for " + states + " states");
            }
            requireProbabilities(row, "transition[" + k + "]");
        }
        if (emission.length != states) {
            throw new IllegalArgumentException("emission has " + emission.length + " rows for " + states + " states");
        }
        int symbols = Objects.requireNonNull(emission[0], "emission[0]").length;
        for (int j = 0; j < states; j++) {
            double[] row = Objects.requireNonNull(emission[j], "emission[" + j + "]");
            if (row.length != symbols) {
                throw new IllegalArgumentException(
                        "emission[" + j + "] has " + row.length + " symbols, emission[0] has " + symbols);
            }
            requireProbabilities(row, "emission[" + j + "]");
        }
        return states;
    }

    private static int observation(int[] observations, int t, int symbols) {
        int o = observations[t];
        if (o < 0 || o >= symbols) {
            throw new IndexOutOfBoundsException(
                    "observations[" + t + "] = " + o + " is not a symbol of the model (0 to " + (symbols - 1) + ")");
        }
        return o;
    }

    private static void requireProbabilities(double[] p, String name) {
        for (int i = 0; i < p.length; i++) {
            if (!(p[i] >= 0 && p[i] <= Double.MAX_VALUE)) {
                throw new IllegalArgumentException(name + "[" + i + "] = " + p[i] + ": probabilities must be finite and >= 0");
            }
        }
    }

    private static void requireRow(double[][] filtered, int t, int states) {
        double[] row = Objects.requireNonNull(filtered[t], "filtered[" + t + "]");
        if (row.length < states) {
            throw new IllegalArgumentException("filtered[" + t + "] has " + row.length + " entries for " + states + " states");
        }
    }
}
