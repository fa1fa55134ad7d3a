package dev.numguard.examples.classifier;

/**
 * Binary logistic regression: {@code P(y = 1 | x) = sigmoid(w·x + b)}, trained by gradient descent
 * on the binary cross-entropy (log loss).
 *
 * <p>The loss is computed from the decision value {@code z = w·x + b} rather than from the
 * probability, as {@code softplus(-z)} for a positive example and {@code softplus(z)} for a negative
 * one, so that confident predictions do not take the logarithm of 0 or 1. Instances are mutable and
 * not thread-safe.
 */
public final class LogisticRegression {

    private final double[] weights;
    private double bias;

    /**
     * Creates a model with all weights and the bias zero (predicts 0.5 everywhere).
     *
     * @param numFeatures number of input features, at least 1
     */
    public LogisticRegression(int numFeatures) {
        if (numFeatures < 1) {
            throw new IllegalArgumentException("need at least 1 feature, got " + numFeatures);
        }
        this.weights = new double[numFeatures];
    }

    /**
     * Creates a model from given parameters; the weights are copied.
     *
     * @param weights one weight per feature, at least one
     * @param bias the intercept
     */
    public LogisticRegression(double[] weights, double bias) {
        if (weights.length < 1) {
            throw new IllegalArgumentException("need at least 1 feature");
        }
        this.weights = weights.clone();
        this.bias = bias;
    }

    /** Returns a copy of the weights. */
    public double[] weights() {
        return weights.clone();
    }

    /** Returns the intercept. */
    public double bias() {
        return bias;
    }

    /**
     * The decision value (log-odds) {@code z = w·x + b}.
     *
     * @param features the input, one value per weight
     */
    public double decisionValue(double[] features) {
        if (features.length != weights.length) {
            throw new IllegalArgumentException("expected " + weights.length + " features, got " + features.length);
        }
        double z = bias;
        for (int j = 0; j < weights.length; j++) {
            z += weights[j] * features[j];
        }
        return z;
    }

    /**
     * The predicted probability of the positive class, {@code 1 / (1 + exp(-z))}.
     *
     * @param features the input, one value per weight
     * @return a probability in {@code [0, 1]}
     */
    public double probability(double[] features) {
        return 1.0 / (1.0 + Math.exp(-decisionValue(features)));
    }

    /**
     * The log loss {@code -log P(label | x)} of one example.
     *
     * @param features the input, one value per weight
     * @param label 0 or 1
     * @return the loss in nats, non-negative
     */
    public double loss(double[] features, int label) {
        double z = decisionValue(features);
        return softplus(checkLabel(label) == 1 ? -z : z);
    }

    /**
     * Performs one gradient-descent step on one example; the gradient of the log loss with respect to
     * {@code z} is {@code sigmoid(z) - label}.
     *
     * @param features the input, one value per weight
     * @param label 0 or 1
     * @param learningRate the step size, positive
     * @return the loss of the example before the update
     */
    public double trainStep(double[] features, int label, double learningRate) {
        double loss = loss(features, label);
        double error = probability(features) - label;
        for (int j = 0; j < weights.length; j++) {
            weights[j] -= learningRate * error * features[j];
        }
        bias -= learningRate * error;
        return loss;
    }

    /** The softplus function {@code log(1 + exp(z))}, as the textbook writes it. */
    static double softplus(double z) {
        return Math.log(1 + Math.exp(z));
    }

    private static int checkLabel(int label) {
        if (label != 0 && label != 1) {
            throw new IllegalArgumentException("label must be 0 or 1, got " + label);
        }
        return label;
    }
}
