package dev.numguard.guards;

/**
 * How per-sample losses are combined, with the meanings of PyTorch's {@code reduction} argument.
 */
public enum Reduction {
    /**
     * The weighted mean: the sum of the per-sample losses divided by the sum of the weights of the
     * samples that count (for cross-entropy: the class weights of the non-ignored targets, or their
     * number when there are no class weights). With nothing to count the mean is {@code 0/0 = NaN}.
     */
    MEAN,
    /** The sum of the per-sample losses; {@code 0.0} when there are none. */
    SUM,
    /** No reduction: one loss per sample (ignored samples get {@code 0.0}). */
    NONE
}
