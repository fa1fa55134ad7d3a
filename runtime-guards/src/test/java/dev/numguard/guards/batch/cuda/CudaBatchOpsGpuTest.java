package dev.numguard.guards.batch.cuda;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.abort;

import dev.numguard.guards.LossScaler;
import dev.numguard.guards.batch.AutoBatchOps;
import dev.numguard.guards.batch.BackendKind;
import dev.numguard.guards.batch.BackendUnavailableException;
import dev.numguard.guards.batch.Backends;
import dev.numguard.guards.batch.CpuBatchOps;
import dev.numguard.guards.batch.HostileMatrices;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The CUDA backend against the CPU backend on random and hostile rows, float and double, on both
 * kernel variants (warp per row up to 1024 columns, block per row beyond, with 256, 512 and 1024
 * threads). Needs a CUDA device: tagged {@code gpu} (excluded from the default build; run with
 * {@code -Dgroups=gpu} or scripts/gpu-check.sh) and skipped where no device is present.
 *
 * <p>Uses JUnit's assertions only, so that the trimmed Java runtime of the GPU bundle needs no
 * extra modules.
 */
@Tag("gpu")
class CudaBatchOpsGpuTest {

  private static CudaBatchOps cuda;
  private static final CpuBatchOps CPU = CpuBatchOps.shared();

  @BeforeAll
  static void openDevice() {
    try {
      cuda = CudaBatchOps.open();
    } catch (BackendUnavailableException e) {
      abort("no CUDA device: " + e.getMessage());
    }
    System.out.println("GPU tests on " + cuda);
  }

  @AfterAll
  static void closeDevice() {
    if (cuda != null) {
      cuda.close();
    }
  }

  static double[] matrix(int cols, long seed) {
    List<double[]> rows = new ArrayList<>();
    if (cols >= 2) {
      rows.addAll(HostileMatrices.hostileRows(cols, seed));
    }
    rows.addAll(HostileMatrices.randomRows(50, cols, 4.0, seed + 1));
    rows.addAll(HostileMatrices.randomRows(5, cols, 300.0, seed + 2));
    return HostileMatrices.flatten(rows, cols);
  }

  /** Special values exactly; otherwise within {@code relative} of the CPU, or {@code absolute}. */
  static void assertAgrees(double gpu, double cpu, double relative, double absolute, String where) {
    if (Double.isNaN(cpu) || Double.isInfinite(cpu)) {
      if (!(Double.compare(gpu, cpu) == 0 || (Double.isNaN(gpu) && Double.isNaN(cpu)))) {
        fail(where + ": GPU " + gpu + ", CPU " + cpu);
      }
      return;
    }
    double tolerance = Math.max(absolute, relative * Math.abs(cpu));
    if (!(Math.abs(gpu - cpu) <= tolerance)) {
      fail(where + ": GPU " + gpu + ", CPU " + cpu + " (tolerance " + tolerance + ")");
    }
  }

  /** The largest finite magnitude in row {@code r} (1 for rows without finite values). */
  static double finiteScale(double[] x, int r, int cols) {
    double scale = 0;
    for (int j = 0; j < cols; j++) {
      double v = Math.abs(x[r * cols + j]);
      if (Double.isFinite(v)) {
        scale = Math.max(scale, v);
      }
    }
    return scale == 0 ? 1 : scale;
  }

  private static final int[] SHAPES = {1, 2, 7, 32, 33, 1000, 1024, 1025, 4097, 16385, 40000};

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 7, 32, 33, 1000, 1024, 1025, 4097, 16385, 40000})
  void floatSoftmaxFamilyAgreesWithTheCpu(int cols) {
    float[] x = HostileMatrices.toFloat(matrix(cols, cols));
    int rows = x.length / cols;
    int[] targets = HostileMatrices.targets(rows, cols, cols);
    float[] gpu = new float[x.length];
    float[] cpu = new float[x.length];
    cuda.softmaxRows(x, rows, cols, gpu);
    CPU.softmaxRows(x, rows, cols, cpu);
    for (int i = 0; i < x.length; i++) {
      assertAgrees(gpu[i], cpu[i], 2e-5, 1e-30, "softmax " + cols + " cols, element " + i);
    }
    cuda.logSoftmaxRows(x, rows, cols, gpu);
    CPU.logSoftmaxRows(x, rows, cols, cpu);
    for (int i = 0; i < x.length; i++) {
      assertAgrees(gpu[i], cpu[i], 1e-5, 1e-5, "logSoftmax " + cols + " cols, element " + i);
    }
    float[] gpuRows = new float[rows];
    float[] cpuRows = new float[rows];
    cuda.logSumExpRows(x, rows, cols, gpuRows);
    CPU.logSumExpRows(x, rows, cols, cpuRows);
    for (int r = 0; r < rows; r++) {
      assertAgrees(gpuRows[r], cpuRows[r], 1e-6, 1e-5, "logSumExp " + cols + " cols, row " + r);
    }
    cuda.crossEntropyRows(x, rows, cols, targets, gpuRows);
    CPU.crossEntropyRows(x, rows, cols, targets, cpuRows);
    for (int r = 0; r < rows; r++) {
      assertAgrees(gpuRows[r], cpuRows[r], 1e-5, 1e-5, "crossEntropy " + cols + " cols, row " + r);
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 7, 33, 1024, 1025, 16385})
  void doubleSoftmaxFamilyAgreesWithTheCpu(int cols) {
    double[] x = matrix(cols, 3 * cols);
    int rows = x.length / cols;
    int[] targets = HostileMatrices.targets(rows, cols, cols);
    double[] gpu = new double[x.length];
    double[] cpu = new double[x.length];
    cuda.softmaxRows(x, rows, cols, gpu);
    CPU.softmaxRows(x, rows, cols, cpu);
    for (int i = 0; i < x.length; i++) {
      assertAgrees(gpu[i], cpu[i], 1e-13, 1e-300, "softmax " + cols + " cols, element " + i);
    }
    cuda.logSoftmaxRows(x, rows, cols, gpu);
    CPU.logSoftmaxRows(x, rows, cols, cpu);
    for (int i = 0; i < x.length; i++) {
      assertAgrees(gpu[i], cpu[i], 1e-13, 1e-13, "logSoftmax " + cols + " cols, element " + i);
    }
    double[] gpuRows = new double[rows];
    double[] cpuRows = new double[rows];
    cuda.logSumExpRows(x, rows, cols, gpuRows);
    CPU.logSumExpRows(x, rows, cols, cpuRows);
    for (int r = 0; r < rows; r++) {
      assertAgrees(gpuRows[r], cpuRows[r], 1e-14, 1e-13, "logSumExp " + cols + " cols, row " + r);
    }
    cuda.crossEntropyRows(x, rows, cols, targets, gpuRows);
    CPU.crossEntropyRows(x, rows, cols, targets, cpuRows);
    for (int r = 0; r < rows; r++) {
      assertAgrees(gpuRows[r], cpuRows[r], 1e-13, 1e-13, "crossEntropy " + cols + " cols, row " + r);
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 7, 33, 1024, 1025, 4097, 40000})
  void momentsAndLayerNormAgreeWithTheCpu(int cols) {
    double[] x = matrix(cols, 5 * cols);
    int rows = x.length / cols;
    float[] xf = HostileMatrices.toFloat(x);
    SplittableRandom random = new SplittableRandom(cols);
    double[] gamma = random.doubles(cols, 0.5, 2).toArray();
    double[] beta = random.doubles(cols, -1, 1).toArray();

    double[] gm = new double[rows];
    double[] gv = new double[rows];
    double[] cm = new double[rows];
    double[] cv = new double[rows];
    cuda.meanVarianceRows(x, rows, cols, gm, gv);
    CPU.meanVarianceRows(x, rows, cols, cm, cv);
    // the GPU accumulates in the element type: errors scale with the row's magnitude, not its mean
    for (int r = 0; r < rows; r++) {
      double scale = finiteScale(x, r, cols);
      assertAgrees(gm[r], cm[r], 1e-13, 1e-14 * scale, "double mean " + cols + " cols, row " + r);
      assertAgrees(gv[r], cv[r], 1e-9, 1e-14 * scale * scale, "double variance " + cols + " cols, row " + r);
    }
    float[] gmf = new float[rows];
    float[] gvf = new float[rows];
    float[] cmf = new float[rows];
    float[] cvf = new float[rows];
    cuda.meanVarianceRows(xf, rows, cols, gmf, gvf);
    CPU.meanVarianceRows(xf, rows, cols, cmf, cvf);
    for (int r = 0; r < rows; r++) {
      double scale = finiteScale(x, r, cols);
      assertAgrees(gmf[r], cmf[r], 1e-5, 1e-6 * scale, "float mean " + cols + " cols, row " + r);
      assertAgrees(gvf[r], cvf[r], 2e-3, 1e-6 * scale * scale, "float variance " + cols + " cols, row " + r);
    }

    double[] gpu = new double[x.length];
    double[] cpu = new double[x.length];
    cuda.layerNormRows(x, rows, cols, 1e-5, gamma, beta, gpu);
    CPU.layerNormRows(x, rows, cols, 1e-5, gamma, beta, cpu);
    for (int i = 0; i < x.length; i++) {
      assertAgrees(gpu[i], cpu[i], 1e-9, 1e-9, "double layerNorm " + cols + " cols, element " + i);
    }
    float[] gpuF = new float[x.length];
    float[] cpuF = new float[x.length];
    cuda.layerNormRows(xf, rows, cols, 1e-5f, gpuF);
    CPU.layerNormRows(xf, rows, cols, 1e-5f, cpuF);
    for (int i = 0; i < x.length; i++) {
      assertAgrees(gpuF[i], cpuF[i], 2e-3, 2e-3, "float layerNorm " + cols + " cols, element " + i);
    }
  }

  @Test
  void unscaleEqualsLossScalerBitForBit() {
    SplittableRandom random = new SplittableRandom(9);
    float[] big = new float[3_000_001];
    for (int i = 0; i < big.length; i++) {
      big[i] = (float) random.nextDouble(-7e4, 7e4);
    }
    big[17] = Float.MIN_VALUE; // subnormal in, 0 out: no flush-to-zero differences
    float[] small = {1f, -2f, 3e-8f};
    for (boolean poison : new boolean[] {false, true}) {
      float[] a = big.clone();
      float[] b = small.clone();
      if (poison) {
        a[2_999_999] = Float.NEGATIVE_INFINITY;
      }
      float[] ea = a.clone();
      float[] eb = b.clone();
      LossScaler scaler = new LossScaler();
      boolean expected = scaler.unscale(ea, eb);
      assertEquals(expected, cuda.unscaleAndCheckFinite(scaler.inverseScale(), a, b, new float[0]));
      assertEquals(!poison, expected);
      assertArrayEquals(ea, a);
      assertArrayEquals(eb, b);
    }
  }

  @Test
  void buffersAreReusedAndResizedAcrossCalls() {
    for (int cols : new int[] {10, 5000, 10, 20000, 3}) {
      int rows = 37;
      double[] x = HostileMatrices.flatten(HostileMatrices.randomRows(rows, cols, 2, cols), cols);
      double[] gpu = new double[rows];
      double[] cpu = new double[rows];
      cuda.logSumExpRows(x, rows, cols, gpu);
      CPU.logSumExpRows(x, rows, cols, cpu);
      for (int r = 0; r < rows; r++) {
        assertAgrees(gpu[r], cpu[r], 1e-14, 1e-13, "reuse, " + cols + " cols, row " + r);
      }
    }
  }

  @Test
  void emptyShapesAndInPlace() {
    double[] lse = {7, 7};
    cuda.logSumExpRows(new double[0], 2, 0, lse);
    assertArrayEquals(new double[] {Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY}, lse);
    float[] none = {};
    cuda.softmaxRows(none, 0, 4, none);
    float[] x = {1000f, 1001f, 1002f, 0f, 0f, 0f};
    float[] expected = new float[6];
    CPU.softmaxRows(x, 2, 3, expected);
    cuda.softmaxRows(x, 2, 3, x);
    for (int i = 0; i < 6; i++) {
      assertAgrees(x[i], expected[i], 2e-6, 0, "in-place softmax element " + i);
    }
    assertThrows(IndexOutOfBoundsException.class,
        () -> cuda.crossEntropyRows(new float[4], 2, 2, new int[] {0, 5}, new float[2]));
  }

  @Test
  void selectionUsesTheDevice() {
    assertTrue(Backends.cudaAvailability().available(), Backends.cudaAvailability().reason());
    assertEquals(BackendKind.CUDA, Backends.cuda().kind());
    assertEquals(BackendKind.CUDA, new AutoBatchOps(1000).choose(1000));
    assertEquals(BackendKind.CPU, new AutoBatchOps(1000).choose(999));
  }

  @Test
  void aClosedBackendRefusesWork() {
    CudaBatchOps own = CudaBatchOps.open();
    own.logSumExpRows(new float[] {1, 2}, 1, 2, new float[1]);
    own.close();
    own.close(); // idempotent
    assertThrows(IllegalStateException.class, () -> own.logSumExpRows(new float[] {1, 2}, 1, 2, new float[1]));
  }

  @Test
  void shapesUnderTestCoverEveryLaunchVariant() {
    boolean warp = false;
    boolean block256 = false;
    boolean block512 = false;
    boolean block1024 = false;
    for (int cols : SHAPES) {
      if (RowKernelLauncher.warpPerRow(cols)) {
        warp = true;
      } else {
        int threads = RowKernelLauncher.blockThreads(cols);
        block256 |= threads == 256;
        block512 |= threads == 512;
        block1024 |= threads == 1024;
      }
    }
    assertTrue(warp && block256 && block512 && block1024);
  }
}
