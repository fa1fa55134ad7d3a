package dev.numguard.guards.batch;

/**
 * The per-row computations of the CPU backend. Float rows are computed in double and rounded once
 * at the end, so a float result is the correctly rounded double result in all but rare ties.
 *
 * <p>Every softmax-family method first scans the row for its maximum; {@link #rowMaximum} also
 * reports NaN. The shared rules (see {@link BatchOps}): NaN anywhere poisons the row; a +Infinity
 * maximum makes softmax undefined (NaN) and log-sum-exp +Infinity; an all -Infinity row has
 * log-sum-exp -Infinity and an undefined (NaN) softmax.
 */
final class RowKernels {
  private RowKernels() {}

  // ------------------------------------------------------------------ maximum scans

  /** The maximum of the row, NaN if the row holds a NaN, -Infinity if it is empty. */
  static double rowMaximum(float[] x, int from, int to) {
    double max = Double.NEGATIVE_INFINITY;
    boolean nan = false;
    for (int j = from; j < to; j++) {
      float v = x[j];
      nan |= v != v;
      max = v > max ? v : max;
    }
    return nan ? Double.NaN : max;
  }

  /** The maximum of the row, NaN if the row holds a NaN, -Infinity if it is empty. */
  static double rowMaximum(double[] x, int from, int to) {
    double max = Double.NEGATIVE_INFINITY;
    boolean nan = false;
    for (int j = from; j < to; j++) {
      double v = x[j];
      nan |= v != v;
      max = v > max ? v : max;
    }
    return nan ? Double.NaN : max;
  }

  /** Whether softmax of a row with this maximum is defined (not NaN, finite maximum). */
  private static boolean softmaxDefined(double max) {
    return max > Double.NEGATIVE_INFINITY && max < Double.POSITIVE_INFINITY;
  }

  private static double sumExpShifted(float[] x, int from, int to, double max) {
    double sum = 0;
    for (int j = from; j < to; j++) {
      sum += Math.exp(x[j] - max);
    }
    return sum;
  }

  private static double sumExpShifted(double[] x, int from, int to, double max) {
    double sum = 0;
    for (int j = from; j < to; j++) {
      sum += Math.exp(x[j] - max);
    }
    return sum;
  }

  // ------------------------------------------------------------------ log-sum-exp

  static double logSumExp(float[] x, int from, int to) {
    double max = rowMaximum(x, from, to);
    if (!softmaxDefined(max)) {
      return max; // NaN, +Infinity, or -Infinity for an empty or all -Infinity row
    }
    return max + Math.log(sumExpShifted(x, from, to, max));
  }

  static double logSumExp(double[] x, int from, int to) {
    double max = rowMaximum(x, from, to);
    if (!softmaxDefined(max)) {
      return max;
    }
    return max + Math.log(sumExpShifted(x, from, to, max));
  }

  // ------------------------------------------------------------------ softmax and log-softmax

  /** Softmax of {@code x[from, from + n)} into {@code out[outFrom, outFrom + n)}; may be in place. */
  static void softmax(float[] x, int from, int n, float[] out, int outFrom) {
    int to = from + n;
    double max = rowMaximum(x, from, to);
    if (!softmaxDefined(max)) {
      java.util.Arrays.fill(out, outFrom, outFrom + n, Float.NaN);
      return;
    }
    double sum = sumExpShifted(x, from, to, max);
    for (int j = 0; j < n; j++) {
      out[outFrom + j] = (float) (Math.exp(x[from + j] - max) / sum);
    }
  }

  static void softmax(double[] x, int from, int n, double[] out, int outFrom) {
    int to = from + n;
    double max = rowMaximum(x, from, to);
    if (!softmaxDefined(max)) {
      java.util.Arrays.fill(out, outFrom, outFrom + n, Double.NaN);
      return;
    }
    double sum = sumExpShifted(x, from, to, max);
    for (int j = 0; j < n; j++) {
      out[outFrom + j] = Math.exp(x[from + j] - max) / sum;
    }
  }

  /** Log-softmax, computed as {@code (x - max) - log(sum exp(x - max))}; may be in place. */
  static void logSoftmax(float[] x, int from, int n, float[] out, int outFrom) {
    int to = from + n;
    double max = rowMaximum(x, from, to);
    if (!softmaxDefined(max)) {
      java.util.Arrays.fill(out, outFrom, outFrom + n, Float.NaN);
      return;
    }
    double logSum = Math.log(sumExpShifted(x, from, to, max));
    for (int j = 0; j < n; j++) {
      out[outFrom + j] = (float) ((x[from + j] - max) - logSum);
    }
  }

  static void logSoftmax(double[] x, int from, int n, double[] out, int outFrom) {
    int to = from + n;
    double max = rowMaximum(x, from, to);
    if (!softmaxDefined(max)) {
      java.util.Arrays.fill(out, outFrom, outFrom + n, Double.NaN);
      return;
    }
    double logSum = Math.log(sumExpShifted(x, from, to, max));
    for (int j = 0; j < n; j++) {
      out[outFrom + j] = (x[from + j] - max) - logSum;
    }
  }

  // ------------------------------------------------------------------ cross entropy

  /** {@code logSumExp(row) - row[target]}, computed as {@code log(sum) - (row[target] - max)}. */
  static double crossEntropy(float[] x, int from, int n, int target) {
    int to = from + n;
    double max = rowMaximum(x, from, to);
    double logit = x[from + target];
    if (!softmaxDefined(max)) {
      return max - logit; // NaN; +Inf - finite = +Inf; +Inf - +Inf and -Inf - -Inf = NaN
    }
    return Math.log(sumExpShifted(x, from, to, max)) - (logit - max);
  }

  static double crossEntropy(double[] x, int from, int n, int target) {
    int to = from + n;
    double max = rowMaximum(x, from, to);
    double logit = x[from + target];
    if (!softmaxDefined(max)) {
      return max - logit;
    }
    return Math.log(sumExpShifted(x, from, to, max)) - (logit - max);
  }

  // ------------------------------------------------------------------ mean and variance

  /**
   * Mean of the row; NaN when empty. Sums in double; if the sum overflows although every element
   * is finite, sums the elements divided by n instead.
   */
  static double mean(float[] x, int from, int n) {
    if (n == 0) {
      return Double.NaN;
    }
    double sum = 0;
    for (int j = from; j < from + n; j++) {
      sum += x[j];
    }
    return sum / n; // float elements cannot overflow a double sum
  }

  static double mean(double[] x, int from, int n) {
    if (n == 0) {
      return Double.NaN;
    }
    double sum = 0;
    for (int j = from; j < from + n; j++) {
      sum += x[j];
    }
    if (Double.isInfinite(sum)) {
      // an infinite element, or finite elements whose sum overflows: scaled sum decides which
      double scaled = 0;
      for (int j = from; j < from + n; j++) {
        scaled += x[j] / n;
      }
      return scaled;
    }
    return sum / n;
  }

  /**
   * Population variance about {@code mean} by the corrected two-pass algorithm (Chan, Golub and
   * LeVeque): {@code (sum d^2 - (sum d)^2 / n) / n} with {@code d = x - mean}; the correction
   * removes the rounding error of the mean. NaN when empty or when the mean is not finite.
   */
  static double variance(float[] x, int from, int n, double mean) {
    if (n == 0 || !Double.isFinite(mean)) {
      return Double.NaN;
    }
    double sumSquares = 0;
    double sumDeviations = 0;
    for (int j = from; j < from + n; j++) {
      double d = x[j] - mean;
      sumDeviations += d;
      sumSquares += d * d;
    }
    return Math.max(0, (sumSquares - sumDeviations * sumDeviations / n) / n);
  }

  static double variance(double[] x, int from, int n, double mean) {
    if (n == 0 || !Double.isFinite(mean)) {
      return Double.NaN;
    }
    double sumSquares = 0;
    double sumDeviations = 0;
    for (int j = from; j < from + n; j++) {
      double d = x[j] - mean;
      sumDeviations += d;
      sumSquares += d * d;
    }
    return Math.max(0, (sumSquares - sumDeviations * sumDeviations / n) / n);
  }

  // ------------------------------------------------------------------ layer norm

  static void layerNorm(float[] x, int from, int n, double eps, float[] gamma, float[] beta, float[] out, int outFrom) {
    double mean = mean(x, from, n);
    double invStd = 1.0 / Math.sqrt(variance(x, from, n, mean) + eps);
    for (int j = 0; j < n; j++) {
      double v = (x[from + j] - mean) * invStd;
      if (gamma != null) {
        v *= gamma[j];
      }
      if (beta != null) {
        v += beta[j];
      }
      out[outFrom + j] = (float) v;
    }
  }

  static void layerNorm(double[] x, int from, int n, double eps, double[] gamma, double[] beta, double[] out, int outFrom) {
    double mean = mean(x, from, n);
    double invStd = 1.0 / Math.sqrt(variance(x, from, n, mean) + eps);
    for (int j = 0; j < n; j++) {
      double v = (x[from + j] - mean) * invStd;
      if (gamma != null) {
        v *= gamma[j];
      }
      if (beta != null) {
        v += beta[j];
      }
      out[outFrom + j] = v;
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
