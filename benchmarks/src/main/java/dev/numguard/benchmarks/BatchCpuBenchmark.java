package dev.numguard.benchmarks;

import dev.numguard.guards.batch.CpuBatchOps;
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
 * The fork-join CPU backend on a 4096 × 4096 float batch (64 MiB): softmax and layer norm of every
 * row, on the calling thread only ({@code threads = 1}: a threshold no batch reaches) and on the
 * common pool ({@code threads = all}: the caller plus {@code ForkJoinPool.commonPool()}, one thread
 * per core). The ratio of the two is the scaling from one core to the machine's cores.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@State(Scope.Benchmark)
public class BatchCpuBenchmark {

  private static final int ROWS = 4096;
  private static final int COLS = 4096;

  @Param({"1", "all"})
  public String threads;

  private CpuBatchOps ops;
  private float[] x;
  private float[] out;

  @Setup
  public void setUp() {
    ops = threads.equals("1") ? new CpuBatchOps(Integer.MAX_VALUE) : CpuBatchOps.shared();
    x = BenchmarkInputs.toFloats(BenchmarkInputs.logits(ROWS * COLS));
    out = new float[ROWS * COLS];
  }

  @Benchmark
  public float[] softmaxRows() {
    ops.softmaxRows(x, ROWS, COLS, out);
    return out;
  }

  @Benchmark
  public float[] layerNormRows() {
    ops.layerNormRows(x, ROWS, COLS, 1e-5f, out);
    return out;
  }
}
