package dev.numguard.examples.training;

import dev.numguard.guards.Half;

/**
 * Trains a linear regression model {@code y ≈ w·x} on the mean squared error with mini-batch
 * gradient descent, in the layout of mixed-precision training: the master weights stay in single
 * precision while the gradient buffer is kept in half precision (fp16, as 16-bit patterns), which
 * halves its memory and matches what an accelerator would hand back.
 *
 * <p>A step is {@link #backward} (compute the batch gradient and store it in fp16) followed by
 * {@link #step} (apply it to the weights). Instances are mutable and not thread-safe.
 */
public final class MixedPrecisionTrainer {

    private final float[] weights;
    private final short[] gradients;
    private final float learningRate;

    /**
     * Creates a trainer for a model with the given initial weights, which are copied.
     *
     * @param initialWeights one weight per feature, at least one
     * @param learningRate the SGD step size, positive
     */
    public MixedPrecisionTrainer(float[] initialWeights, float learningRate) {
        if (initialWeights.length == 0) {
            throw new IllegalArgumentException("need at least one weight");
        }
        if (!(learningRate > 0f)) {
            throw new IllegalArgumentException("learning rate must be positive, got " + learningRate);
        }
        this.weights = initialWeights.clone();
        this.gradients = new short[initialWeights.length];
        this.learningRate = learningRate;
    }

    /** Returns a copy of the current weights. */
    public float[] weights() {
        return weights.clone();
    }

    /** Returns the gradient with respect to weight {@code j} from the last {@link #backward} call. */
    public float gradient(int j) {
        return Half.toFloat(gradients[j]);
    }

    /**
     * The model's prediction {@code w·x}.
     *
     * @param features one value per weight
     */
    public float predict(float[] features) {
        if (features.length != weights.length) {
            throw new IllegalArgumentException("expected " + weights.length + " features, got " + features.length);
        }
        float prediction = 0f;
        for (int j = 0; j < weights.length; j++) {
            prediction += weights[j] * features[j];
        }
        return prediction;
    }

    /**
     * Computes the mean squared error of a batch and its gradient
     * {@code (2/n) Σ_i (w·x_i - y_i) x_i}, and stores the gradient in the fp16 buffer.
     *
     * @param inputs one feature vector per example, at least one example
     * @param targets one target per example
     * @return the mean squared error of the batch before the update
     */
    public float backward(float[][] inputs, float[] targets) {
        if (inputs.length == 0 || inputs.length != targets.length) {
            throw new IllegalArgumentException("need a non-empty batch with one target per example, got "
                    + inputs.length + " examples and " + targets.length + " targets");
        }
        int n = inputs.length;
        float[] gradient = new float[weights.length];
        float loss = 0f;
        for (int i = 0; i < n; i++) {
            float error = predict(inputs[i]) - targets[i];
            loss += error * error;
            for (int j = 0; j < weights.length; j++) {
                gradient[j] += 2f * error * inputs[i][j] / n;
            }
        }
        for (int j = 0; j < weights.length; j++) {
            gradients[j] = Half.fromFloat(gradient[j]);
        }
        return loss / n;
    }

    /** Applies the stored gradient: {@code w_j -= learningRate · grad_j}. */
    public void step() {
        for (int j = 0; j < weights.length; j++) {
            weights[j] -= learningRate * Half.toFloat(gradients[j]);
        }
    }

    /**
     * One full training step on a batch: {@link #backward} then {@link #step}.
     *
     * @return the mean squared error of the batch before the update
     */
    public float trainStep(float[][] inputs, float[] targets) {
        float loss = backward(inputs, targets);
        step();
        return loss;
    }
}
