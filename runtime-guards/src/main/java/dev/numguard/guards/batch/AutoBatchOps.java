package dev.numguard.guards.batch;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The automatic backend: a batch of at least {@link #minCudaElements()} elements runs on CUDA when
 * CUDA is available, every other batch on the CPU. CUDA is probed only when the first large batch
 * arrives, so programs that never pass one never load JCuda. When the probe finds no CUDA, one
 * line at level {@code INFO} on the {@link java.util.logging.Logger} {@code dev.numguard.guards.batch} says
 * why, once per JVM; later batches run on the CPU silently.
 *
 * <p>Errors while a CUDA kernel runs are not hidden by a silent retry on the CPU: they propagate
 * as {@link DeviceExecutionException}.
 */
public final class AutoBatchOps implements BatchOps {

  /** The default {@link #minCudaElements()}: 2<sup>18</sup> elements (1 MiB of floats). */
  public static final int DEFAULT_MIN_CUDA_ELEMENTS = 1 << 18;

  private static final Logger LOG = Logger.getLogger("dev.numguard.guards.batch");
  private static final AtomicBoolean FALLBACK_LOGGED = new AtomicBoolean();

  private final BatchOps cpu;
  private final Supplier<CudaAvailability> cuda;
  private final long minCudaElements;

  /**
   * An automatic backend over the shared CPU backend and the shared CUDA probe.
   *
   * @param minCudaElements the smallest batch, in elements, worth moving to the GPU
   * @throws IllegalArgumentException if {@code minCudaElements < 0}
   */
  public AutoBatchOps(long minCudaElements) {
    this(CpuBatchOps.shared(), CudaBackendLoader::shared, minCudaElements);
  }

  AutoBatchOps(BatchOps cpu, Supplier<CudaAvailability> cuda, long minCudaElements) {
    if (minCudaElements < 0) {
      throw new IllegalArgumentException("minCudaElements must not be negative, got " + minCudaElements);
    }
    this.cpu = cpu;
    this.cuda = cuda;
    this.minCudaElements = minCudaElements;
  }

  /** The smallest batch, in elements, that runs on CUDA when CUDA is available. */
  public long minCudaElements() {
    return minCudaElements;
  }

  @Override
  public BackendKind kind() {
    return BackendKind.AUTO;
  }

  /**
   * The backend that runs a batch of {@code elements} elements: {@link BackendKind#CUDA} or
   * {@link BackendKind#CPU}. Probes CUDA (once per JVM) if the batch is large enough.
   */
  public BackendKind choose(long elements) {
    return backendFor(elements).kind();
  }

  private BatchOps backendFor(long elements) {
    if (elements < minCudaElements) {
      return cpu;
    }
    CudaAvailability availability = cuda.get();
    if (availability.available()) {
      return availability.backend().get();
    }
    if (FALLBACK_LOGGED.compareAndSet(false, true)) {
      LOG.log(Level.INFO, "numguard: batched operations run on the CPU: {0}", availability.reason());
    }
    return cpu;
  }

  private BatchOps backendFor(int rows, int cols) {
    return backendFor((long) rows * cols);
  }

  @Override
  public void softmaxRows(float[] x, int rows, int cols, float[] out) {
    backendFor(rows, cols).softmaxRows(x, rows, cols, out);
  }

  @Override
  public void logSoftmaxRows(float[] x, int rows, int cols, float[] out) {
    backendFor(rows, cols).logSoftmaxRows(x, rows, cols, out);
  }

  @Override
  public void logSumExpRows(float[] x, int rows, int cols, float[] out) {
    backendFor(rows, cols).logSumExpRows(x, rows, cols, out);
  }

  @Override
  public void crossEntropyRows(float[] logits, int rows, int cols, int[] targets, float[] losses) {
    backendFor(rows, cols).crossEntropyRows(logits, rows, cols, targets, losses);
  }

  @Override
  public void softmaxRows(double[] x, int rows, int cols, double[] out) {
    backendFor(rows, cols).softmaxRows(x, rows, cols, out);
  }

  @Override
  public void logSoftmaxRows(double[] x, int rows, int cols, double[] out) {
    backendFor(rows, cols).logSoftmaxRows(x, rows, cols, out);
  }

  @Override
  public void logSumExpRows(double[] x, int rows, int cols, double[] out) {
    backendFor(rows, cols).logSumExpRows(x, rows, cols, out);
  }

  @Override
  public void crossEntropyRows(double[] logits, int rows, int cols, int[] targets, double[] losses) {
    backendFor(rows, cols).crossEntropyRows(logits, rows, cols, targets, losses);
  }

  @Override
  public void meanVarianceRows(float[] x, int rows, int cols, float[] means, float[] variances) {
    backendFor(rows, cols).meanVarianceRows(x, rows, cols, means, variances);
  }

  @Override
  public void meanVarianceRows(double[] x, int rows, int cols, double[] means, double[] variances) {
    backendFor(rows, cols).meanVarianceRows(x, rows, cols, means, variances);
  }

  @Override
  public void layerNormRows(float[] x, int rows, int cols, float eps, float[] gamma, float[] beta, float[] out) {
    backendFor(rows, cols).layerNormRows(x, rows, cols, eps, gamma, beta, out);
  }

  @Override
  public void layerNormRows(double[] x, int rows, int cols, double eps, double[] gamma, double[] beta, double[] out) {
    backendFor(rows, cols).layerNormRows(x, rows, cols, eps, gamma, beta, out);
  }

  @Override
  public boolean unscaleAndCheckFinite(float inverseScale, float[]... gradients) {
    BatchArguments.gradients(gradients);
    long elements = 0;
    for (float[] g : gradients) {
      elements += g.length;
    }
    return backendFor(elements).unscaleAndCheckFinite(inverseScale, gradients);
  }

  @Override
  public String toString() {
    return "AutoBatchOps[minCudaElements=" + minCudaElements + "]";
  }
}
