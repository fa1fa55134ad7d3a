package dev.numguard.guards.batch;

import dev.numguard.guards.ShiftedExp;
import dev.numguard.guards.Statistics;

/**
 * The per-row computations of the CPU backend. Float rows are computed in double and rounded once
 * at the end, so a float result is the correctly rounded double result in all but rare ties. Mean,
 * variance and layer norm are the scalar {@link Statistics} functions applied row by row.
 *
 * <p>Every softmax-family method first scans the row for its maximum ({@link #argMax}, which
 * also reports NaN), then sums {@code exp(x - max)} over the other elements. The shared rules (see
 * {@link BatchOps}): NaN anywhere poisons the row; a +Infinity maximum makes softmax and
 * cross-entropy undefined (NaN) and log-sum-exp +Infinity; an all -Infinity row has log-sum-exp
 * -Infinity and an undefined (NaN) softmax.
 */
final class RowKernels {
  private RowKernels() {}

  // ------------------------------------------------------------------ maximum scans

  /** Marks a row holding NaN in the result of {@code argMax}. */
  static final int HAS_NAN = -1;

  /**
   * The index of the first maximum of the non-empty row {@code x[from, to)}, or {@link #HAS_NAN}
   * if the row holds a NaN.
   */
  static int argMax(float[] x, int from, int to) {
    int k = from;
    boolean nan = false;
    for (int j = from; j < to; j++) {
      float v = x[j];
      nan |= v != v;
      if (v > x[k]) {
        k = j;
      }
    }
    return nan ? HAS_NAN : k;
  }

  static int argMax(double[] x, int from, int to) {
    int k = from;
    boolean nan = false;
    for (int j = from; j < to; j++) {
      double v = x[j];
      nan |= v != v;
      if (v > x[k]) {
        k = j;
      }
    }
    return nan ? HAS_NAN : k;
  }

  /**
   * {@code sum exp(x_j - max)} over the row without its maximum at {@code k}, as two partial sums
   * (before and after {@code k}) in the order the scalar {@code StableMath} adds them, so that
   * double results agree with it bit for bit.
   */
  private static double restOfSum(float[] x, int from, int to, int k, double max) {
    return sumExpShifted(x, from, k, max) + sumExpShifted(x, k + 1, to, max);
  }

  private static double sumExpShifted(float[] x, int from, int to, double max) {
    double sum = 0;
    for (int j = from; j < to; j++) {
      sum += ShiftedExp.exp(x[j] - max);
    }
    return sum;
  }

  private static double restOfSum(double[] x, int from, int to, int k, double max) {
    return sumExpShifted(x, from, k, max) + sumExpShifted(x, k + 1, to, max);
  }

  private static double sumExpShifted(double[] x, int from, int to, double max) {
    double sum = 0;
    for (int j = from; j < to; j++) {
      sum += ShiftedExp.exp(x[j] - max);
    }
    return sum;
  }

  // ------------------------------------------------------------------ log-sum-exp

  /**
   * {@code max + log1p(rest)}: the maximum's term stays out of the sum, so a tiny rest (one
   * dominant element) keeps full relative accuracy.
   */
  static double logSumExp(float[] x, int from, int to) {
    if (from == to) {
      return Double.NEGATIVE_INFINITY;
    }
    int k = argMax(x, from, to);
    if (k == HAS_NAN) {
      return Double.NaN;
    }
    double max = x[k];
    if (Double.isInfinite(max)) {
      return max; // +Infinity wins; all -Infinity gives -Infinity
    }
    return max + Math.log1p(restOfSum(x, from, to, k, max));
  }

  static double logSumExp(double[] x, int from, int to) {
    if (from == to) {
      return Double.NEGATIVE_INFINITY;
    }
    int k = argMax(x, from, to);
    if (k == HAS_NAN) {
      return Double.NaN;
    }
    double max = x[k];
    if (Double.isInfinite(max)) {
      return max;
    }
    return max + Math.log1p(restOfSum(x, from, to, k, max));
  }

  // ------------------------------------------------------------------ softmax and log-softmax

  /** Softmax of {@code x[from, from + n)} into {@code out[outFrom, outFrom + n)}; may be in place. */
  static void softmax(float[] x, int from, int n, float[] out, int outFrom) {
    if (n == 0) {
      return;
    }
    int to = from + n;
    int k = argMax(x, from, to);
    if (k == HAS_NAN || Float.isInfinite(x[k])) {
      java.util.Arrays.fill(out, outFrom, outFrom + n, Float.NaN);
      return;
    }
    double max = x[k];
    double total = sumExpShifted(x, from, to, max); // index order, as the scalar softmax
    for (int j = 0; j < n; j++) {
      out[outFrom + j] = (float) (ShiftedExp.exp(x[from + j] - max) / total);
    }
  }

  static void softmax(double[] x, int from, int n, double[] out, int outFrom) {
    if (n == 0) {
      return;
    }
    int to = from + n;
    int k = argMax(x, from, to);
    if (k == HAS_NAN || Double.isInfinite(x[k])) {
      java.util.Arrays.fill(out, outFrom, outFrom + n, Double.NaN);
      return;
    }
    double max = x[k];
    // one exponential per element, kept in out and summed in index order, as the scalar softmax
    double total = 0;
    for (int j = 0; j < n; j++) {
      double e = ShiftedExp.exp(x[from + j] - max);
      out[outFrom + j] = e;
      total += e;
    }
    for (int j = 0; j < n; j++) {
      out[outFrom + j] /= total;
    }
  }

  /** Log-softmax as {@code (x - max) - log1p(rest)}; both parts are at most 0, nothing cancels. */
  static void logSoftmax(float[] x, int from, int n, float[] out, int outFrom) {
    if (n == 0) {
      return;
    }
    int to = from + n;
    int k = argMax(x, from, to);
    if (k == HAS_NAN || Float.isInfinite(x[k])) {
      java.util.Arrays.fill(out, outFrom, outFrom + n, Float.NaN);
      return;
    }
    double max = x[k];
    double logTotal = Math.log1p(restOfSum(x, from, to, k, max));
    for (int j = 0; j < n; j++) {
      out[outFrom + j] = (float) ((x[from + j] - max) - logTotal);
    }
  }

  static void logSoftmax(double[] x, int from, int n, double[] out, int outFrom) {
    if (n == 0) {
      return;
    }
    int to = from + n;
    int k = argMax(x, from, to);
    if (k == HAS_NAN || Double.isInfinite(x[k])) {
      java.util.Arrays.fill(out, outFrom, outFrom + n, Double.NaN);
      return;
    }
    double max = x[k];
    double logTotal = Math.log1p(restOfSum(x, from, to, k, max));
    for (int j = 0; j < n; j++) {
      out[outFrom + j] = (x[from + j] - max) - logTotal;
    }
  }

  // ------------------------------------------------------------------ cross entropy

  /**
   * {@code logSumExp(row) - row[target]} as {@code (max - row[target]) + log1p(rest)} (both parts
   * at least 0); NaN when the row holds NaN or its maximum is not finite. Needs {@code n > 0}.
   */
  static double crossEntropy(float[] x, int from, int n, int target) {
    int to = from + n;
    int k = argMax(x, from, to);
    if (k == HAS_NAN || Float.isInfinite(x[k])) {
      return Double.NaN;
    }
    double max = x[k];
    return (max - x[from + target]) + Math.log1p(restOfSum(x, from, to, k, max));
  }

  static double crossEntropy(double[] x, int from, int n, int target) {
    int to = from + n;
    int k = argMax(x, from, to);
    if (k == HAS_NAN || Double.isInfinite(x[k])) {
      return Double.NaN;
    }
    double max = x[k];
    return (max - x[from + target]) + Math.log1p(restOfSum(x, from, to, k, max));
  }

  // ------------------------------------------------------------------ mean, variance, layer norm

  // The rows go to the scalar Statistics functions themselves: their corrected two-pass algorithm
  // with compensated sums and their rescaling near the ends of the double range are the semantics
  // the batched operations promise, so the CPU backend reuses them rather than restating them.

  static double mean(float[] x, int from, int n) {
    return Statistics.mean(x, from, n);
  }

  static double mean(double[] x, int from, int n) {
    return Statistics.mean(x, from, n);
  }

  static double variance(float[] x, int from, int n) {
    return Statistics.variance(x, from, n);
  }

  static double variance(double[] x, int from, int n) {
    return Statistics.variance(x, from, n);
  }

  /** {@code Statistics.layerNorm} of the row, then {@code * gamma[j] + beta[j]} where given. */
  static void layerNorm(float[] x, int from, int n, float eps, float[] gamma, float[] beta, float[] out, int outFrom) {
    Statistics.layerNorm(x, from, n, eps, out, outFrom);
    if (gamma != null || beta != null) {
      for (int j = 0; j < n; j++) {
        double v = out[outFrom + j];
        if (gamma != null) {
          v *= gamma[j];
        }
        if (beta != null) {
          v += beta[j];
        }
        out[outFrom + j] = (float) v;
      }
    }
  }

  static void layerNorm(double[] x, int from, int n, double eps, double[] gamma, double[] beta, double[] out, int outFrom) {
    Statistics.layerNorm(x, from, n, eps, out, outFrom);
    if (gamma != null || beta != null) {
      for (int j = 0; j < n; j++) {
        double v = out[outFrom + j];
        if (gamma != null) {
          v *= gamma[j];
        }
        if (beta != null) {
          v += beta[j];
        }
        out[outFrom + j] = v;
      }
    }
  }

  // ------------------------------------------------------------------ loss scaling

  /** Multiplies {@code g[from, to)} by {@code inverseScale} in fp32; true if every element was finite. */
  static boolean unscale(float[] g, int from, int to, float inverseScale) {
    boolean allFinite = true;
    for (int i = from; i < to; i++) {
      float v = g[i];
      allFinite &= Float.isFinite(v);
      g[i] = v * inverseScale;
    }
    return allFinite;
  }
}
