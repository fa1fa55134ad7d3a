package dev.numguard.benchmarks;

/**
 * The naive formulas numguard rewrites, exactly as they are usually written: the baselines the
 * stable versions are measured against. On the benchmark inputs they give correct results; they
 * fail only on the hostile inputs the demo shows (huge logits, large means, long products).
 */
final class TextbookFormulas {

  private TextbookFormulas() {}

  /** {@code exp(x_i) / sum_j exp(x_j)}, overflowing for logits above 709.78. */
  static void softmax(double[] x, double[] out) {
    double sum = 0;
    for (int i = 0; i < x.length; i++) {
      double e = Math.exp(x[i]);
      out[i] = e;
      sum += e;
    }
    for (int i = 0; i < x.length; i++) {
      out[i] /= sum;
    }
  }

  /** Float softmax with a float accumulator, overflowing for logits above 88.72. */
  static void softmax(float[] x, float[] out) {
    float sum = 0;
    for (int i = 0; i < x.length; i++) {
      float e = (float) Math.exp(x[i]);
      out[i] = e;
      sum += e;
    }
    for (int i = 0; i < x.length; i++) {
      out[i] /= sum;
    }
  }

  /** {@code log(sum exp(x_i))}. */
  static double logSumExp(double[] x) {
    double sum = 0;
    for (double v : x) {
      sum += Math.exp(v);
    }
    return Math.log(sum);
  }

  /** Float {@code log(sum exp(x_i))} with a float accumulator. */
  static float logSumExp(float[] x) {
    float sum = 0;
    for (float v : x) {
      sum += (float) Math.exp(v);
    }
    return (float) Math.log(sum);
  }

  /** Population variance as {@code E[X^2] - E[X]^2}: one pass, catastrophic cancellation. */
  static double variance(double[] x) {
    double sum = 0;
    double sumOfSquares = 0;
    for (double v : x) {
      sum += v;
      sumOfSquares += v * v;
    }
    double mean = sum / x.length;
    return sumOfSquares / x.length - mean * mean;
  }

  /** Float {@code E[X^2] - E[X]^2} with float accumulators. */
  static float variance(float[] x) {
    float sum = 0;
    float sumOfSquares = 0;
    for (float v : x) {
      sum += v;
      sumOfSquares += v * v;
    }
    float mean = sum / x.length;
    return sumOfSquares / x.length - mean * mean;
  }

  /** {@code log(prod p_i)}: the product underflows to 0 (and the log to -Infinity) for long inputs. */
  static double logOfProduct(double[] p) {
    double product = 1;
    for (double v : p) {
      product *= v;
    }
    return Math.log(product);
  }

  /** Float {@code log(prod p_i)}, underflowing after far fewer factors than double. */
  static float logOfProduct(float[] p) {
    float product = 1;
    for (float v : p) {
      product *= v;
    }
    return (float) Math.log(product);
  }

  /** Divides a row by its sum in place, as a hand-scaled recursion's step does. */
  static void divideBySum(double[] row) {
    double sum = 0;
    for (double v : row) {
      sum += v;
    }
    for (int i = 0; i < row.length; i++) {
      row[i] /= sum;
    }
  }
}
