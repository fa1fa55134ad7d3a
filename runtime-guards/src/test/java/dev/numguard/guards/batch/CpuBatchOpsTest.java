package dev.numguard.guards.batch;

import static dev.numguard.guards.batch.Agreement.assertWithinUlps;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.numguard.guards.LossScaler;
import dev.numguard.guards.StableMath;
import dev.numguard.guards.Statistics;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The CPU backend row by row against the scalar functions (StableMath for the softmax family,
 * Statistics for moments and layer norm, LossScaler for unscaling) on random and hostile rows,
 * float and double, sequential and parallel; against exact (BigDecimal) moments; oracle values;
 * empty shapes; argument checks.
 */
class CpuBatchOpsTest {

  private static final CpuBatchOps SEQUENTIAL = new CpuBatchOps(Integer.MAX_VALUE);
  private static final CpuBatchOps PARALLEL = new CpuBatchOps(1);

  /** Hostile rows followed by random rows, as one matrix. */
  static double[] matrix(int cols, long seed) {
    List<double[]> rows = new ArrayList<>();
    if (cols >= 2) {
      rows.addAll(HostileMatrices.hostileRows(cols, seed));
    }
    rows.addAll(HostileMatrices.randomRows(9, cols, 4.0, seed + 1));
    rows.addAll(HostileMatrices.randomRows(3, cols, 300.0, seed + 2));
    return HostileMatrices.flatten(rows, cols);
  }

  // ------------------------------------------------------------------ softmax family vs StableMath

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 7, 33, 1000})
  void doubleSoftmaxFamilyEqualsTheScalarFunctions(int cols) {
    double[] x = matrix(cols, 11 * cols);
    int rows = x.length / cols;
    int[] targets = HostileMatrices.targets(rows, cols, cols);
    // both add the exponentials in double, in different orders (StableMath uses two interleaved
    // accumulators): each sum is within (n - 1) eps of exact, so results differ by a few ulps,
    // more for many equal terms (a row of 999 equal e^-160 terms differs by 85 ulps; the bound on
    // the sums alone is 2(n - 1) ulps)
    double ulps = 4 + cols / 4.0;
    for (CpuBatchOps ops : List.of(SEQUENTIAL, PARALLEL)) {
      double[] softmax = new double[x.length];
      double[] logSoftmax = new double[x.length];
      double[] lse = new double[rows];
      double[] ce = new double[rows];
      ops.softmaxRows(x, rows, cols, softmax);
      ops.logSoftmaxRows(x, rows, cols, logSoftmax);
      ops.logSumExpRows(x, rows, cols, lse);
      ops.crossEntropyRows(x, rows, cols, targets, ce);
      for (int r = 0; r < rows; r++) {
        double[] row = HostileMatrices.row(x, r, cols);
        String where = "row " + r + " " + Arrays.toString(Arrays.copyOf(row, Math.min(cols, 4)));
        assertWithinUlps(lse[r], StableMath.logSumExp(row), ulps, "logSumExp " + where);
        assertWithinUlps(ce[r], StableMath.crossEntropy(row, targets[r]), ulps, "crossEntropy " + where);
        double[] expectedSoftmax = StableMath.softmax(row);
        double[] expectedLogSoftmax = StableMath.logSoftmax(row);
        for (int j = 0; j < cols; j++) {
          assertWithinUlps(softmax[r * cols + j], expectedSoftmax[j], ulps, "softmax[" + j + "] " + where);
          assertWithinUlps(logSoftmax[r * cols + j], expectedLogSoftmax[j], ulps, "logSoftmax[" + j + "] " + where);
        }
      }
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 7, 33, 1000})
  void floatSoftmaxFamilyEqualsTheScalarFunctions(int cols) {
    float[] x = HostileMatrices.toFloat(matrix(cols, 13 * cols));
    int rows = x.length / cols;
    int[] targets = HostileMatrices.targets(rows, cols, cols + 1);
    for (CpuBatchOps ops : List.of(SEQUENTIAL, PARALLEL)) {
      float[] softmax = new float[x.length];
      float[] logSoftmax = new float[x.length];
      float[] lse = new float[rows];
      float[] ce = new float[rows];
      ops.softmaxRows(x, rows, cols, softmax);
      ops.logSoftmaxRows(x, rows, cols, logSoftmax);
      ops.logSumExpRows(x, rows, cols, lse);
      ops.crossEntropyRows(x, rows, cols, targets, ce);
      for (int r = 0; r < rows; r++) {
        float[] row = HostileMatrices.row(x, r, cols);
        String where = "row " + r + " " + Arrays.toString(Arrays.copyOf(row, Math.min(cols, 4)));
        // both round one double result to float: equal up to a double rounding
        assertWithinUlps(lse[r], StableMath.logSumExp(row), 1, "logSumExp " + where);
        assertWithinUlps(ce[r], StableMath.crossEntropy(row, targets[r]), 1, "crossEntropy " + where);
        float[] expectedSoftmax = StableMath.softmax(row);
        float[] expectedLogSoftmax = StableMath.logSoftmax(row);
        for (int j = 0; j < cols; j++) {
          assertWithinUlps(softmax[r * cols + j], expectedSoftmax[j], 1, "softmax[" + j + "] " + where);
          assertWithinUlps(logSoftmax[r * cols + j], expectedLogSoftmax[j], 1, "logSoftmax[" + j + "] " + where);
        }
      }
    }
  }

  @Test
  void oracleValues() {
    double[] softmax = new double[3];
    Backends.cpu().softmaxRows(new double[] {1000, 1001, 1002}, 1, 3, softmax);
    // scipy.special.softmax([1000, 1001, 1002])
    assertWithinUlps(softmax[0], 0.09003057317038046, 1, "softmax[0]");
    assertWithinUlps(softmax[1], 0.24472847105479767, 1, "softmax[1]");
    assertWithinUlps(softmax[2], 0.6652409557748219, 1, "softmax[2]");

    double[] logSoftmax = new double[2];
    Backends.cpu().logSoftmaxRows(new double[] {1000, 1}, 1, 2, logSoftmax);
    assertThat(logSoftmax).containsExactly(0.0, -999.0);

    double[] lse = new double[2];
    Backends.cpu().logSumExpRows(new double[] {1000, 1000, -1e4, -1e4}, 2, 2, lse);
    assertThat(lse[0]).isEqualTo(1000 + Math.log(2));
    assertThat(lse[1]).isEqualTo(-1e4 + Math.log(2));

    float[] ce = new float[1];
    Backends.cpu().crossEntropyRows(new float[] {80f, -80f}, 1, 2, new int[] {0}, ce);
    assertThat(ce[0]).isEqualTo((float) Math.exp(-160)); // log1p(e^-160): a dominant logit keeps its tiny loss
  }

  @Test
  void edgeRowsFollowTheDocumentedSemantics() {
    double inf = Double.POSITIVE_INFINITY;
    double[] x = {
      -inf, -inf,   // all -Infinity
      inf, 1,       // +Infinity
      Double.NaN, 1,
      -inf, 2,      // -Infinity next to a finite maximum
    };
    double[] lse = new double[4];
    double[] softmax = new double[8];
    double[] ce = new double[4];
    Backends.cpu().logSumExpRows(x, 4, 2, lse);
    Backends.cpu().softmaxRows(x, 4, 2, softmax);
    Backends.cpu().crossEntropyRows(x, 4, 2, new int[] {0, 1, 1, 0}, ce);
    assertThat(lse).containsExactly(-inf, inf, Double.NaN, 2.0);
    assertThat(Arrays.copyOf(softmax, 6)).containsOnly(Double.NaN);
    assertThat(Arrays.copyOfRange(softmax, 6, 8)).containsExactly(0.0, 1.0);
    assertThat(Arrays.copyOf(ce, 3)).containsOnly(Double.NaN);
    assertThat(ce[3]).isEqualTo(inf);
  }

  // ------------------------------------------------------------------ moments and layer norm

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 7, 33, 1000})
  void meanAndVarianceAreExactlyRoundedOrNearly(int cols) {
    double[] x = matrix(cols, 17 * cols);
    int rows = x.length / cols;
    float[] xf = HostileMatrices.toFloat(x);
    for (CpuBatchOps ops : List.of(SEQUENTIAL, PARALLEL)) {
      double[] mean = new double[rows];
      double[] variance = new double[rows];
      float[] meanF = new float[rows];
      float[] varianceF = new float[rows];
      ops.meanVarianceRows(x, rows, cols, mean, variance);
      ops.meanVarianceRows(xf, rows, cols, meanF, varianceF);
      for (int r = 0; r < rows; r++) {
        double[] row = HostileMatrices.row(x, r, cols);
        double[] rowF = toDouble(HostileMatrices.row(xf, r, cols));
        MomentsOracle expected = MomentsOracle.of(row);
        MomentsOracle expectedF = MomentsOracle.of(rowF);
        assertWithinUlps(mean[r], expected.mean, 2, "mean row " + r);
        assertWithinUlps(variance[r], expected.variance, 4, "variance row " + r);
        assertWithinUlps(meanF[r], (float) expectedF.mean, 1, "float mean row " + r);
        assertWithinUlps(varianceF[r], (float) expectedF.variance, 1, "float variance row " + r);
      }
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 7, 33, 1000})
  void layerNormMatchesItsExactDefinition(int cols) {
    double[] x = matrix(cols, 19 * cols);
    int rows = x.length / cols;
    SplittableRandom random = new SplittableRandom(cols);
    double[] gamma = random.doubles(cols, 0.5, 2).toArray();
    double[] beta = random.doubles(cols, -1, 1).toArray();
    double eps = 1e-5;
    for (CpuBatchOps ops : List.of(SEQUENTIAL, PARALLEL)) {
      double[] plain = new double[x.length];
      double[] affine = new double[x.length];
      ops.layerNormRows(x, rows, cols, eps, plain);
      ops.layerNormRows(x, rows, cols, eps, gamma, beta, affine);
      for (int r = 0; r < rows; r++) {
        MomentsOracle m = MomentsOracle.of(HostileMatrices.row(x, r, cols));
        double invStd = 1 / Math.sqrt(m.variance + eps);
        for (int j = 0; j < cols; j++) {
          double expected = m.deviation(x[r * cols + j]) * invStd;
          // a double mean resolves deviations only to about an ulp of the mean, and the sum of the
          // deviations that refines it carries up to n eps std (Statistics.layerNorm)
          double absolute = (4 * Math.ulp(m.mean) + cols * 0x1p-53 * Math.sqrt(m.variance)) * invStd;
          Agreement.assertClose(plain[r * cols + j], expected, 1e-14, absolute, "layerNorm row " + r + " col " + j);
          Agreement.assertClose(affine[r * cols + j], expected * gamma[j] + beta[j], 1e-14, 2 * absolute + 1e-15,
              "affine layerNorm row " + r + " col " + j);
        }
      }
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 7, 33, 1000})
  void momentsAndLayerNormEqualTheScalarStatisticsBitForBit(int cols) {
    double[] x = matrix(cols, 23 * cols);
    int rows = x.length / cols;
    float[] xf = HostileMatrices.toFloat(x);
    double[] gamma = new SplittableRandom(cols).doubles(cols, 0.5, 2).toArray();
    for (CpuBatchOps ops : List.of(SEQUENTIAL, PARALLEL)) {
      double[] mean = new double[rows];
      double[] variance = new double[rows];
      float[] meanF = new float[rows];
      float[] varianceF = new float[rows];
      double[] norm = new double[x.length];
      double[] scaled = new double[x.length];
      float[] normF = new float[x.length];
      ops.meanVarianceRows(x, rows, cols, mean, variance);
      ops.meanVarianceRows(xf, rows, cols, meanF, varianceF);
      ops.layerNormRows(x, rows, cols, 1e-5, norm);
      ops.layerNormRows(x, rows, cols, 1e-5, gamma, null, scaled);
      ops.layerNormRows(xf, rows, cols, 1e-5f, normF);
      for (int r = 0; r < rows; r++) {
        double[] row = HostileMatrices.row(x, r, cols);
        float[] rowF = HostileMatrices.row(xf, r, cols);
        assertThat(new double[] {mean[r], variance[r]}).as("mean, variance row %d", r)
            .isEqualTo(new double[] {Statistics.mean(row), Statistics.variance(row)});
        assertThat(new float[] {meanF[r], varianceF[r]}).as("float mean, variance row %d", r)
            .isEqualTo(new float[] {Statistics.mean(rowF), Statistics.variance(rowF)});
        double[] expected = Statistics.layerNorm(row, 1e-5);
        assertThat(Arrays.copyOfRange(norm, r * cols, r * cols + cols)).as("layerNorm row %d", r).isEqualTo(expected);
        double[] expectedScaled = new double[cols];
        for (int j = 0; j < cols; j++) {
          expectedScaled[j] = expected[j] * gamma[j];
        }
        assertThat(Arrays.copyOfRange(scaled, r * cols, r * cols + cols)).isEqualTo(expectedScaled);
        assertThat(Arrays.copyOfRange(normF, r * cols, r * cols + cols))
            .as("float layerNorm row %d", r).isEqualTo(Statistics.layerNorm(rowF, 1e-5f));
      }
    }
  }

  @Test
  void layerNormRejectsAnInvalidEpsLikeTheScalarFunction() {
    for (double eps : new double[] {-1e-5, Double.NaN, Double.POSITIVE_INFINITY}) {
      assertThatThrownBy(() -> Backends.cpu().layerNormRows(new double[4], 2, 2, eps, new double[4]))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("eps");
      assertThatThrownBy(() -> Statistics.layerNorm(new double[2], eps)).isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void layerNormOfAConstantRowIsZeroAndOfTwoValuesIsPlusMinusOne() {
    float[] x = {5f, 5f, 5f, 1f, 3f, 1f, 3f};
    float[] out = new float[4];
    Backends.cpu().layerNormRows(x, 1, 3, 1e-5f, out);
    assertThat(Arrays.copyOf(out, 3)).containsOnly(0f);
    float[] two = new float[4];
    Backends.cpu().layerNormRows(Arrays.copyOfRange(x, 3, 7), 1, 4, 0f, two);
    assertThat(two).containsExactly(-1f, 1f, -1f, 1f);
  }

  // ------------------------------------------------------------------ empty shapes

  @Test
  void emptyRowsAndEmptyBatches() {
    double[] lse = {7, 7, 7};
    double[] means = {7, 7, 7};
    double[] variances = {7, 7, 7};
    Backends.cpu().logSumExpRows(new double[0], 3, 0, lse);
    Backends.cpu().meanVarianceRows(new double[0], 3, 0, means, variances);
    assertThat(lse).containsOnly(Double.NEGATIVE_INFINITY);
    assertThat(means).containsOnly(Double.NaN);
    assertThat(variances).containsOnly(Double.NaN);

    float[] out = {7f};
    Backends.cpu().softmaxRows(new float[0], 3, 0, out);
    Backends.cpu().layerNormRows(new float[0], 0, 5, 1e-5f, out);
    assertThat(out).containsExactly(7f);
    assertThatThrownBy(() -> Backends.cpu().crossEntropyRows(new float[0], 2, 0, new int[] {0, 0}, new float[2]))
        .isInstanceOf(IndexOutOfBoundsException.class)
        .hasMessageContaining("targets[0] = 0");
    Backends.cpu().crossEntropyRows(new float[0], 0, 0, new int[0], new float[0]);
  }

  // ------------------------------------------------------------------ in place, threads

  @Test
  void inPlaceEqualsOutOfPlaceAndParallelEqualsSequentialBitForBit() {
    int rows = 300;
    int cols = 500;
    float[] x = HostileMatrices.toFloat(HostileMatrices.flatten(HostileMatrices.randomRows(rows, cols, 5, 3), cols));
    float[] sequential = new float[x.length];
    float[] parallel = new float[x.length];
    SEQUENTIAL.logSoftmaxRows(x, rows, cols, sequential);
    PARALLEL.logSoftmaxRows(x, rows, cols, parallel);
    assertThat(parallel).isEqualTo(sequential);
    float[] inPlace = x.clone();
    PARALLEL.logSoftmaxRows(inPlace, rows, cols, inPlace);
    assertThat(inPlace).isEqualTo(sequential);

    float[] norm = new float[x.length];
    SEQUENTIAL.layerNormRows(x, rows, cols, 1e-5f, norm);
    float[] normInPlace = x.clone();
    PARALLEL.layerNormRows(normInPlace, rows, cols, 1e-5f, normInPlace);
    assertThat(normInPlace).isEqualTo(norm);
  }

  // ------------------------------------------------------------------ loss scaling

  @Test
  void unscaleEqualsLossScalerUnscale() {
    SplittableRandom random = new SplittableRandom(5);
    for (int trial = 0; trial < 4; trial++) {
      float[][] gradients = {
        random.doubles(70_001, -1e4, 1e4).collect(() -> new FloatCollector(70_001), FloatCollector::add, (a, b) -> {}).values,
        random.doubles(333, -1, 1).collect(() -> new FloatCollector(333), FloatCollector::add, (a, b) -> {}).values,
        new float[0],
      };
      if (trial == 1) {
        gradients[0][69_999] = Float.POSITIVE_INFINITY;
      }
      if (trial == 2) {
        gradients[1][5] = Float.NaN;
      }
      if (trial == 3) {
        gradients[0][0] = Float.MIN_VALUE; // subnormal times 2^-16 rounds to 0 in fp32
      }
      LossScaler scaler = new LossScaler();
      float[][] expected = {gradients[0].clone(), gradients[1].clone(), gradients[2].clone()};
      boolean expectedFinite = scaler.unscale(expected);
      for (CpuBatchOps ops : List.of(SEQUENTIAL, PARALLEL)) {
        float[][] actual = {gradients[0].clone(), gradients[1].clone(), gradients[2].clone()};
        assertThat(ops.unscaleAndCheckFinite(scaler.inverseScale(), actual)).isEqualTo(expectedFinite).isEqualTo(trial == 0 || trial == 3);
        for (int b = 0; b < 3; b++) {
          assertThat(actual[b]).isEqualTo(expected[b]);
        }
      }
    }
  }

  // ------------------------------------------------------------------ argument checks

  @Test
  void rejectsBadArgumentsBeforeWriting() {
    BatchOps cpu = Backends.cpu();
    float[] out = new float[4];
    assertThatThrownBy(() -> cpu.softmaxRows(new float[3], 2, 2, out))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2 x 2");
    assertThatThrownBy(() -> cpu.softmaxRows(new float[4], 2, 2, new float[3]))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("out");
    assertThatThrownBy(() -> cpu.logSumExpRows(new float[4], -1, 2, out))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("negative");
    assertThatThrownBy(() -> cpu.logSumExpRows(new float[4], 1 << 16, 1 << 16, out))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("exceeds");
    assertThatThrownBy(() -> cpu.meanVarianceRows(new double[4], 2, 2, new double[2], new double[1]))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("variances");
    assertThatThrownBy(() -> cpu.layerNormRows(new double[4], 2, 2, 1e-5, new double[1], null, new double[4]))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("gamma");
    float[] untouched = {1, 2, 3, 4};
    assertThatThrownBy(() -> cpu.crossEntropyRows(new float[4], 2, 2, new int[] {0, 2}, untouched))
        .isInstanceOf(IndexOutOfBoundsException.class).hasMessageContaining("targets[1] = 2");
    assertThat(untouched).containsExactly(1, 2, 3, 4);
    assertThatThrownBy(() -> cpu.softmaxRows(null, 1, 1, out)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> cpu.unscaleAndCheckFinite(1f, new float[1], null))
        .isInstanceOf(NullPointerException.class).hasMessageContaining("gradients[1]");
    assertThatThrownBy(() -> new CpuBatchOps(0)).isInstanceOf(IllegalArgumentException.class);
  }

  private static double[] toDouble(float[] f) {
    double[] d = new double[f.length];
    for (int i = 0; i < f.length; i++) {
      d[i] = f[i];
    }
    return d;
  }

  /** Collects doubles as floats. */
  private static final class FloatCollector {
    final float[] values;
    int size;

    FloatCollector(int capacity) {
      values = new float[capacity];
    }

    void add(double v) {
      values[size++] = (float) v;
    }
  }
}
