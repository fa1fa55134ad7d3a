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
import org.openjdk.jmh.infra.Blackhole;
import smile.math.MathEx;

/**
 * Softmax of n logits into a preallocated output: stable ({@code StableMath.softmax(x, out)}) vs
 * the naive {@code exp(x_i) / sum exp(x_j)} vs Smile's {@code MathEx.softmax}. Smile works in place
 * only, so its benchmark first copies the logits into the output (a memcpy, small next to n calls of
 * exp); Smile has no float version.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@State(Scope.Benchmark)
public class SoftmaxBenchmark {

  @Param({"1000", "100000", "1000000"})
  public int n;

  private double[] x;
  private double[] out;
  private float[] xf;
  private float[] outf;

  @Setup
  public void setUp() {
    x = BenchmarkInputs.logits(n);
    out = new double[n];
    xf = BenchmarkInputs.toFloats(x);
    outf = new float[n];
  }

  @Benchmark
  public void stableDouble(Blackhole blackhole) {
    blackhole.consume(StableMath.softmax(x, out));
  }

  @Benchmark
  public void stableFloat(Blackhole blackhole) {
    blackhole.consume(StableMath.softmax(xf, outf));
  }

  @Benchmark
  public void naiveDouble(Blackhole blackhole) {
    TextbookFormulas.softmax(x, out);
    blackhole.consume(out);
  }

  @Benchmark
  public void naiveFloat(Blackhole blackhole) {
    TextbookFormulas.softmax(xf, outf);
    blackhole.consume(outf);
  }

  @Benchmark
  public void smileDouble(Blackhole blackhole) {
    System.arraycopy(x, 0, out, 0, n);
    blackhole.consume(MathEx.softmax(out));
    blackhole.consume(out);
  }
}
