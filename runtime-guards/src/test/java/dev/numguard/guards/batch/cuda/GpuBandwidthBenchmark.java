package dev.numguard.guards.batch.cuda;

import static jcuda.driver.JCudaDriver.cuEventCreate;
import static jcuda.driver.JCudaDriver.cuEventDestroy;
import static jcuda.driver.JCudaDriver.cuEventElapsedTime;
import static jcuda.driver.JCudaDriver.cuEventRecord;
import static jcuda.driver.JCudaDriver.cuEventSynchronize;
import static jcuda.driver.JCudaDriver.cuMemcpyHtoD;

import dev.numguard.guards.batch.BackendUnavailableException;
import java.util.Locale;
import java.util.SplittableRandom;
import jcuda.Pointer;
import jcuda.driver.CUdeviceptr;
import jcuda.driver.CUevent;

/**
 * Effective bandwidth of each kernel on device-resident data: (bytes read + bytes written) / time,
 * against the device's theoretical peak DRAM bandwidth (2 x memory clock x bus width). Timed with
 * CUDA events over repeated launches after a warm-up; host transfers are excluded, as they are
 * when torch times its kernels on tensors already on the GPU.
 *
 * <p>Prints one CSV line per kernel and shape: {@code
 * kernel,dtype,rows,cols,microseconds,gigabytes_per_second,percent_of_peak}, after a header line
 * {@code # peak_gbps=...}. Run by scripts/gpu-check.sh.
 */
public final class GpuBandwidthBenchmark {

  private static final int[][] SHAPES = {
    {65536, 128}, {32768, 512}, {16384, 1024}, {4096, 4096}, {1024, 16384}, {256, 65536},
  };
  private static final int WARMUP = 5;
  private static final int REPEATS = 30;

  private GpuBandwidthBenchmark() {}

  public static void main(String[] args) {
    CudaBatchOps opened;
    try {
      opened = CudaBatchOps.open();
    } catch (BackendUnavailableException e) {
      System.err.println("GpuBandwidthBenchmark: no CUDA device: " + e.getMessage());
      System.exit(2);
      return;
    }
    try (CudaBatchOps cuda = opened) {
      double peak = cuda.peakBandwidthBytesPerSecond();
      System.out.printf(Locale.ROOT, "# device=%s%n", cuda);
      System.out.printf(Locale.ROOT, "# peak_gbps=%.1f%n", peak / 1e9);
      System.out.println("kernel,dtype,rows,cols,microseconds,gigabytes_per_second,percent_of_peak");
      for (int[] shape : SHAPES) {
        cuda.withLauncher("benchmark", launcher -> {
          run(launcher, shape[0], shape[1], peak);
          return null;
        });
      }
    }
  }

  @FunctionalInterface
  private interface Launch {
    void run();
  }

  private static void run(RowKernelLauncher launcher, int rows, int cols, double peak) {
    long n = (long) rows * cols;
    DeviceBuffer in = new DeviceBuffer("benchmark input f32");
    DeviceBuffer in64 = new DeviceBuffer("benchmark input f64");
    DeviceBuffer out = new DeviceBuffer("benchmark output");
    DeviceBuffer perRowA = new DeviceBuffer("benchmark per-row a");
    DeviceBuffer perRowB = new DeviceBuffer("benchmark per-row b");
    DeviceBuffer targets = new DeviceBuffer("benchmark targets");
    DeviceBuffer flag = new DeviceBuffer("benchmark flag");
    try {
      CUdeviceptr x = in.atLeast(n * Float.BYTES);
      CUdeviceptr x64 = in64.atLeast(n * Double.BYTES);
      CUdeviceptr y = out.atLeast(n * Double.BYTES);
      CUdeviceptr a = perRowA.atLeast((long) rows * Double.BYTES);
      CUdeviceptr b = perRowB.atLeast((long) rows * Double.BYTES);
      CUdeviceptr t = targets.atLeast((long) rows * Integer.BYTES);
      CUdeviceptr f = flag.atLeast(Integer.BYTES);
      fillRandom(x, x64, n, rows, cols, t);
      CUdeviceptr none = new CUdeviceptr();
      long f32 = n * Float.BYTES;
      long f64 = n * Double.BYTES;
      long perRow32 = (long) rows * Float.BYTES;
      report("softmax", "f32", rows, cols, 2 * f32, peak,
          time(() -> launcher.softmax(Precision.F32, x, y, rows, cols, false)));
      report("log_softmax", "f32", rows, cols, 2 * f32, peak,
          time(() -> launcher.softmax(Precision.F32, x, y, rows, cols, true)));
      report("logsumexp", "f32", rows, cols, f32 + perRow32, peak,
          time(() -> launcher.logSumExp(Precision.F32, x, a, none, rows, cols)));
      report("cross_entropy", "f32", rows, cols, f32 + 2 * perRow32, peak,
          time(() -> launcher.logSumExp(Precision.F32, x, a, t, rows, cols)));
      report("mean_var", "f32", rows, cols, f32 + 2 * perRow32, peak,
          time(() -> launcher.moments(Precision.F32, x, a, b, rows, cols)));
      report("layer_norm", "f32", rows, cols, 2 * f32, peak,
          time(() -> launcher.layerNorm(Precision.F32, x, y, none, none, rows, cols, 1e-5)));
      report("unscale", "f32", rows, cols, 2 * f32, peak,
          time(() -> launcher.unscale(y, n, 0.5f, f)));
      report("softmax", "f64", rows, cols, 2 * f64, peak,
          time(() -> launcher.softmax(Precision.F64, x64, y, rows, cols, false)));
      report("logsumexp", "f64", rows, cols, f64 + (long) rows * Double.BYTES, peak,
          time(() -> launcher.logSumExp(Precision.F64, x64, a, none, rows, cols)));
    } finally {
      for (DeviceBuffer buffer : new DeviceBuffer[] {in, in64, out, perRowA, perRowB, targets, flag}) {
        buffer.free();
      }
    }
  }

  /** The same Gaussian logits (standard deviation 3) as floats and as doubles, and random targets. */
  private static void fillRandom(CUdeviceptr x32, CUdeviceptr x64, long n, int rows, int cols, CUdeviceptr targets) {
    SplittableRandom random = new SplittableRandom(42);
    int chunk = (int) Math.min(n, 1 << 22);
    double[] doubles = new double[chunk];
    float[] floats = new float[chunk];
    for (long done = 0; done < n; done += chunk) {
      int count = (int) Math.min(chunk, n - done);
      for (int i = 0; i < count; i++) {
        doubles[i] = random.nextGaussian() * 3;
        floats[i] = (float) doubles[i];
      }
      CudaCalls.check(cuMemcpyHtoD(x64.withByteOffset(done * Double.BYTES), Pointer.to(doubles), (long) count * Double.BYTES), "fill f64");
      CudaCalls.check(cuMemcpyHtoD(x32.withByteOffset(done * Float.BYTES), Pointer.to(floats), (long) count * Float.BYTES), "fill f32");
    }
    int[] classes = new int[rows];
    for (int r = 0; r < rows; r++) {
      classes[r] = random.nextInt(cols);
    }
    CudaCalls.check(cuMemcpyHtoD(targets, Pointer.to(classes), (long) rows * Integer.BYTES), "targets");
  }

  /** Mean seconds per launch. */
  private static double time(Launch launch) {
    for (int i = 0; i < WARMUP; i++) {
      launch.run();
    }
    CUevent start = new CUevent();
    CUevent stop = new CUevent();
    CudaCalls.check(cuEventCreate(start, 0), "cuEventCreate");
    CudaCalls.check(cuEventCreate(stop, 0), "cuEventCreate");
    try {
      CudaCalls.check(cuEventRecord(start, null), "cuEventRecord");
      for (int i = 0; i < REPEATS; i++) {
        launch.run();
      }
      CudaCalls.check(cuEventRecord(stop, null), "cuEventRecord");
      CudaCalls.check(cuEventSynchronize(stop), "cuEventSynchronize");
      float[] ms = {0};
      CudaCalls.check(cuEventElapsedTime(ms, start, stop), "cuEventElapsedTime");
      return ms[0] / 1e3 / REPEATS;
    } finally {
      cuEventDestroy(start);
      cuEventDestroy(stop);
    }
  }

  private static void report(String kernel, String dtype, int rows, int cols, long bytes, double peak, double seconds) {
    double bandwidth = bytes / seconds;
    System.out.printf(Locale.ROOT, "%s,%s,%d,%d,%.2f,%.1f,%.1f%n",
        kernel, dtype, rows, cols, seconds * 1e6, bandwidth / 1e9, 100 * bandwidth / peak);
  }
}
