package dev.numguard.benchmarks;

import dev.numguard.guards.LogSpace;
import java.util.concurrent.TimeUnit;
import org.apache.commons.math3.stat.StatUtils;
import org.apache.commons.statistics.descriptive.SumOfLogs;
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
 * The log of a product of n probabilities: stable ({@code LogSpace.logProduct}) vs the naive {@code
 * log(prod p_i)} (which underflows to -Infinity beyond a few hundred factors; it is timed anyway)
 * vs the peers' sum of logs: Commons Math 3 {@code StatUtils.sumLog} and Commons Statistics {@code
 * SumOfLogs}. The peers have no float version.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@State(Scope.Benchmark)
public class LogProductBenchmark {

  @Param({"1000", "100000", "1000000"})
  public int n;

  private double[] p;
  private float[] pf;

  @Setup
  public void setUp() {
    p = BenchmarkInputs.probabilities(n);
    pf = BenchmarkInputs.toFloats(p);
  }

  @Benchmark
  public double stableDouble() {
    return LogSpace.logProduct(p);
  }

  @Benchmark
  public float stableFloat() {
    return LogSpace.logProduct(pf);
  }

  @Benchmark
  public double naiveDouble() {
    return TextbookFormulas.logOfProduct(p);
  }

  @Benchmark
  public float naiveFloat() {
    return TextbookFormulas.logOfProduct(pf);
  }

  @Benchmark
  public double commonsMathSumLogDouble() {
    return StatUtils.sumLog(p);
  }

  @Benchmark
  public double commonsStatisticsSumOfLogsDouble() {
    return SumOfLogs.of(p).getAsDouble();
  }
}
