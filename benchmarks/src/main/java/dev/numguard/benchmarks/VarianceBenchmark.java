package dev.numguard.benchmarks;

import dev.numguard.guards.Statistics;
import java.util.concurrent.TimeUnit;
import org.apache.commons.math3.stat.StatUtils;
import org.apache.commons.statistics.descriptive.Variance;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Population variance of n measurements: stable ({@code Statistics.variance}) vs the naive {@code
 * E[X^2] - E[X]^2} vs Commons Math 3 {@code StatUtils.variance} and Commons Statistics {@code
 * Variance.of}. The peers return the bias-corrected (n - 1) variance, which costs the same; they
 * have no float version.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@State(Scope.Benchmark)
public class VarianceBenchmark {

  @Param({"1000", "100000", "1000000"})
  public int n;

  private double[] x;
  private float[] xf;

  @Setup
  public void setUp() {
    x = BenchmarkInputs.measurements(n);
    xf = BenchmarkInputs.toFloats(x);
  }

  @Benchmark
  public double stableDouble() {
    return Statistics.variance(x);
  }

  @Benchmark
  public float stableFloat() {
    return Statistics.variance(xf);
  }

  @Benchmark
  public double naiveDouble() {
    return TextbookFormulas.variance(x);
  }

  @Benchmark
  public float naiveFloat() {
    return TextbookFormulas.variance(xf);
  }

  @Benchmark
  public double commonsMathDouble() {
    return StatUtils.variance(x);
  }

  @Benchmark
  public double commonsStatisticsDouble() {
    return Variance.of(x).getAsDouble();
  }
}
