package dev.numguard.guards.batch.cuda;

import static jcuda.driver.JCudaDriver.cuLaunchKernel;

import dev.numguard.guards.batch.KernelPtx;
import jcuda.Pointer;
import jcuda.driver.CUdeviceptr;

/**
 * Launches the PTX kernels on device buffers, choosing the variant and launch shape: one warp per
 * row (4 rows per 128-thread block) for rows of at most {@value #WARP_ROW_MAX_COLS} elements, one
 * block per row for longer rows, with 256 to 1024 threads as the row grows. Launches are
 * asynchronous on the default stream; the caller synchronises (a device-to-host copy does).
 */
final class RowKernelLauncher {
  /** The longest row handled by one warp; longer rows get a block each. */
  static final int WARP_ROW_MAX_COLS = 1024;

  private static final int WARP = 32;
  private static final int WARP_BLOCK_THREADS = 128;
  private static final int UNSCALE_BLOCK_THREADS = 256;

  private final CudaContext context;

  RowKernelLauncher(CudaContext context) {
    this.context = context;
  }

  /** Threads per block of the block-per-row variant for rows of {@code cols} elements. */
  static int blockThreads(int cols) {
    if (cols <= 4096) {
      return 256;
    }
    if (cols <= 16384) {
      return 512;
    }
    return 1024;
  }

  static boolean warpPerRow(int cols) {
    return cols <= WARP_ROW_MAX_COLS;
  }

  /** Softmax ({@code log == false}) or log-softmax of each row of {@code x} into {@code y}. */
  void softmax(Precision p, CUdeviceptr x, CUdeviceptr y, int rows, int cols, boolean log) {
    launchRows("softmax", p, rows, cols, Pointer.to(
        Pointer.to(x), Pointer.to(y), Pointer.to(new int[] {rows}), Pointer.to(new int[] {cols}),
        Pointer.to(new int[] {log ? 1 : 0})));
  }

  /**
   * Log-sum-exp of each row into {@code out}; with {@code targets} (an int array on the device),
   * the cross-entropy {@code lse - x[target]} instead. {@code targets} may be a null device pointer.
   */
  void logSumExp(Precision p, CUdeviceptr x, CUdeviceptr out, CUdeviceptr targets, int rows, int cols) {
    launchRows("logsumexp", p, rows, cols, Pointer.to(
        Pointer.to(x), Pointer.to(out), Pointer.to(targets), Pointer.to(new int[] {rows}),
        Pointer.to(new int[] {cols})));
  }

  /** Mean and population variance of each row. */
  void moments(Precision p, CUdeviceptr x, CUdeviceptr mean, CUdeviceptr variance, int rows, int cols) {
    launchRows("moments", p, rows, cols, Pointer.to(
        Pointer.to(x), Pointer.to(mean), Pointer.to(variance), Pointer.to(new int[] {rows}),
        Pointer.to(new int[] {cols})));
  }

  /** Layer norm of each row; {@code gamma} and {@code beta} may be null device pointers. */
  void layerNorm(Precision p, CUdeviceptr x, CUdeviceptr y, CUdeviceptr gamma, CUdeviceptr beta,
      int rows, int cols, double eps) {
    Pointer epsilon = p == Precision.F32 ? Pointer.to(new float[] {(float) eps}) : Pointer.to(new double[] {eps});
    launchRows("layernorm", p, rows, cols, Pointer.to(
        Pointer.to(x), Pointer.to(y), Pointer.to(gamma), Pointer.to(beta), Pointer.to(new int[] {rows}),
        Pointer.to(new int[] {cols}), epsilon));
  }

  /** {@code g[i] *= inverseScale} over {@code n} floats; sets the int at {@code flag} to 1 on a non-finite input. */
  void unscale(CUdeviceptr g, long n, float inverseScale, CUdeviceptr flag) {
    long blocksNeeded = (n + UNSCALE_BLOCK_THREADS - 1) / UNSCALE_BLOCK_THREADS;
    int grid = (int) Math.max(1, Math.min(blocksNeeded, 8L * context.multiprocessors()));
    Pointer params = Pointer.to(
        Pointer.to(g), Pointer.to(new long[] {n}), Pointer.to(new float[] {inverseScale}), Pointer.to(flag));
    CudaCalls.check(
        cuLaunchKernel(context.function(KernelPtx.UNSCALE_KERNEL), grid, 1, 1, UNSCALE_BLOCK_THREADS, 1, 1, 0, null, params, null),
        "launch of " + KernelPtx.UNSCALE_KERNEL);
  }

  private void launchRows(String operation, Precision p, int rows, int cols, Pointer params) {
    boolean warp = warpPerRow(cols);
    String name = KernelPtx.rowKernel(operation, warp, p.suffix);
    int rowsPerBlock = WARP_BLOCK_THREADS / WARP;
    int grid = warp ? (int) (((long) rows + rowsPerBlock - 1) / rowsPerBlock) : rows;
    int threads = warp ? WARP_BLOCK_THREADS : blockThreads(cols);
    CudaCalls.check(
        cuLaunchKernel(context.function(name), grid, 1, 1, threads, 1, 1, 0, null, params, null),
        "launch of " + name + " (" + rows + " x " + cols + ")");
  }
}
