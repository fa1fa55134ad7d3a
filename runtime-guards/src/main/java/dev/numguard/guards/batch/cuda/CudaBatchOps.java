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

  // ------------------------------------------------------------------ one path per operation
  //
  // Each operation is written once, for either precision: the array arguments arrive as Object and
  // become JCuda pointers through their Precision only after the arguments have been checked, so
  // that an empty batch never touches the device.

  /** Softmax ({@code log == false}) or log-softmax: a matrix in, a matrix out. */
  private void rowsToRows(String operation, Precision p, Object x, int xLength, Object out, int outLength,
      int rows, int cols, boolean log) {
    int n = matrixInOut(xLength, outLength, rows, cols);
    if (n == 0) {
      return;
    }
    onDevice(operation, () -> {
      long bytes = (long) n * p.bytes;
      CUdeviceptr dx = input.atLeast(bytes);
      CUdeviceptr dy = output.atLeast(bytes);
      copyIn(dx, p.pointerTo(x), bytes, "the input");
      launcher.softmax(p, dx, dy, rows, cols, log);
      copyOut(p.pointerTo(out), dy, bytes, "the result");
      return null;
    });
  }

  /**
   * Log-sum-exp ({@code targets == null}) or cross-entropy: a matrix in, one value per row out.
   * {@code emptyRows} answers a batch of rows without columns.
   */
  private void rowsToValues(String operation, Precision p, String inName, Object x, int xLength, int[] targets,
      String outName, Object out, int outLength, int rows, int cols, Runnable emptyRows) {
    int n = BatchArguments.matrix(inName, xLength, rows, cols);
    if (targets != null) {
      BatchArguments.targets(targets, rows, cols);
    }
    BatchArguments.room(outName, outLength, rows);
    if (n == 0) {
      emptyRows.run(); // with cols == 0 and rows > 0 a targets check has already thrown
      return;
    }
    onDevice(operation, () -> {
      long bytes = (long) n * p.bytes;
      CUdeviceptr dx = input.atLeast(bytes);
      CUdeviceptr dOut = rowResultA.atLeast((long) rows * p.bytes);
      copyIn(dx, p.pointerTo(x), bytes, "the input");
      CUdeviceptr dTargets = new CUdeviceptr();
      if (targets != null) {
        dTargets = targetBuffer.atLeast((long) rows * Integer.BYTES);
        copyIn(dTargets, Pointer.to(targets), (long) rows * Integer.BYTES, "the targets");
      }
      launcher.logSumExp(p, dx, dOut, dTargets, rows, cols);
      copyOut(p.pointerTo(out), dOut, (long) rows * p.bytes, "the per-row results");
      return null;
    });
  }

  private void moments(Precision p, Object x, int xLength, Object means, int meansLength, Object variances,
      int variancesLength, int rows, int cols, Runnable emptyRows) {
    int n = BatchArguments.matrix("x", xLength, rows, cols);
    BatchArguments.room("means", meansLength, rows);
    BatchArguments.room("variances", variancesLength, rows);
    if (n == 0) {
      emptyRows.run();
      return;
    }
    onDevice("meanVarianceRows", () -> {
      long bytes = (long) n * p.bytes;
      CUdeviceptr dx = input.atLeast(bytes);
      CUdeviceptr dMean = rowResultA.atLeast((long) rows * p.bytes);
      CUdeviceptr dVar = rowResultB.atLeast((long) rows * p.bytes);
      copyIn(dx, p.pointerTo(x), bytes, "the input");
      launcher.moments(p, dx, dMean, dVar, rows, cols);
      copyOut(p.pointerTo(means), dMean, (long) rows * p.bytes, "the means");
      copyOut(p.pointerTo(variances), dVar, (long) rows * p.bytes, "the variances");
      return null;
    });
  }

  private void layerNorm(Precision p, Object x, int xLength, double eps, Object gamma, int gammaLength,
      Object beta, int betaLength, Object out, int outLength, int rows, int cols) {
    int n = matrixInOut(xLength, outLength, rows, cols);
    BatchArguments.eps(eps);
    if (gamma != null) {
      BatchArguments.optionalColumns("gamma", gammaLength, cols);
    }
    if (beta != null) {
      BatchArguments.optionalColumns("beta", betaLength, cols);
    }
    if (n == 0) {
      return;
    }
    onDevice("layerNormRows", () -> {
      long bytes = (long) n * p.bytes;
      long columnBytes = (long) cols * p.bytes;
      CUdeviceptr dx = input.atLeast(bytes);
      CUdeviceptr dy = output.atLeast(bytes);
      copyIn(dx, p.pointerTo(x), bytes, "the input");
      CUdeviceptr dGamma = new CUdeviceptr();
      if (gamma != null) {
        dGamma = gammaBuffer.atLeast(columnBytes);
        copyIn(dGamma, p.pointerTo(gamma), columnBytes, "gamma");
      }
      CUdeviceptr dBeta = new CUdeviceptr();
      if (beta != null) {
        dBeta = betaBuffer.atLeast(columnBytes);
        copyIn(dBeta, p.pointerTo(beta), columnBytes, "beta");
      }
      launcher.layerNorm(p, dx, dy, dGamma, dBeta, rows, cols, eps);
      copyOut(p.pointerTo(out), dy, bytes, "the result");
      return null;
    });
  }

  private static int matrixInOut(int inLength, int outLength, int rows, int cols) {
    int elements = BatchArguments.matrix("x", inLength, rows, cols);
    BatchArguments.room("out", outLength, elements);
    return elements;
  }

  // ------------------------------------------------------------------ float

  @Override
  public void softmaxRows(float[] x, int rows, int cols, float[] out) {
    rowsToRows("softmaxRows", Precision.F32, x, x.length, out, out.length, rows, cols, false);
  }

  @Override
  public void logSoftmaxRows(float[] x, int rows, int cols, float[] out) {
    rowsToRows("logSoftmaxRows", Precision.F32, x, x.length, out, out.length, rows, cols, true);
  }

  @Override
  public void logSumExpRows(float[] x, int rows, int cols, float[] out) {
    rowsToValues("logSumExpRows", Precision.F32, "x", x, x.length, null, "out", out, out.length, rows, cols,
        () -> emptyBatches.logSumExpRows(x, rows, cols, out));
  }

  @Override
  public void crossEntropyRows(float[] logits, int rows, int cols, int[] targets, float[] losses) {
    rowsToValues("crossEntropyRows", Precision.F32, "logits", logits, logits.length, targets, "losses", losses,
        losses.length, rows, cols, () -> { });
  }

  @Override
  public void meanVarianceRows(float[] x, int rows, int cols, float[] means, float[] variances) {
    moments(Precision.F32, x, x.length, means, means.length, variances, variances.length, rows, cols,
        () -> emptyBatches.meanVarianceRows(x, rows, cols, means, variances));
  }

  @Override
  public void layerNormRows(float[] x, int rows, int cols, float eps, float[] gamma, float[] beta, float[] out) {
    layerNorm(Precision.F32, x, x.length, eps, gamma, gamma == null ? 0 : gamma.length, beta,
        beta == null ? 0 : beta.length, out, out.length, rows, cols);
  }

  // ------------------------------------------------------------------ double

  @Override
  public void softmaxRows(double[] x, int rows, int cols, double[] out) {
    rowsToRows("softmaxRows", Precision.F64, x, x.length, out, out.length, rows, cols, false);
  }

  @Override
  public void logSoftmaxRows(double[] x, int rows, int cols, double[] out) {
    rowsToRows("logSoftmaxRows", Precision.F64, x, x.length, out, out.length, rows, cols, true);
  }

  @Override
  public void logSumExpRows(double[] x, int rows, int cols, double[] out) {
    rowsToValues("logSumExpRows", Precision.F64, "x", x, x.length, null, "out", out, out.length, rows, cols,
        () -> emptyBatches.logSumExpRows(x, rows, cols, out));
  }

  @Override
  public void crossEntropyRows(double[] logits, int rows, int cols, int[] targets, double[] losses) {
    rowsToValues("crossEntropyRows", Precision.F64, "logits", logits, logits.length, targets, "losses", losses,
        losses.length, rows, cols, () -> { });
  }

  @Override
  public void meanVarianceRows(double[] x, int rows, int cols, double[] means, double[] variances) {
    moments(Precision.F64, x, x.length, means, means.length, variances, variances.length, rows, cols,
        () -> emptyBatches.meanVarianceRows(x, rows, cols, means, variances));
  }

  @Override
  public void layerNormRows(double[] x, int rows, int cols, double eps, double[] gamma, double[] beta, double[] out) {
    layerNorm(Precision.F64, x, x.length, eps, gamma, gamma == null ? 0 : gamma.length, beta,
        beta == null ? 0 : beta.length, out, out.length, rows, cols);
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
