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
   * (before and after {@code k}) in the order the scalar {@code StableMath} adds them (even and odd
   * elements apart), so that results agree with it bit for bit.
   */
  private static double restOfSum(float[] x, int from, int to, int k, double max) {
    return sumExpShifted(x, from, k, max) + sumExpShifted(x, k + 1, to, max);
  }

  /**
   * Even and odd elements in two sums, added at the end, as the scalar {@code StableMath} does.
   * Four floats are widened before their exponentials start: widening (cvtss2sd) keeps a false
   * dependency on its destination register, and inside the chain it made every element wait for
   * the previous one's exponential.
   */
  private static double sumExpShifted(float[] x, int from, int to, double max) {
    double even = 0;
    double odd = 0;
    int j = from;
    for (; j + 3 < to; j += 4) {
      double d0 = x[j] - max;
      double d1 = x[j + 1] - max;
      double d2 = x[j + 2] - max;
      double d3 = x[j + 3] - max;
      even += ShiftedExp.exp(d0);
      odd += ShiftedExp.exp(d1);
      even += ShiftedExp.exp(d2);
      odd += ShiftedExp.exp(d3);
    }
    for (; j + 1 < to; j += 2) {
      even += ShiftedExp.exp(x[j] - max);
      odd += ShiftedExp.exp(x[j + 1] - max);
    }
    if (j < to) {
      even += ShiftedExp.exp(x[j] - max);
    }
    return even + odd;
  }

  private static double restOfSum(double[] x, int from, int to, int k, double max) {
    return sumExpShifted(x, from, k, max) + sumExpShifted(x, k + 1, to, max);
  }

  private static double sumExpShifted(double[] x, int from, int to, double max) {
    double even = 0;
    double odd = 0;
    int j = from;
    for (; j + 1 < to; j += 2) {
      even += ShiftedExp.exp(x[j] - max);
      odd += ShiftedExp.exp(x[j + 1] - max);
    }
    if (j < to) {
      even += ShiftedExp.exp(x[j] - max);
    }
    return even + odd;
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
    double total = sumExpShifted(x, from, to, max);
    // A double reciprocal product: within 2^-52 of the quotient, so after rounding to float it
    // differs from the rounded quotient only at a near-tie, and it is several times faster than a
    // division per element. Four elements widened at a time, as in sumExpShifted.
    double scale = 1.0 / total;
    int j = 0;
    for (; j + 3 < n; j += 4) {
      double d0 = x[from + j] - max;
      double d1 = x[from + j + 1] - max;
      double d2 = x[from + j + 2] - max;
      double d3 = x[from + j + 3] - max;
      out[outFrom + j] = (float) (ShiftedExp.exp(d0) * scale);
      out[outFrom + j + 1] = (float) (ShiftedExp.exp(d1) * scale);
      out[outFrom + j + 2] = (float) (ShiftedExp.exp(d2) * scale);
      out[outFrom + j + 3] = (float) (ShiftedExp.exp(d3) * scale);
    }
    for (; j < n; j++) {
      out[outFrom + j] = (float) (ShiftedExp.exp(x[from + j] - max) * scale);
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
