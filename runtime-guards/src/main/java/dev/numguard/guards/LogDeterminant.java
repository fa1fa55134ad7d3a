package dev.numguard.guards;

import java.util.Objects;

/**
 * The natural logarithm of a determinant without forming the determinant.
 *
 * <p>A determinant is a product of n pivots: the covariance of 400 features of variance 0.1 has
 * determinant {@code 10^-400}, which is 0 in double, so {@code Math.log(det)} is {@code -Infinity}
 * in a Gaussian log-likelihood that is itself perfectly ordinary (about -921). {@link #ofMagnitude} factors
 * the matrix (LU with partial pivoting, as the matrix libraries' {@code det()} does) and sums the
 * logs of the pivots' magnitudes with {@link LogProduct}.
 */
public final class LogDeterminant {

    private LogDeterminant() {
    }

    /**
     * {@code log|det(a)|}, computed without under- or overflow: finite whenever the determinant is a
     * nonzero finite real number, however far outside the double range; {@code -Infinity} when the
     * matrix is singular (a zero pivot); NaN when an entry is NaN or infinite. The sign is dropped:
     * in the log of a product whose factors' signs cancel ({@code log(d1 * d2)} with both negative)
     * the magnitudes are what counts, and where {@code Math.log(det)} would be NaN this is the log of
     * the magnitude. The 0×0 matrix has determinant 1, so its log is 0. {@code a} is not modified.
     *
     * @throws NullPointerException     if {@code a} or one of its rows is null
     * @throws IllegalArgumentException if {@code a} is not square (the message names the first
     *                                  row of another length)
     */
    public static double ofMagnitude(double[][] a) {
        Objects.requireNonNull(a, "a");
        int n = a.length;
        double[][] lu = new double[n][];
        for (int i = 0; i < n; i++) {
            int row = i;
            Objects.requireNonNull(a[i], () -> "row " + row + " of a");
            if (a[i].length != n) {
                throw new IllegalArgumentException("a is not square: row " + i + " has " + a[i].length
                        + " entries, the matrix has " + n + " rows");
            }
            lu[i] = a[i].clone();
        }
        LogProduct magnitude = new LogProduct();
        for (int k = 0; k < n; k++) {
            int pivot = k;
            for (int i = k + 1; i < n; i++) {
                if (Math.abs(lu[i][k]) > Math.abs(lu[pivot][k])) {
                    pivot = i;
                }
            }
            if (pivot != k) {
                double[] row = lu[pivot];
                lu[pivot] = lu[k];
                lu[k] = row;
            }
            double p = lu[k][k];
            if (Double.isNaN(p) || Double.isInfinite(p)) {
                return Double.NaN;
            }
            if (p == 0) {
                return hasNonFinite(lu, k) ? Double.NaN : Double.NEGATIVE_INFINITY;
            }
            magnitude.multiply(Math.abs(p));
            for (int i = k + 1; i < n; i++) {
                double factor = lu[i][k] / p;
                for (int j = k + 1; j < n; j++) {
                    lu[i][j] -= factor * lu[k][j];
                }
            }
        }
        return magnitude.log();
    }

    /** A NaN or infinity in the part of the matrix not yet eliminated: the determinant is undefined, not 0. */
    private static boolean hasNonFinite(double[][] lu, int from) {
        for (int i = from; i < lu.length; i++) {
            for (int j = from; j < lu.length; j++) {
                if (!Double.isFinite(lu[i][j])) {
                    return true;
                }
            }
        }
        return false;
    }
}
