package dev.numguard.examples.ranking;

/**
 * Pairwise learning to rank (RankNet): a linear scorer {@code s(x) = w·x} is trained so that the
 * probability that item {@code a} ranks above item {@code b}, {@code sigmoid(s(a) - s(b))}, matches a
 * target preference in {@code [0, 1]} (1: a is better, 0: b is better, 0.5: a tie), by gradient
 * descent on the binary cross-entropy between the two. Instances are mutable and not thread-safe.
 */
public final class PairwiseRanker {

    private final double[] weights;

    /**
     * Creates a ranker with all weights zero (every pair a tie).
     *
     * @param numFeatures number of features per item, at least 1
     */
    public PairwiseRanker(int numFeatures) {
        if (numFeatures < 1) {
            throw new IllegalArgumentException("need at least 1 feature, got " + numFeatures);
        }
        this.weights = new double[numFeatures];
    }

    /**
     * Creates a ranker from given weights; they are copied.
     *
     * @param weights one weight per feature, at least one
     */
    public PairwiseRanker(double[] weights) {
        if (weights.length < 1) {
            throw new IllegalArgumentException("need at least 1 feature");
        }
        this.weights = weights.clone();
    }

    /** Returns a copy of the weights. */
    public double[] weights() {
        return weights.clone();
    }

    /**
     * The score {@code w·x} of one item.
     *
     * @param item one value per weight
     */
    public double score(double[] item) {
        if (item.length != weights.length) {
            throw new IllegalArgumentException("expected " + weights.length + " features, got " + item.length);
        }
        double s = 0;
        for (int j = 0; j < weights.length; j++) {
            s += weights[j] * item[j];
        }
        return s;
    }

    /** The probability that {@code a} ranks above {@code b}. */
    public double preference(double[] a, double[] b) {
        return sigmoid(score(a) - score(b));
    }

    /**
     * The cross-entropy between the target preference and the model's, in nats.
     *
     * @param target the probability that {@code a} should rank above {@code b}, in {@code [0, 1]}
     */
    public double pairLoss(double[] a, double[] b, double target) {
        double difference = score(a) - score(b);
        double p = sigmoid(difference);
        return -(target * Math.log(p) + (1 - target) * Math.log(1 - p));
    }

    /**
     * A smooth hinge on the score difference: about {@code margin - (s(a) - s(b))} while {@code a}
     * is not ahead of {@code b} by the margin, and about 0 once it is.
     */
    public double marginPenalty(double[] a, double[] b, double margin) {
        double difference = score(a) - score(b);
        return Math.log1p(Math.exp(margin - difference));
    }

    /**
     * One gradient-descent step on one pair; the gradient of the loss with respect to the score
     * difference is {@code preference - target}.
     *
     * @return the loss of the pair before the update
     */
    public double trainStep(double[] a, double[] b, double target, double learningRate) {
        double loss = pairLoss(a, b, target);
        double error = preference(a, b) - target;
        for (int j = 0; j < weights.length; j++) {
            weights[j] -= learningRate * error * (a[j] - b[j]);
        }
        return loss;
    }

    private static double sigmoid(double z) {
        return 1 / (1 + Math.exp(-z));
    }
}
