package dev.numguard.benchmarks;

import dev.numguard.guards.LogSpace;
import dev.numguard.guards.ScaledForward;
import java.util.concurrent.TimeUnit;
import org.apache.commons.math3.util.MathArrays;
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
 * The two normalisations numguard's product fixes write in place of linear-space code:
 *
 * <ul>
 *   <li>weights from log-weights ({@code LogSpace.toRelativeWeights}, then divided by the sum it
 *       returns) vs the naive {@code exp(l_i) / Σ exp(l_j)} a naive Bayes or particle filter
 *       normalises with;
 *   <li>one scaling step of a hand-written recursion ({@code ScaledForward.rescale}) vs dividing a
 *       row by its sum by hand and vs Commons Math 3 {@code MathArrays.normalizeArray(row, 1)}.
 * </ul>
 *
 * Both functions work in place, so every variant copies its input into a buffer first (the
 * Commons Math peer allocates its result instead); the copy is part of each timing.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@State(Scope.Benchmark)
public class NormalisationBenchmark {

  @Param({"16", "1000", "100000"})
  public int n;

  private double[] logWeights;
  private double[] row;
  private double[] buffer;

  @Setup
  public void setUp() {
    logWeights = BenchmarkInputs.logits(n);
    row = BenchmarkInputs.probabilities(n);
    buffer = new double[n];
  }

  @Benchmark
  public double[] relativeWeightsStable() {
    System.arraycopy(logWeights, 0, buffer, 0, n);
    double sum = LogSpace.toRelativeWeights(buffer);
    for (int i = 0; i < n; i++) {
      buffer[i] /= sum;
    }
    return buffer;
  }

  @Benchmark
  public double[] relativeWeightsNaive() {
    TextbookFormulas.softmax(logWeights, buffer);
    return buffer;
  }

  @Benchmark
  public double[] rescaleStable() {
    System.arraycopy(row, 0, buffer, 0, n);
    ScaledForward.rescale(buffer);
    return buffer;
  }

  @Benchmark
  public double[] rescaleNaive() {
    System.arraycopy(row, 0, buffer, 0, n);
    TextbookFormulas.divideBySum(buffer);
    return buffer;
  }

  @Benchmark
  public double[] rescaleCommonsMath() {
    return MathArrays.normalizeArray(row, 1.0);
  }
}
