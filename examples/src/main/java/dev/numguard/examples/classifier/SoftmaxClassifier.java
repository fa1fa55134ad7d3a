package dev.numguard.examples.classifier;

import java.util.Arrays;

/**
 * A multinomial logistic-regression classifier: a linear map from a feature vector to one score
 * (logit) per class, turned into class probabilities by the softmax function, and trained by
 * stochastic gradient descent on the cross-entropy loss.
 *
 * <p>Weights are stored row-wise, one row of {@code numFeatures} weights per class, plus one bias per
 * class. Instances are mutable ({@link #trainStep} updates them in place) and not thread-safe.
 */
public final class SoftmaxClassifier {

    private final double[][] weights;
    private final double[] bias;

    /**
     * Creates a classifier with all weights and biases zero, which predicts the uniform distribution.
     *
     * @param numClasses number of classes, at least 2
     * @param numFeatures number of input features, at least 1
     * @throws IllegalArgumentException if either size is too small
     */
    public SoftmaxClassifier(int numClasses, int numFeatures) {
        if (numClasses < 2) {
            throw new IllegalArgumentException("need at least 2 classes, got " + numClasses);
        }
        if (numFeatures < 1) {
            throw new IllegalArgumentException("need at least 1 feature, got " + numFeatures);
        }
        this.weights = new double[numClasses][numFeatures];
        this.bias = new double[numClasses];
    }

    /**
     * Creates a classifier from given parameters, which are copied.
     *
     * @param weights one row of feature weights per class; all rows of equal, non-zero length
     * @param bias one bias per class
     * @throws IllegalArgumentException if the shapes do not match
     */
    public SoftmaxClassifier(double[][] weights, double[] bias) {
        if (weights.length < 2 || bias.length != weights.length) {
            throw new IllegalArgumentException("need at least 2 classes and one bias per class, got "
                    + weights.length + " weight rows and " + bias.length + " biases");
        }
        int numFeatures = weights[0].length;
        this.weights = new double[weights.length][];
        for (int c = 0; c < weights.length; c++) {
            if (weights[c].length != numFeatures || numFeatures == 0) {
                throw new IllegalArgumentException("weight row " + c + " has " + weights[c].length
                        + " entries, expected " + numFeatures + " (> 0)");
            }
            this.weights[c] = weights[c].clone();
        }
        this.bias = bias.clone();
    }

    /** Returns the number of classes. */
    public int numClasses() {
        return weights.length;
    }

    /** Returns the number of input features. */
    public int numFeatures() {
        return weights[0].length;
    }

    /** Returns a copy of the weights of class {@code classIndex}. */
    public double[] weightsOf(int classIndex) {
        return weights[classIndex].clone();
    }

    /** Returns the bias of class {@code classIndex}. */
    public double biasOf(int classIndex) {
        return bias[classIndex];
    }

    /**
     * Computes the unnormalised class scores {@code W·x + b}.
     *
     * @param features the input, of length {@link #numFeatures()}
     * @return a new array with one logit per class
     */
    public double[] logits(double[] features) {
        checkFeatures(features);
        double[] scores = new double[weights.length];
        for (int c = 0; c < weights.length; c++) {
            double score = bias[c];
            for (int j = 0; j < features.length; j++) {
                score += weights[c][j] * features[j];
            }
            scores[c] = score;
        }
        return scores;
    }

    /**
     * Computes the predicted class distribution {@code softmax(W·x + b)}.
     *
     * @param features the input, of length {@link #numFeatures()}
     * @return a new array of probabilities, one per class, summing to 1
     */
    public double[] predictProbabilities(double[] features) {
        return softmax(logits(features));
    }

    /**
     * Returns the most probable class; ties go to the lowest class index.
     *
     * @param features the input, of length {@link #numFeatures()}
     */
    public int predict(double[] features) {
        double[] scores = logits(features);
        int best = 0;
        for (int c = 1; c < scores.length; c++) {
            if (scores[c] > scores[best]) {
                best = c;
            }
        }
        return best;
    }

    /**
     * The cross-entropy loss {@code -log p(label | x)} of one labelled example.
     *
     * @param features the input, of length {@link #numFeatures()}
     * @param label the true class, in {@code [0, numClasses)}
     * @return the loss in nats, non-negative
     */
    public double loss(double[] features, int label) {
        checkLabel(label);
        double[] probabilities = softmax(logits(features));
        return -Math.log(probabilities[label]);
    }

    /**
     * The mean cross-entropy loss over a batch.
     *
     * @param batch one feature vector per example
     * @param labels one label per example
     * @return the mean loss in nats; {@code NaN} for an empty batch
     */
    public double meanLoss(double[][] batch, int[] labels) {
        if (batch.length != labels.length) {
            throw new IllegalArgumentException(batch.length + " examples but " + labels.length + " labels");
        }
        double total = 0.0;
        for (int i = 0; i < batch.length; i++) {
            total += loss(batch[i], labels[i]);
        }
        return total / batch.length;
    }

    /**
     * Performs one SGD step on a single example. The gradient of the cross-entropy with respect
     * to the logits is {@code p - onehot(label)}.
     *
     * @param features the input, of length {@link #numFeatures()}
     * @param label the true class
     * @param learningRate the step size, positive
     * @return the loss of the example before the update
     */
    public double trainStep(double[] features, int label, double learningRate) {
        checkLabel(label);
        double[] probabilities = softmax(logits(features));
        double loss = -Math.log(probabilities[label]);
        for (int c = 0; c < weights.length; c++) {
            double gradient = probabilities[c] - (c == label ? 1.0 : 0.0);
            bias[c] -= learningRate * gradient;
            for (int j = 0; j < features.length; j++) {
                weights[c][j] -= learningRate * gradient * features[j];
            }
        }
        return loss;
    }

    /**
     * The softmax function: {@code exp(z_i) / Σ_j exp(z_j)}.
     *
     * @param logits the scores to normalise
     * @return a new array of probabilities summing to 1
     */
    static double[] softmax(double[] logits) {
        double[] probabilities = new double[logits.length];
        double sum = 0.0;
        for (int i = 0; i < logits.length; i++) {
            probabilities[i] = Math.exp(logits[i]);
            sum += probabilities[i];
        }
        for (int i = 0; i < probabilities.length; i++) {
            probabilities[i] /= sum;
        }
        return probabilities;
    }

    private void checkFeatures(double[] features) {
        if (features.length != numFeatures()) {
            throw new IllegalArgumentException("expected " + numFeatures() + " features, got " + features.length);
        }
    }

    private void checkLabel(int label) {
        if (label < 0 || label >= weights.length) {
            throw new IllegalArgumentException("label " + label + " outside [0, " + weights.length + ")");
        }
    }

    @Override
    public String toString() {
        return "SoftmaxClassifier{classes=" + numClasses() + ", features=" + numFeatures()
                + ", bias=" + Arrays.toString(bias) + "}";
    }
}
