package dev.numguard.guards.batch;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Seeded test matrices: random rows, and rows built to break naive formulas (huge logits, -Infinity
 * rows, +Infinity, NaN, constant rows, a large offset with a small spread, tiny values).
 */
public final class HostileMatrices {
  private HostileMatrices() {}

  /** The hostile row patterns, each of length {@code cols} (at least 2). */
  public static List<double[]> hostileRows(int cols, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    List<double[]> rows = new ArrayList<>();
    rows.add(fill(cols, j -> 1e4 + j % 7));                       // huge logits: naive exp overflows
    rows.add(fill(cols, j -> -1e4 - j % 5));                      // huge negative: naive exp underflows
    rows.add(fill(cols, j -> Double.NEGATIVE_INFINITY));          // all -Infinity
    rows.add(fill(cols, j -> j == cols / 2 ? 3.0 : Double.NEGATIVE_INFINITY)); // one finite survivor
    rows.add(fill(cols, j -> j % 3 == 0 ? Double.NEGATIVE_INFINITY : random.nextGaussian()));
    rows.add(fill(cols, j -> j == 1 ? Double.POSITIVE_INFINITY : random.nextGaussian()));
    rows.add(fill(cols, j -> j % 2 == 0 ? Double.POSITIVE_INFINITY : 1.0)); // several +Infinity
    rows.add(fill(cols, j -> j == 0 ? Double.POSITIVE_INFINITY : j == cols - 1 ? Double.NEGATIVE_INFINITY : 0.5));
    rows.add(fill(cols, j -> j == cols - 1 ? Double.NaN : random.nextGaussian()));
    rows.add(fill(cols, j -> j == 0 ? Double.NaN : j == 1 ? Double.POSITIVE_INFINITY : 2.0));
    rows.add(fill(cols, j -> 42.0));                               // constant: variance exactly 0
    rows.add(fill(cols, j -> 1e4 + (j % 2 == 0 ? 1e-3 : -1e-3))); // offset 1e4, spread 1e-3: cancellation
    rows.add(fill(cols, j -> 1e-30 * (j + 1)));                    // tiny
    rows.add(fill(cols, j -> j == 0 ? 80.0 : -80.0));              // one dominant logit
    return rows;
  }

  /** {@code count} rows of Gaussian logits with standard deviation {@code scale}. */
  public static List<double[]> randomRows(int count, int cols, double scale, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    List<double[]> rows = new ArrayList<>();
    for (int r = 0; r < count; r++) {
      double shift = random.nextDouble(-20, 20);
      rows.add(fill(cols, j -> shift + scale * random.nextGaussian()));
    }
    return rows;
  }

  /** Concatenates equal-length rows into a row-major matrix. */
  public static double[] flatten(List<double[]> rows, int cols) {
    double[] m = new double[rows.size() * cols];
    for (int r = 0; r < rows.size(); r++) {
      System.arraycopy(rows.get(r), 0, m, r * cols, cols);
    }
    return m;
  }

  /** The matrix rounded to float. */
  public static float[] toFloat(double[] m) {
    float[] f = new float[m.length];
    for (int i = 0; i < m.length; i++) {
      f[i] = (float) m[i];
    }
    return f;
  }

  /** The row {@code r} of a row-major matrix. */
  public static double[] row(double[] m, int r, int cols) {
    double[] row = new double[cols];
    System.arraycopy(m, r * cols, row, 0, cols);
    return row;
  }

  /** The row {@code r} of a row-major matrix. */
  public static float[] row(float[] m, int r, int cols) {
    float[] row = new float[cols];
    System.arraycopy(m, r * cols, row, 0, cols);
    return row;
  }

  /** Class targets in {@code [0, cols)}. */
  public static int[] targets(int rows, int cols, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    int[] t = new int[rows];
    for (int r = 0; r < rows; r++) {
      t[r] = random.nextInt(cols);
    }
    return t;
  }

  private interface Element {
    double at(int j);
  }

  private static double[] fill(int cols, Element element) {
    double[] row = new double[cols];
    for (int j = 0; j < cols; j++) {
      row[j] = element.at(j);
    }
    return row;
  }
}
