package dev.numguard.guards;

import java.util.Arrays;
import java.util.Objects;

/**
 * Options of a batch cross-entropy, with the meanings and defaults of
 * {@code torch.nn.functional.cross_entropy}: no class weights, {@code ignore_index = -100},
 * {@code label_smoothing = 0.0}, {@code reduction = 'mean'}.
 *
 * <pre>{@code
 * CrossEntropyOptions options = CrossEntropyOptions.builder()
 *         .classWeights(0.2, 0.3, 0.5)
 *         .labelSmoothing(0.1)
 *         .reduction(Reduction.SUM)
 *         .build();
 * }</pre>
 *
 * <p>Components:
 * <br>{@code classWeights}: one weight per class, or {@code null} for all ones; copied on the way in and
 *                       out, so the options are immutable
 * <br>{@code ignoreIndex}: a target equal to this contributes nothing (and does not count in the mean)
 * <br>{@code labelSmoothing}: ε in [0, 1]: the target distribution becomes (1 − ε)·one-hot + ε/C
 * <br>{@code reduction}: how per-sample losses are combined
 */
public final class CrossEntropyOptions {

    /** PyTorch's default {@code ignore_index}. */
    public static final int DEFAULT_IGNORE_INDEX = -100;

    private static final CrossEntropyOptions DEFAULTS =
            new CrossEntropyOptions(null, DEFAULT_IGNORE_INDEX, 0.0, Reduction.MEAN);

    private final double[] classWeights;
    private final int ignoreIndex;
    private final double labelSmoothing;
    private final Reduction reduction;

    /**
     * @throws NullPointerException     if {@code reduction} is null
     * @throws IllegalArgumentException if {@code labelSmoothing} is not in [0, 1]
     */
    public CrossEntropyOptions(double[] classWeights, int ignoreIndex, double labelSmoothing, Reduction reduction) {
        Objects.requireNonNull(reduction, "reduction");
        if (!(labelSmoothing >= 0.0 && labelSmoothing <= 1.0)) {
            throw new IllegalArgumentException("labelSmoothing must be in [0, 1], got " + labelSmoothing);
        }
        this.classWeights = classWeights == null ? null : classWeights.clone();
        this.ignoreIndex = ignoreIndex;
        this.labelSmoothing = labelSmoothing;
        this.reduction = reduction;
    }

    /** No class weights, ignore index -100, no label smoothing, mean reduction. */
    public static CrossEntropyOptions defaults() {
        return DEFAULTS;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A copy of the class weights, or {@code null} when every class weighs 1. */
    public double[] classWeights() {
        return classWeights == null ? null : classWeights.clone();
    }

    /** A target equal to this contributes nothing (and does not count in the mean). */
    public int ignoreIndex() {
        return ignoreIndex;
    }

    /** ε in [0, 1]: the target distribution is (1 − ε)·one-hot + ε/C. */
    public double labelSmoothing() {
        return labelSmoothing;
    }

    /** How per-sample losses are combined. */
    public Reduction reduction() {
        return reduction;
    }

    /** The weights without a copy, for the loss computation in this package. */
    double[] classWeightsView() {
        return classWeights;
    }

    /** These options with another reduction. */
    public CrossEntropyOptions withReduction(Reduction newReduction) {
        return new CrossEntropyOptions(classWeights, ignoreIndex, labelSmoothing, newReduction);
    }

    @Override
    public boolean equals(Object other) {
        if (!(other instanceof CrossEntropyOptions)) {
            return false;
        }
        CrossEntropyOptions o = (CrossEntropyOptions) other;
        return Arrays.equals(classWeights, o.classWeights)
                && ignoreIndex == o.ignoreIndex
                && Double.compare(labelSmoothing, o.labelSmoothing) == 0
                && reduction == o.reduction;
    }

    @Override
    public int hashCode() {
        return Objects.hash(Arrays.hashCode(classWeights), ignoreIndex, labelSmoothing, reduction);
    }

    @Override
    public String toString() {
        return "CrossEntropyOptions[classWeights=" + Arrays.toString(classWeights)
                + ", ignoreIndex=" + ignoreIndex + ", labelSmoothing=" + labelSmoothing
                + ", reduction=" + reduction + "]";
    }

    /** Builds {@link CrossEntropyOptions}, starting from PyTorch's defaults. */
    public static final class Builder {
        private double[] classWeights;
        private int ignoreIndex = DEFAULT_IGNORE_INDEX;
        private double labelSmoothing;
        private Reduction reduction = Reduction.MEAN;

        private Builder() {
        }

        /** One weight per class ({@code null} for none); copied. */
        public Builder classWeights(double... weights) {
            this.classWeights = weights == null ? null : weights.clone();
            return this;
        }

        public Builder ignoreIndex(int index) {
            this.ignoreIndex = index;
            return this;
        }

        /** ε in [0, 1] (checked by {@link #build()}). */
        public Builder labelSmoothing(double epsilon) {
            this.labelSmoothing = epsilon;
            return this;
        }

        public Builder reduction(Reduction value) {
            this.reduction = value;
            return this;
        }

        public CrossEntropyOptions build() {
            return new CrossEntropyOptions(classWeights, ignoreIndex, labelSmoothing, reduction);
        }
    }
}
