package dev.numguard.benchmarks;

import dev.numguard.guards.StableMath;
import java.util.concurrent.TimeUnit;
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
 * Log-sum-exp of n logits: stable ({@code StableMath.logSumExp}) vs the naive {@code log(sum
 * exp(x_i))}. No peer: neither Commons Math 3, Commons Statistics nor Smile 3.1.1 offers a
 * log-sum-exp over an array, and the libraries that do (ND4J, DJL) need native binaries.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@State(Scope.Benchmark)
public class LogSumExpBenchmark {

  @Param({"1000", "100000", "1000000"})
  public int n;

  private double[] x;
  private float[] xf;

  @Setup
  public void setUp() {
    x = BenchmarkInputs.logits(n);
    xf = BenchmarkInputs.toFloats(x);
  }

  @Benchmark
  public double stableDouble() {
    return StableMath.logSumExp(x);
  }

  @Benchmark
  public float stableFloat() {
    return StableMath.logSumExp(xf);
  }

  @Benchmark
  public double naiveDouble() {
    return TextbookFormulas.logSumExp(x);
  }

  @Benchmark
  public float naiveFloat() {
    return TextbookFormulas.logSumExp(xf);
  }
}
