package dev.numguard.guards.batch;

import java.util.concurrent.ForkJoinPool;
import java.util.stream.IntStream;

/**
 * The CPU backend: always available. Batches of at least {@link #parallelThreshold()} elements are
 * split into blocks of whole rows that run in parallel on the common {@link ForkJoinPool}; smaller
 * batches run on the calling thread, where the cost of forking would exceed the work. Float rows
 * are computed in double and rounded once (see the class {@code RowKernels}); results do not
 * depend on the number of threads, because each row is always computed by one thread in the same
 * order.
 */
public final class CpuBatchOps implements BatchOps {

  /** The default {@link #parallelThreshold()}: 2<sup>15</sup> elements. */
  public static final int DEFAULT_PARALLEL_THRESHOLD = 1 << 15;

  private static final CpuBatchOps DEFAULT = new CpuBatchOps(DEFAULT_PARALLEL_THRESHOLD);

  private final int parallelThreshold;

  /**
   * A CPU backend that parallelises batches of at least {@code parallelThreshold} elements;
   * {@link Integer#MAX_VALUE} keeps every batch on the calling thread.
   *
   * @throws IllegalArgumentException if {@code parallelThreshold < 1}
   */
  public CpuBatchOps(int parallelThreshold) {
    if (parallelThreshold < 1) {
      throw new IllegalArgumentException("parallelThreshold must be at least 1, got " + parallelThreshold);
    }
    this.parallelThreshold = parallelThreshold;
  }

  /** The shared CPU backend with the default threshold. */
  public static CpuBatchOps shared() {
    return DEFAULT;
  }

  /** The smallest batch, in elements, that runs on more than one thread. */
  public int parallelThreshold() {
    return parallelThreshold;
  }

  @Override
  public BackendKind kind() {
    return BackendKind.CPU;
  }

  /** A computation over the rows {@code [fromRow, toRow)}. */
  @FunctionalInterface
  private interface RowBlock {
    void run(int fromRow, int toRow);
  }

  /** Runs {@code block} over all rows, split into parallel blocks when the batch is large. */
  private void forRows(int rows, int cols, RowBlock block) {
    long elements = (long) rows * Math.max(cols, 1);
    int threads = ForkJoinPool.getCommonPoolParallelism() + 1; // the caller joins in
    if (rows < 2 || elements < parallelThreshold || threads < 2) {
      block.run(0, rows);
      return;
    }
    // a few blocks per thread for balance, none smaller than half the threshold
    long rowsPerBlockByWork = Math.max(1, (parallelThreshold / 2) / Math.max(cols, 1));
    int blocks = (int) Math.min(rows, Math.max(2, Math.min(4L * threads, rows / rowsPerBlockByWork)));
    IntStream.range(0, blocks)
        .parallel()
        .forEach(b -> block.run((int) ((long) rows * b / blocks), (int) ((long) rows * (b + 1) / blocks)));
  }

  // ------------------------------------------------------------------ float

  @Override
  public void softmaxRows(float[] x, int rows, int cols, float[] out) {
    matrixInOut(x.length, out.length, rows, cols);
    forRows(rows, cols, (a, b) -> {
      for (int r = a; r < b; r++) {
        RowKernels.softmax(x, r * cols, cols, out, r * cols);
      }
    });
  }

  @Override
  public void logSoftmaxRows(float[] x, int rows, int cols, float[] out) {
    matrixInOut(x.length, out.length, rows, cols);
    forRows(rows, cols, (a, b) -> {
      for (int r = a; r < b; r++) {
        RowKernels.logSoftmax(x, r * cols, cols, out, r * cols);
      }
    });
  }

  @Override
  public void logSumExpRows(float[] x, int rows, int cols, float[] out) {
    BatchArguments.matrix("x", x.length, rows, cols);
    BatchArguments.room("out", out.length, rows);
    forRows(rows, cols, (a, b) -> {
      for (int r = a; r < b; r++) {
        out[r] = (float) RowKernels.logSumExp(x, r * cols, r * cols + cols);
      }
    });
  }

  @Override
  public void crossEntropyRows(float[] logits, int rows, int cols, int[] targets, float[] losses) {
    BatchArguments.matrix("logits", logits.length, rows, cols);
    BatchArguments.targets(targets, rows, cols);
    BatchArguments.room("losses", losses.length, rows);
    forRows(rows, cols, (a, b) -> {
      for (int r = a; r < b; r++) {
        losses[r] = (float) RowKernels.crossEntropy(logits, r * cols, cols, targets[r]);
      }
    });
  }

  @Override
  public void meanVarianceRows(float[] x, int rows, int cols, float[] means, float[] variances) {
    BatchArguments.matrix("x", x.length, rows, cols);
    BatchArguments.room("means", means.length, rows);
    BatchArguments.room("variances", variances.length, rows);
    forRows(rows, cols, (a, b) -> {
      for (int r = a; r < b; r++) {
        means[r] = (float) RowKernels.mean(x, r * cols, cols);
        variances[r] = (float) RowKernels.variance(x, r * cols, cols);
      }
    });
  }

  @Override
  public void layerNormRows(float[] x, int rows, int cols, float eps, float[] gamma, float[] beta, float[] out) {
    matrixInOut(x.length, out.length, rows, cols);
    BatchArguments.eps(eps);
    if (gamma != null) {
      BatchArguments.optionalColumns("gamma", gamma.length, cols);
    }
    if (beta != null) {
      BatchArguments.optionalColumns("beta", beta.length, cols);
    }
    forRows(rows, cols, (a, b) -> {
      for (int r = a; r < b; r++) {
        RowKernels.layerNorm(x, r * cols, cols, eps, gamma, beta, out, r * cols);
      }
    });
  }

  // ------------------------------------------------------------------ double

  @Override
  public void softmaxRows(double[] x, int rows, int cols, double[] out) {
    matrixInOut(x.length, out.length, rows, cols);
    forRows(rows, cols, (a, b) -> {
      for (int r = a; r < b; r++) {
        RowKernels.softmax(x, r * cols, cols, out, r * cols);
      }
    });
  }

  @Override
  public void logSoftmaxRows(double[] x, int rows, int cols, double[] out) {
    matrixInOut(x.length, out.length, rows, cols);
    forRows(rows, cols, (a, b) -> {
      for (int r = a; r < b; r++) {
        RowKernels.logSoftmax(x, r * cols, cols, out, r * cols);
      }
    });
  }

  @Override
  public void logSumExpRows(double[] x, int rows, int cols, double[] out) {
    BatchArguments.matrix("x", x.length, rows, cols);
    BatchArguments.room("out", out.length, rows);
    forRows(rows, cols, (a, b) -> {
      for (int r = a; r < b; r++) {
        out[r] = RowKernels.logSumExp(x, r * cols, r * cols + cols);
      }
    });
  }

  @Override
  public void crossEntropyRows(double[] logits, int rows, int cols, int[] targets, double[] losses) {
    BatchArguments.matrix("logits", logits.length, rows, cols);
    BatchArguments.targets(targets, rows, cols);
    BatchArguments.room("losses", losses.length, rows);
    forRows(rows, cols, (a, b) -> {
      for (int r = a; r < b; r++) {
        losses[r] = RowKernels.crossEntropy(logits, r * cols, cols, targets[r]);
      }
    });
  }

  @Override
  public void meanVarianceRows(double[] x, int rows, int cols, double[] means, double[] variances) {
    BatchArguments.matrix("x", x.length, rows, cols);
    BatchArguments.room("means", means.length, rows);
    BatchArguments.room("variances", variances.length, rows);
    forRows(rows, cols, (a, b) -> {
      for (int r = a; r < b; r++) {
        means[r] = RowKernels.mean(x, r * cols, cols);
        variances[r] = RowKernels.variance(x, r * cols, cols);
      }
    });
  }

  @Override
  public void layerNormRows(double[] x, int rows, int cols, double eps, double[] gamma, double[] beta, double[] out) {
    matrixInOut(x.length, out.length, rows, cols);
    BatchArguments.eps(eps);
    if (gamma != null) {
      BatchArguments.optionalColumns("gamma", gamma.length, cols);
    }
    if (beta != null) {
      BatchArguments.optionalColumns("beta", beta.length, cols);
    }
    forRows(rows, cols, (a, b) -> {
      for (int r = a; r < b; r++) {
        RowKernels.layerNorm(x, r * cols, cols, eps, gamma, beta, out, r * cols);
      }
    });
  }

  // ------------------------------------------------------------------ loss scaling

  @Override
  public boolean unscaleAndCheckFinite(float inverseScale, float[]... gradients) {
    BatchArguments.gradients(gradients);
    boolean allFinite = true;
    for (float[] g : gradients) {
      allFinite &= unscaleBuffer(g, inverseScale);
    }
    return allFinite;
  }

  private boolean unscaleBuffer(float[] g, float inverseScale) {
    int threads = ForkJoinPool.getCommonPoolParallelism() + 1;
    if (g.length < parallelThreshold || threads < 2) {
      return RowKernels.unscale(g, 0, g.length, inverseScale);
    }
    int blocks = (int) Math.min(4L * threads, Math.max(2, g.length / (parallelThreshold / 2 + 1)));
    // every block must be scaled, so sum the finite blocks instead of short-circuiting
    int finiteBlocks = IntStream.range(0, blocks)
        .parallel()
        .map(b -> RowKernels.unscale(
            g, (int) ((long) g.length * b / blocks), (int) ((long) g.length * (b + 1) / blocks), inverseScale) ? 1 : 0)
        .sum();
    return finiteBlocks == blocks;
  }

  private static void matrixInOut(int inLength, int outLength, int rows, int cols) {
    int elements = BatchArguments.matrix("x", inLength, rows, cols);
    BatchArguments.room("out", outLength, elements);
  }

  @Override
  public String toString() {
    return "CpuBatchOps[parallelThreshold=" + parallelThreshold + "]";
  }

}
