package dev.numguard.guards.batch;

/**
 * Batched, row-wise versions of the stable runtime-guards operations, on row-major matrices held
 * in flat arrays: row {@code r} of a {@code rows} x {@code cols} matrix is {@code x[r * cols]} to
 * {@code x[r * cols + cols - 1]}. Every implementation gives each row the semantics of the scalar
 * function named in the method's documentation ({@code dev.numguard.guards.StableMath}, {@code
 * Statistics}, {@code LossScaler}), edge cases included; the CUDA backend agrees with the CPU
 * backend to a few units in the last place (it sums in a different order) and exactly on the
 * edge cases.
 *
 * <p>Edge semantics of a row (as SciPy and PyTorch define them):
 *
 * <ul>
 *   <li>{@code logSumExp}: an empty row ({@code cols == 0}) gives -Infinity; a row of only
 *       -Infinity gives -Infinity; a row holding +Infinity (and no NaN) gives +Infinity; a row
 *       holding NaN gives NaN. Large elements (1e4) do not overflow.
 *   <li>{@code softmax} / {@code logSoftmax}: a row holding NaN or +Infinity, and a row of only
 *       -Infinity, is all NaN (its maximum is not finite); -Infinity elements of any other row give 0 (softmax) and -Infinity
 *       (logSoftmax). An empty row writes nothing.
 *   <li>{@code crossEntropy}: {@code logSumExp(row) - row[target]}, for each row with its own
 *       target; NaN where the row holds NaN or +Infinity or is all -Infinity (as PyTorch);
 *       +Infinity where only the target's logit is -Infinity.
 *   <li>{@code meanVariance}: the mean and the population variance (divide by n); an empty row
 *       gives NaN for both; any NaN gives NaN; an infinity gives an infinite or NaN mean and a NaN
 *       variance.
 *   <li>{@code layerNorm}: {@code (x - mean) / sqrt(variance + eps)}, then times {@code gamma[j]}
 *       and plus {@code beta[j]} where those are given, as {@code torch.nn.functional.layer_norm}.
 * </ul>
 *
 * <p>Output arrays may be the input array (in-place operation) for the operations that write a
 * whole matrix. Arguments are checked before any work is done: null arrays throw {@link
 * NullPointerException}; negative shapes, arrays shorter than the shape needs and {@code rows *
 * cols} over {@link Integer#MAX_VALUE} throw {@link IllegalArgumentException}; targets outside
 * {@code [0, cols)} throw {@link IndexOutOfBoundsException}, as the scalar {@code
 * StableMath.crossEntropy} does. Arrays longer than needed are allowed; the extra elements are
 * neither read nor written.
 *
 * <p>Implementations are thread-safe.
 */
public interface BatchOps {

  /** The backend that runs the operations ({@link BackendKind#AUTO} for a dispatching one). */
  BackendKind kind();

  // ------------------------------------------------------------------ softmax family, float

  /** Writes the softmax of every row of {@code x} into the same row of {@code out}. */
  void softmaxRows(float[] x, int rows, int cols, float[] out);

  /** Writes the log-softmax of every row of {@code x} into the same row of {@code out}. */
  void logSoftmaxRows(float[] x, int rows, int cols, float[] out);

  /** Writes the log-sum-exp of row {@code r} into {@code out[r]}. */
  void logSumExpRows(float[] x, int rows, int cols, float[] out);

  /**
   * Writes the cross-entropy loss of row {@code r} of the logits against class {@code
   * targets[r]} into {@code losses[r]}: {@code logSumExp(row) - row[targets[r]]} (PyTorch's {@code
   * cross_entropy} with {@code reduction='none'}).
   *
   * @throws IndexOutOfBoundsException if a target is outside {@code [0, cols)}
   */
  void crossEntropyRows(float[] logits, int rows, int cols, int[] targets, float[] losses);

  // ------------------------------------------------------------------ softmax family, double

  /** Writes the softmax of every row of {@code x} into the same row of {@code out}. */
  void softmaxRows(double[] x, int rows, int cols, double[] out);

  /** Writes the log-softmax of every row of {@code x} into the same row of {@code out}. */
  void logSoftmaxRows(double[] x, int rows, int cols, double[] out);

  /** Writes the log-sum-exp of row {@code r} into {@code out[r]}. */
  void logSumExpRows(double[] x, int rows, int cols, double[] out);

  /**
   * Writes the cross-entropy loss of row {@code r} against class {@code targets[r]} into {@code
   * losses[r]}.
   *
   * @throws IndexOutOfBoundsException if a target is outside {@code [0, cols)}
   */
  void crossEntropyRows(double[] logits, int rows, int cols, int[] targets, double[] losses);

  // ------------------------------------------------------------------ moments and layer norm

  /** Writes the mean of row {@code r} into {@code means[r]} and its population variance into {@code variances[r]}. */
  void meanVarianceRows(float[] x, int rows, int cols, float[] means, float[] variances);

  /** Writes the mean of row {@code r} into {@code means[r]} and its population variance into {@code variances[r]}. */
  void meanVarianceRows(double[] x, int rows, int cols, double[] means, double[] variances);

  /**
   * Layer-normalises every row: {@code out[j] = (x[j] - mean) / sqrt(variance + eps) * gamma[j] +
   * beta[j]}.
   *
   * @param eps added to the variance; finite and at least 0 (PyTorch's default is 1e-5)
   * @param gamma per-column scale of length at least {@code cols}, or null for none
   * @param beta per-column shift of length at least {@code cols}, or null for none
   * @throws IllegalArgumentException if {@code eps} is negative, infinite or NaN
   */
  void layerNormRows(float[] x, int rows, int cols, float eps, float[] gamma, float[] beta, float[] out);

  /** {@link #layerNormRows(float[], int, int, float, float[], float[], float[])} without gamma and beta. */
  default void layerNormRows(float[] x, int rows, int cols, float eps, float[] out) {
    layerNormRows(x, rows, cols, eps, null, null, out);
  }

  /** The double version of {@link #layerNormRows(float[], int, int, float, float[], float[], float[])}. */
  void layerNormRows(double[] x, int rows, int cols, double eps, double[] gamma, double[] beta, double[] out);

  /** {@link #layerNormRows(double[], int, int, double, double[], double[], double[])} without gamma and beta. */
  default void layerNormRows(double[] x, int rows, int cols, double eps, double[] out) {
    layerNormRows(x, rows, cols, eps, null, null, out);
  }

  // ------------------------------------------------------------------ loss scaling

  /**
   * The fused step of {@code LossScaler.unscale}: multiplies every element of every buffer, in
   * fp32, by {@code inverseScale} (pass {@code LossScaler.inverseScale()}), and reports whether
   * every element was finite before scaling. Non-finite elements are multiplied too, as in
   * PyTorch's {@code _amp_foreach_non_finite_check_and_unscale_}.
   *
   * @return true when no element of any buffer was NaN or infinite
   */
  boolean unscaleAndCheckFinite(float inverseScale, float[]... gradients);
}
