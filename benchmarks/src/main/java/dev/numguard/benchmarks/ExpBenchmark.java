package dev.numguard.benchmarks;

import dev.numguard.guards.ShiftedExp;
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
 * The exponential alone: {@code Σ exp(x_i − max)} over shifted logits with {@link ShiftedExp} vs
 * {@code Math.exp}, one accumulator each, in double and in float precision. This is the loop inside
 * softmax and log-sum-exp; it shows whether the inlined exponential beats the runtime stub.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@State(Scope.Benchmark)
public class ExpBenchmark {

  @Param({"1000", "100000"})
  public int n;

  private double[] shifted;
  private float[] shiftedFloat;

  @Setup
  public void setUp() {
    double[] x = BenchmarkInputs.logits(n);
    double max = Double.NEGATIVE_INFINITY;
    for (double v : x) {
      max = Math.max(max, v);
    }
    shifted = new double[n];
    shiftedFloat = new float[n];
    for (int i = 0; i < n; i++) {
      shifted[i] = x[i] - max;
      shiftedFloat[i] = (float) shifted[i];
    }
  }

  @Benchmark
  public double shiftedExpDouble() {
    double s = 0;
    for (double v : shifted) {
      s += ShiftedExp.exp(v);
    }
    return s;
  }

  @Benchmark
  public double mathExpDouble() {
    double s = 0;
    for (double v : shifted) {
      s += Math.exp(v);
    }
    return s;
  }

  @Benchmark
  public double shiftedExpFloat() {
    double s = 0;
    for (float v : shiftedFloat) {
      s += ShiftedExp.expToFloatPrecision(v);
    }
    return s;
  }

  @Benchmark
  public double mathExpFloat() {
    double s = 0;
    for (float v : shiftedFloat) {
      s += Math.exp(v);
    }
    return s;
  }
}
