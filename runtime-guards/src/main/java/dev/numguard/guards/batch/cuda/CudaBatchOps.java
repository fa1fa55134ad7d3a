package dev.numguard.guards.batch.cuda;

import static jcuda.driver.JCudaDriver.cuCtxSynchronize;
import static jcuda.driver.JCudaDriver.cuMemcpyDtoH;
import static jcuda.driver.JCudaDriver.cuMemcpyHtoD;
import static jcuda.driver.JCudaDriver.cuMemsetD32;

import dev.numguard.guards.batch.BackendKind;
import dev.numguard.guards.batch.BackendUnavailableException;
import dev.numguard.guards.batch.BatchArguments;
import dev.numguard.guards.batch.BatchOps;
import dev.numguard.guards.batch.CpuBatchOps;
import dev.numguard.guards.batch.DeviceExecutionException;
import jcuda.CudaException;
import jcuda.Pointer;
import jcuda.driver.CUdeviceptr;

/**
 * The CUDA backend: each call copies its inputs to the device, runs one kernel and copies the
 * results back. Device buffers are kept between calls and grow to the largest batch seen, so a
 * stream of similar batches allocates once; {@link #close()} frees them and releases the device's
 * primary context.
 *
 * <p>Calls are serialised (one batch at a time per instance). Empty batches ({@code rows == 0} or
 * {@code cols == 0}) are answered on the CPU without touching the device.
 *
 * <p>Errors: a failing CUDA call throws {@link DeviceExecutionException} naming the call and the
 * CUDA error. If the error leaves the context unusable (a faulting kernel), every later call throws
 * {@link IllegalStateException} with the original error; open a new instance.
 */
public final class CudaBatchOps implements BatchOps, AutoCloseable {

  private final CudaContext context;
  private final RowKernelLauncher launcher;
  private final DeviceBuffer input = new DeviceBuffer("input");
  private final DeviceBuffer output = new DeviceBuffer("output");
  private final DeviceBuffer rowResultA = new DeviceBuffer("per-row results");
  private final DeviceBuffer rowResultB = new DeviceBuffer("per-row results (variance)");
  private final DeviceBuffer targetBuffer = new DeviceBuffer("targets");
  private final DeviceBuffer gammaBuffer = new DeviceBuffer("gamma");
  private final DeviceBuffer betaBuffer = new DeviceBuffer("beta");
  private final DeviceBuffer flagBuffer = new DeviceBuffer("non-finite flag");
  private final BatchOps emptyBatches = CpuBatchOps.shared();
  private boolean closed;
  private String unusableBecause;

  private CudaBatchOps(CudaContext context) {
    this.context = context;
    this.launcher = new RowKernelLauncher(context);
  }

  /**
   * Opens the backend on CUDA device 0.
   *
   * @throws BackendUnavailableException if JCuda's natives, the NVIDIA driver or a device is
   *     missing, or the driver rejects the PTX module; the message says which
   */
  public static CudaBatchOps open() {
    return open(0);
  }

  /**
   * Opens the backend on CUDA device {@code ordinal}.
   *
   * @throws BackendUnavailableException as {@link #open()}
   */
  public static CudaBatchOps open(int ordinal) {
    return new CudaBatchOps(CudaContext.open(ordinal));
  }

  @Override
  public BackendKind kind() {
    return BackendKind.CUDA;
  }

  /** The device's theoretical peak DRAM bandwidth, in bytes per second. */
  public double peakBandwidthBytesPerSecond() {
    return context.peakBandwidthBytesPerSecond();
  }

  /** Frees the device buffers and releases the context. Idempotent. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      context.enter();
      try {
        for (DeviceBuffer b : new DeviceBuffer[] {
            input, output, rowResultA, rowResultB, targetBuffer, gammaBuffer, betaBuffer, flagBuffer}) {
          b.free();
        }
      } finally {
        context.exit();
      }
    } finally {
      context.close();
    }
  }

  // ------------------------------------------------------------------ execution frame

  @FunctionalInterface
  private interface DeviceWork<T> {
    T run();
  }

  /** Runs {@code work} with the context current, translating and classifying failures. */
  private synchronized <T> T onDevice(String operation, DeviceWork<T> work) {
    if (closed) {
      throw new IllegalStateException("the CUDA backend is closed");
    }
    if (unusableBecause != null) {
      throw new IllegalStateException("the CUDA backend is unusable after an earlier error: " + unusableBecause);
    }
    context.enter();
    try {
      return work.run();
    } catch (DeviceExecutionException e) {
      markUnusableIfSticky(e.getMessage());
      throw new DeviceExecutionException(operation + " on " + context.describe() + ": " + e.getMessage(), e);
    } catch (CudaException e) {
      // only when another JCuda user turned on JCuda's exceptions
      markUnusableIfSticky(e.getMessage());
      throw new DeviceExecutionException(operation + " on " + context.describe() + ": " + e.getMessage(), e);
    } finally {
      context.exit();
    }
  }

  private void markUnusableIfSticky(String message) {
    int state = cuCtxSynchronize();
    if (CudaCalls.isSticky(state)) {
      unusableBecause = message + " / " + CudaCalls.describe(state);
    }
  }

  private static void copyIn(CUdeviceptr device, Pointer host, long bytes, String what) {
    CudaCalls.check(cuMemcpyHtoD(device, host, bytes), "copy of " + what + " to the device");
  }

  private static void copyOut(Pointer host, CUdeviceptr device, long bytes, String what) {
    // synchronous: waits for the kernel, whose launch errors surface here
    CudaCalls.check(cuMemcpyDtoH(host, device, bytes), "copy of " + what + " from the device");
  }

  /** A matrix in, a matrix out (softmax, log-softmax). */
  private void matrixToMatrix(Precision p, Pointer x, Pointer out, int elements, int rows, int cols, boolean log) {
    long bytes = (long) elements * p.bytes;
    CUdeviceptr dx = input.atLeast(bytes);
    CUdeviceptr dy = output.atLeast(bytes);
    copyIn(dx, x, bytes, "the input");
    launcher.softmax(p, dx, dy, rows, cols, log);
    copyOut(out, dy, bytes, "the result");
  }

  /** A matrix in, one value per row out (log-sum-exp, cross-entropy). */
  private void matrixToRows(Precision p, Pointer x, int[] targets, Pointer out, int elements, int rows, int cols) {
    long bytes = (long) elements * p.bytes;
    CUdeviceptr dx = input.atLeast(bytes);
    CUdeviceptr dOut = rowResultA.atLeast((long) rows * p.bytes);
    copyIn(dx, x, bytes, "the input");
    CUdeviceptr dTargets = new CUdeviceptr();
    if (targets != null) {
      dTargets = targetBuffer.atLeast((long) rows * Integer.BYTES);
      copyIn(dTargets, Pointer.to(targets), (long) rows * Integer.BYTES, "the targets");
    }
    launcher.logSumExp(p, dx, dOut, dTargets, rows, cols);
    copyOut(out, dOut, (long) rows * p.bytes, "the per-row results");
  }

  private void moments(Precision p, Pointer x, Pointer means, Pointer variances, int elements, int rows, int cols) {
    long bytes = (long) elements * p.bytes;
    CUdeviceptr dx = input.atLeast(bytes);
    CUdeviceptr dMean = rowResultA.atLeast((long) rows * p.bytes);
    CUdeviceptr dVar = rowResultB.atLeast((long) rows * p.bytes);
    copyIn(dx, x, bytes, "the input");
    launcher.moments(p, dx, dMean, dVar, rows, cols);
    copyOut(means, dMean, (long) rows * p.bytes, "the means");
    copyOut(variances, dVar, (long) rows * p.bytes, "the variances");
  }

  private void layerNorm(Precision p, Pointer x, Pointer gamma, Pointer beta, Pointer out, int elements,
      int rows, int cols, double eps) {
    long bytes = (long) elements * p.bytes;
    long columnBytes = (long) cols * p.bytes;
    CUdeviceptr dx = input.atLeast(bytes);
    CUdeviceptr dy = output.atLeast(bytes);
    copyIn(dx, x, bytes, "the input");
    CUdeviceptr dGamma = new CUdeviceptr();
    if (gamma != null) {
      dGamma = gammaBuffer.atLeast(columnBytes);
      copyIn(dGamma, gamma, columnBytes, "gamma");
    }
    CUdeviceptr dBeta = new CUdeviceptr();
    if (beta != null) {
      dBeta = betaBuffer.atLeast(columnBytes);
      copyIn(dBeta, beta, columnBytes, "beta");
    }
    launcher.layerNorm(p, dx, dy, dGamma, dBeta, rows, cols, eps);
    copyOut(out, dy, bytes, "the result");
  }

  private static int matrixInOut(int inLength, int outLength, int rows, int cols) {
    int elements = BatchArguments.matrix("x", inLength, rows, cols);
    BatchArguments.room("out", outLength, elements);
    return elements;
  }

  private static void perRow(String name, int length, int rows) {
    BatchArguments.room(name, length, rows);
  }

  // ------------------------------------------------------------------ float

  @Override
  public void softmaxRows(float[] x, int rows, int cols, float[] out) {
    int n = matrixInOut(x.length, out.length, rows, cols);
    if (n == 0) {
      return;
    }
    onDevice("softmaxRows", () -> {
      matrixToMatrix(Precision.F32, Pointer.to(x), Pointer.to(out), n, rows, cols, false);
      return null;
    });
  }

  @Override
  public void logSoftmaxRows(float[] x, int rows, int cols, float[] out) {
    int n = matrixInOut(x.length, out.length, rows, cols);
    if (n == 0) {
      return;
    }
    onDevice("logSoftmaxRows", () -> {
      matrixToMatrix(Precision.F32, Pointer.to(x), Pointer.to(out), n, rows, cols, true);
      return null;
    });
  }

  @Override
  public void logSumExpRows(float[] x, int rows, int cols, float[] out) {
    int n = BatchArguments.matrix("x", x.length, rows, cols);
    perRow("out", out.length, rows);
    if (n == 0) {
      emptyBatches.logSumExpRows(x, rows, cols, out);
      return;
    }
    onDevice("logSumExpRows", () -> {
      matrixToRows(Precision.F32, Pointer.to(x), null, Pointer.to(out), n, rows, cols);
      return null;
    });
  }

  @Override
  public void crossEntropyRows(float[] logits, int rows, int cols, int[] targets, float[] losses) {
    int n = BatchArguments.matrix("logits", logits.length, rows, cols);
    BatchArguments.targets(targets, rows, cols);
    perRow("losses", losses.length, rows);
    if (n == 0) {
      return; // no rows: with cols == 0 and rows > 0 the targets check has already thrown
    }
    onDevice("crossEntropyRows", () -> {
      matrixToRows(Precision.F32, Pointer.to(logits), targets, Pointer.to(losses), n, rows, cols);
      return null;
    });
  }

  @Override
  public void meanVarianceRows(float[] x, int rows, int cols, float[] means, float[] variances) {
    int n = BatchArguments.matrix("x", x.length, rows, cols);
    perRow("means", means.length, rows);
    perRow("variances", variances.length, rows);
    if (n == 0) {
      emptyBatches.meanVarianceRows(x, rows, cols, means, variances);
      return;
    }
    onDevice("meanVarianceRows", () -> {
      moments(Precision.F32, Pointer.to(x), Pointer.to(means), Pointer.to(variances), n, rows, cols);
      return null;
    });
  }

  @Override
  public void layerNormRows(float[] x, int rows, int cols, float eps, float[] gamma, float[] beta, float[] out) {
    int n = matrixInOut(x.length, out.length, rows, cols);
    BatchArguments.eps(eps);
    if (gamma != null) {
      BatchArguments.optionalColumns("gamma", gamma.length, cols);
    }
    if (beta != null) {
      BatchArguments.optionalColumns("beta", beta.length, cols);
    }
    if (n == 0) {
      return;
    }
    onDevice("layerNormRows", () -> {
      layerNorm(Precision.F32, Pointer.to(x), gamma == null ? null : Pointer.to(gamma),
          beta == null ? null : Pointer.to(beta), Pointer.to(out), n, rows, cols, eps);
      return null;
    });
  }

  // ------------------------------------------------------------------ double

  @Override
  public void softmaxRows(double[] x, int rows, int cols, double[] out) {
    int n = matrixInOut(x.length, out.length, rows, cols);
    if (n == 0) {
      return;
    }
    onDevice("softmaxRows", () -> {
      matrixToMatrix(Precision.F64, Pointer.to(x), Pointer.to(out), n, rows, cols, false);
      return null;
    });
  }

  @Override
  public void logSoftmaxRows(double[] x, int rows, int cols, double[] out) {
    int n = matrixInOut(x.length, out.length, rows, cols);
    if (n == 0) {
      return;
    }
    onDevice("logSoftmaxRows", () -> {
      matrixToMatrix(Precision.F64, Pointer.to(x), Pointer.to(out), n, rows, cols, true);
      return null;
    });
  }

  @Override
  public void logSumExpRows(double[] x, int rows, int cols, double[] out) {
    int n = BatchArguments.matrix("x", x.length, rows, cols);
    perRow("out", out.length, rows);
    if (n == 0) {
      emptyBatches.logSumExpRows(x, rows, cols, out);
      return;
    }
    onDevice("logSumExpRows", () -> {
      matrixToRows(Precision.F64, Pointer.to(x), null, Pointer.to(out), n, rows, cols);
      return null;
    });
  }

  @Override
  public void crossEntropyRows(double[] logits, int rows, int cols, int[] targets, double[] losses) {
    int n = BatchArguments.matrix("logits", logits.length, rows, cols);
    BatchArguments.targets(targets, rows, cols);
    perRow("losses", losses.length, rows);
    if (n == 0) {
      return;
    }
    onDevice("crossEntropyRows", () -> {
      matrixToRows(Precision.F64, Pointer.to(logits), targets, Pointer.to(losses), n, rows, cols);
      return null;
    });
  }

  @Override
  public void meanVarianceRows(double[] x, int rows, int cols, double[] means, double[] variances) {
    int n = BatchArguments.matrix("x", x.length, rows, cols);
    perRow("means", means.length, rows);
    perRow("variances", variances.length, rows);
    if (n == 0) {
      emptyBatches.meanVarianceRows(x, rows, cols, means, variances);
      return;
    }
    onDevice("meanVarianceRows", () -> {
      moments(Precision.F64, Pointer.to(x), Pointer.to(means), Pointer.to(variances), n, rows, cols);
      return null;
    });
  }

  @Override
  public void layerNormRows(double[] x, int rows, int cols, double eps, double[] gamma, double[] beta, double[] out) {
    int n = matrixInOut(x.length, out.length, rows, cols);
    BatchArguments.eps(eps);
    if (gamma != null) {
      BatchArguments.optionalColumns("gamma", gamma.length, cols);
    }
    if (beta != null) {
      BatchArguments.optionalColumns("beta", beta.length, cols);
    }
    if (n == 0) {
      return;
    }
    onDevice("layerNormRows", () -> {
      layerNorm(Precision.F64, Pointer.to(x), gamma == null ? null : Pointer.to(gamma),
          beta == null ? null : Pointer.to(beta), Pointer.to(out), n, rows, cols, eps);
      return null;
    });
  }

  // ------------------------------------------------------------------ loss scaling

  @Override
  public boolean unscaleAndCheckFinite(float inverseScale, float[]... gradients) {
    BatchArguments.gradients(gradients);
    return onDevice("unscaleAndCheckFinite", () -> {
      CUdeviceptr flag = flagBuffer.atLeast(Integer.BYTES);
      CudaCalls.check(cuMemsetD32(flag, 0, 1), "clearing the non-finite flag");
      for (float[] g : gradients) {
        if (g.length == 0) {
          continue;
        }
        long bytes = (long) g.length * Float.BYTES;
        CUdeviceptr dg = input.atLeast(bytes);
        copyIn(dg, Pointer.to(g), bytes, "a gradient buffer");
        launcher.unscale(dg, g.length, inverseScale, flag);
        copyOut(Pointer.to(g), dg, bytes, "a gradient buffer");
      }
      int[] found = {0};
      copyOut(Pointer.to(found), flag, Integer.BYTES, "the non-finite flag");
      return found[0] == 0;
    });
  }

  // ------------------------------------------------------------------ device-resident access

  /**
   * Runs {@code body} with this backend's context current and its kernel launcher, for callers
   * that keep data on the device (the benchmark). Serialised with the other calls.
   */
  <T> T withLauncher(String operation, java.util.function.Function<RowKernelLauncher, T> body) {
    return onDevice(operation, () -> body.apply(launcher));
  }

  @Override
  public String toString() {
    return "CudaBatchOps[" + context.describe() + "]";
  }
}
