package dev.numguard.examples.layers;

import java.util.Arrays;

/**
 * Layer normalisation (Ba, Kiros and Hinton, 2016) over one activation vector in single precision:
 * {@code y_i = gamma_i * (x_i - mean) / sqrt(var + epsilon) + beta_i}, where mean and var are the
 * mean and population variance of the vector.
 *
 * <p>The gain {@code gamma} starts at 1 and the shift {@code beta} at 0, so a freshly created layer
 * only normalises. Instances are immutable apart from the parameter arrays handed out by
 * {@link #gamma()} and {@link #beta()}, which are live views for an optimiser to update.
 */
public final class LayerNorm {

    /** The default {@code epsilon}, as in PyTorch's {@code nn.LayerNorm}. */
    public static final float DEFAULT_EPSILON = 1e-5f;

    private final float[] gamma;
    private final float[] beta;
    private final float epsilon;

    /**
     * Creates a layer over vectors of {@code size} features with {@code gamma = 1}, {@code beta = 0}.
     *
     * @param size number of features, at least 1
     * @param epsilon added to the variance before the square root, non-negative
     */
    public LayerNorm(int size, float epsilon) {
        if (size < 1) {
            throw new IllegalArgumentException("size must be at least 1, got " + size);
        }
        if (!(epsilon >= 0f)) {
            throw new IllegalArgumentException("epsilon must be non-negative, got " + epsilon);
        }
        this.gamma = new float[size];
        Arrays.fill(this.gamma, 1f);
        this.beta = new float[size];
        this.epsilon = epsilon;
    }

    /** Creates a layer with {@link #DEFAULT_EPSILON}. */
    public LayerNorm(int size) {
        this(size, DEFAULT_EPSILON);
    }

    /** Returns the learnable gain, one entry per feature (a live array). */
    public float[] gamma() {
        return gamma;
    }

    /** Returns the learnable shift, one entry per feature (a live array). */
    public float[] beta() {
        return beta;
    }

    /**
     * Normalises one activation vector.
     *
     * @param x the activations, of the layer's size
     * @return a new normalised vector
     */
    public float[] forward(float[] x) {
        if (x.length != gamma.length) {
            throw new IllegalArgumentException("expected " + gamma.length + " features, got " + x.length);
        }
        int n = x.length;
        float sum = 0f;
        float sumOfSquares = 0f;
        for (int i = 0; i < n; i++) {
            sum += x[i];
            sumOfSquares += x[i] * x[i];
        }
        float mean = sum / n;
        float variance = sumOfSquares / n - mean * mean;
        float inverseStd = (float) (1.0 / Math.sqrt(variance + epsilon));
        float[] y = new float[n];
        for (int i = 0; i < n; i++) {
            y[i] = gamma[i] * (x[i] - mean) * inverseStd + beta[i];
        }
        return y;
    }

    /**
     * Normalises each row of a batch independently.
     *
     * @param batch activation vectors of the layer's size
     * @return new normalised rows
     */
    public float[][] forward(float[][] batch) {
        float[][] out = new float[batch.length][];
        for (int r = 0; r < batch.length; r++) {
            out[r] = forward(batch[r]);
        }
        return out;
    }
}
