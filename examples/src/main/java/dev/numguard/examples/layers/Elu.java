package dev.numguard.examples.layers;

/**
 * The exponential linear unit (Clevert, Unterthiner and Hochreiter, 2015):
 * {@code elu(x) = x} for {@code x > 0} and {@code alpha * (exp(x) - 1)} otherwise.
 *
 * <p>It is smooth at 0 for {@code alpha = 1} and saturates at {@code -alpha} for very negative
 * inputs. NaN propagates. Instances are immutable.
 */
public final class Elu {

    private final double alpha;

    /**
     * Creates the activation with saturation value {@code -alpha}.
     *
     * @param alpha positive scale of the negative branch
     */
    public Elu(double alpha) {
        if (!(alpha > 0.0)) {
            throw new IllegalArgumentException("alpha must be positive, got " + alpha);
        }
        this.alpha = alpha;
    }

    /** Creates the activation with {@code alpha = 1}. */
    public Elu() {
        this(1.0);
    }

    /** Returns {@code alpha}. */
    public double alpha() {
        return alpha;
    }

    /** Applies the activation to one value. */
    public double apply(double x) {
        if (x > 0.0) {
            return x;
        }
        return alpha * (Math.exp(x) - 1);
    }

    /**
     * The derivative {@code d elu / dx}: 1 for {@code x > 0}, {@code alpha * exp(x)} otherwise.
     */
    public double derivative(double x) {
        return x > 0.0 ? 1.0 : alpha * Math.exp(x);
    }

    /**
     * Applies the activation element-wise.
     *
     * @param x the pre-activations
     * @return a new array of activations
     */
    public double[] forward(double[] x) {
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = apply(x[i]);
        }
        return y;
    }
}
