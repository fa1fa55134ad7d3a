package dev.numguard.guards.batch;

import java.util.Objects;

/**
 * Argument checks shared by every backend, so that all of them reject the same calls the same way.
 * Public only so that the CUDA backend in {@code dev.numguard.guards.batch.cuda} can use it; not
 * meant for user code.
 */
public final class BatchArguments {
  private BatchArguments() {}

  /**
   * Checks a {@code rows} x {@code cols} matrix held in {@code length} elements and returns the
   * number of elements the matrix covers.
   */
  public static int matrix(String name, int length, int rows, int cols) {
    if (rows < 0 || cols < 0) {
      throw new IllegalArgumentException(
          "rows and cols must not be negative, got rows=" + rows + ", cols=" + cols);
    }
    long elements = (long) rows * cols;
    if (elements > Integer.MAX_VALUE) {
      throw new IllegalArgumentException(
          "rows * cols = " + elements + " exceeds the largest Java array (" + Integer.MAX_VALUE + ")");
    }
    if (length < elements) {
      throw new IllegalArgumentException(
          name + " holds " + length + " elements, but a " + rows + " x " + cols + " matrix needs " + elements);
    }
    return (int) elements;
  }

  /** Checks that an output array has room for {@code needed} elements. */
  public static void room(String name, int length, int needed) {
    if (length < needed) {
      throw new IllegalArgumentException(name + " holds " + length + " elements, needs " + needed);
    }
  }

  /** Checks that every target of the first {@code rows} is a class index in {@code [0, cols)}. */
  public static void targets(int[] targets, int rows, int cols) {
    Objects.requireNonNull(targets, "targets");
    room("targets", targets.length, rows);
    for (int r = 0; r < rows; r++) {
      int t = targets[r];
      if (t < 0 || t >= cols) {
        throw new IndexOutOfBoundsException(
            "targets[" + r + "] = " + t + " is not a class index in [0, " + cols + ")");
      }
    }
  }

  /** Checks an optional per-column parameter (layer norm's gamma or beta). */
  public static void optionalColumns(String name, int length, int cols) {
    if (length < cols) {
      throw new IllegalArgumentException(name + " holds " + length + " elements, needs one per column (" + cols + ")");
    }
  }

  /** Checks layer norm's eps: finite and at least 0, as the scalar {@code Statistics.layerNorm}. */
  public static void eps(double eps) {
    if (!(eps >= 0 && eps <= Double.MAX_VALUE)) {
      throw new IllegalArgumentException("eps must be finite and >= 0, got " + eps);
    }
  }

  /** Checks the gradient buffers of an unscale call. */
  public static void gradients(float[][] gradients) {
    Objects.requireNonNull(gradients, "gradients");
    for (int i = 0; i < gradients.length; i++) {
      Objects.requireNonNull(gradients[i], "gradients[" + i + "]");
    }
  }
}
