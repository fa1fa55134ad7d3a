package dev.numguard.examples.sequence;

/**
 * A first-order Markov (bigram) language model over a vocabulary of token ids {@code 0..V-1}:
 * {@code P(t_1 .. t_n) = P(t_1) · Π_{i>1} P(t_i | t_{i-1})}.
 *
 * <p>Models are estimated from a corpus with add-k (Lidstone) smoothing, or built from explicit
 * probability tables. Instances are immutable.
 */
public final class BigramLanguageModel {

    private final double[] initial;
    private final double[][] transition;

    /**
     * Creates a model from explicit probabilities; the tables are copied.
     *
     * @param initial {@code P(first token = v)} for each token v, summing to 1
     * @param transition {@code transition[u][v] = P(next = v | previous = u)}, a square table whose
     *     rows sum to 1
     * @throws IllegalArgumentException if the shapes do not match or a probability is outside [0, 1]
     */
    public BigramLanguageModel(double[] initial, double[][] transition) {
        int vocabulary = initial.length;
        if (vocabulary == 0 || transition.length != vocabulary) {
            throw new IllegalArgumentException("need a non-empty vocabulary and one transition row per token");
        }
        this.initial = checkDistribution(initial.clone(), "initial");
        this.transition = new double[vocabulary][];
        for (int u = 0; u < vocabulary; u++) {
            if (transition[u].length != vocabulary) {
                throw new IllegalArgumentException("transition row " + u + " has " + transition[u].length
                        + " entries, expected " + vocabulary);
            }
            this.transition[u] = checkDistribution(transition[u].clone(), "transition row " + u);
        }
    }

    /**
     * Estimates a model from tokenised sentences with add-k smoothing:
     * {@code P(v | u) = (count(u, v) + k) / (count(u, ·) + k·V)}, and likewise for the first token.
     *
     * @param sentences token-id sequences; empty sentences are ignored
     * @param vocabularySize V, at least 1; every token id must be in {@code [0, V)}
     * @param smoothing k, positive (1 is Laplace smoothing)
     * @return the estimated model
     */
    public static BigramLanguageModel fit(int[][] sentences, int vocabularySize, double smoothing) {
        if (vocabularySize < 1) {
            throw new IllegalArgumentException("vocabulary size must be at least 1, got " + vocabularySize);
        }
        if (!(smoothing > 0.0)) {
            throw new IllegalArgumentException("smoothing must be positive, got " + smoothing);
        }
        long[] firstCounts = new long[vocabularySize];
        long[][] pairCounts = new long[vocabularySize][vocabularySize];
        long sentencesSeen = 0;
        for (int[] sentence : sentences) {
            if (sentence.length == 0) {
                continue;
            }
            sentencesSeen++;
            firstCounts[checkToken(sentence[0], vocabularySize)]++;
            for (int i = 1; i < sentence.length; i++) {
                pairCounts[checkToken(sentence[i - 1], vocabularySize)][checkToken(sentence[i], vocabularySize)]++;
            }
        }
        double[] initial = new double[vocabularySize];
        double[][] transition = new double[vocabularySize][vocabularySize];
        for (int v = 0; v < vocabularySize; v++) {
            initial[v] = (firstCounts[v] + smoothing) / (sentencesSeen + smoothing * vocabularySize);
        }
        for (int u = 0; u < vocabularySize; u++) {
            long rowTotal = 0;
            for (int v = 0; v < vocabularySize; v++) {
                rowTotal += pairCounts[u][v];
            }
            for (int v = 0; v < vocabularySize; v++) {
                transition[u][v] = (pairCounts[u][v] + smoothing) / (rowTotal + smoothing * vocabularySize);
            }
        }
        return new BigramLanguageModel(initial, transition);
    }

    /** Returns the vocabulary size V. */
    public int vocabularySize() {
        return initial.length;
    }

    /** Returns {@code P(next = next | previous = previous)}. */
    public double transitionProbability(int previous, int next) {
        return transition[previous][next];
    }

    /**
     * The log-likelihood {@code log P(tokens)} of a sequence under the model, in nats.
     *
     * @param tokens token ids in {@code [0, V)}; the empty sequence has log-likelihood 0
     * @return a value {@code <= 0}; {@code -Infinity} if the sequence contains a transition of
     *     probability zero
     */
    public double logLikelihood(int[] tokens) {
        double probability = 1.0;
        int previous = -1;
        for (int token : tokens) {
            checkToken(token, initial.length);
            probability *= previous < 0 ? initial[token] : transition[previous][token];
            previous = token;
        }
        return Math.log(probability);
    }

    /**
     * The per-token perplexity {@code exp(-logLikelihood / n)} of a non-empty sequence: the
     * effective number of equally likely choices per token.
     *
     * @param tokens a non-empty sequence of token ids in {@code [0, V)}
     */
    public double perplexity(int[] tokens) {
        if (tokens.length == 0) {
            throw new IllegalArgumentException("perplexity of an empty sequence is undefined");
        }
        return Math.exp(-logLikelihood(tokens) / tokens.length);
    }

    private static double[] checkDistribution(double[] probabilities, String what) {
        for (double p : probabilities) {
            if (!(p >= 0.0 && p <= 1.0)) {
                throw new IllegalArgumentException(what + " holds " + p + ", not a probability");
            }
        }
        return probabilities;
    }

    private static int checkToken(int token, int vocabularySize) {
        if (token < 0 || token >= vocabularySize) {
            throw new IllegalArgumentException("token " + token + " outside vocabulary [0, " + vocabularySize + ")");
        }
        return token;
    }
}
