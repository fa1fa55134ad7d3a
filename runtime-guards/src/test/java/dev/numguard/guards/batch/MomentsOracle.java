package dev.numguard.guards.batch;

import java.math.BigDecimal;
import java.math.MathContext;

/**
 * Mean and population variance of a row, exact to 120 digits (BigDecimal), with the documented
 * special values: empty gives NaN, NaN; NaN or +Infinity mixed with -Infinity gives a NaN mean;
 * one sign of infinity gives that infinity as the mean; any non-finite element gives a NaN
 * variance.
 */
final class MomentsOracle {
  private static final MathContext MC = new MathContext(120);

  final double mean;
  final double variance;
  private final BigDecimal exactMean;

  private MomentsOracle(double mean, double variance, BigDecimal exactMean) {
    this.mean = mean;
    this.variance = variance;
    this.exactMean = exactMean;
  }

  private MomentsOracle(double mean, double variance) {
    this(mean, variance, null);
  }

  /** {@code x - mean} rounded once to double; NaN for a row without a finite mean. */
  double deviation(double x) {
    return exactMean == null ? Double.NaN : new BigDecimal(x).subtract(exactMean, MC).doubleValue();
  }

  static MomentsOracle of(double[] row) {
    int n = row.length;
    if (n == 0) {
      return new MomentsOracle(Double.NaN, Double.NaN);
    }
    boolean nan = false;
    boolean plus = false;
    boolean minus = false;
    for (double v : row) {
      nan |= Double.isNaN(v);
      plus |= v == Double.POSITIVE_INFINITY;
      minus |= v == Double.NEGATIVE_INFINITY;
    }
    if (nan || (plus && minus)) {
      return new MomentsOracle(Double.NaN, Double.NaN);
    }
    if (plus || minus) {
      return new MomentsOracle(plus ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY, Double.NaN);
    }
    // exact sums, one rounding: variance = (n * sum x^2 - (sum x)^2) / n^2
    BigDecimal sum = BigDecimal.ZERO;
    BigDecimal sumSquares = BigDecimal.ZERO;
    for (double v : row) {
      BigDecimal b = new BigDecimal(v);
      sum = sum.add(b);
      sumSquares = sumSquares.add(b.multiply(b));
    }
    BigDecimal count = BigDecimal.valueOf(n);
    BigDecimal mean = sum.divide(count, MC);
    BigDecimal variance = count.multiply(sumSquares).subtract(sum.multiply(sum)).divide(count.multiply(count), MC);
    return new MomentsOracle(mean.doubleValue(), variance.doubleValue(), mean);
  }
}
