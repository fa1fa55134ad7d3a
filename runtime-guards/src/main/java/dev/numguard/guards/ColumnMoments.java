package dev.numguard.guards;

import java.util.Objects;

/**
 * Column-wise variance of a row-major matrix, behind {@link Statistics#columnVariance(double[][])}:
 * the rows are streamed in order (no strided column copies), the column means kept as compensated
 * sums, then one corrected two-pass sweep of deviations per column. A column whose sums leave the
 * comfortable range (non-finite values, squares near overflow or underflow) or whose first mean
 * was off by more than half its spread is recomputed on its own by {@link Statistics#variance}.
 */
final class ColumnMoments {

    private ColumnMoments() {
    }

    static double[] variance(double[][] rows, int ddof) {
        int columns = columns(rows);
        int n = rows.length;
        double[] result = new double[columns];
        if (n == 0) {
            return result;
        }
        if (n == ddof) {
            java.util.Arrays.fill(result, Double.NaN);
            return result;
        }
        double[] sum = new double[columns];
        double[] compensation = new double[columns];
        for (double[] row : rows) {
            for (int j = 0; j < columns; j++) {
                double v = row[j];
                double t = sum[j] + v;
                compensation[j] += Math.abs(sum[j]) >= Math.abs(v) ? (sum[j] - t) + v : (v - t) + sum[j];
                sum[j] = t;
            }
        }
        double[] mean = new double[columns];
        for (int j = 0; j < columns; j++) {
            mean[j] = (sum[j] + compensation[j]) / n;
        }
        double[] deviations = sum; // reused: Σd, Σd² and its compensation per column
        double[] squares = compensation;
        double[] squaresCompensation = new double[columns];
        java.util.Arrays.fill(deviations, 0.0);
        java.util.Arrays.fill(squares, 0.0);
        for (double[] row : rows) {
            for (int j = 0; j < columns; j++) {
                double d = row[j] - mean[j];
                deviations[j] += d;
                double p = d * d;
                double t = squares[j] + p;
                squaresCompensation[j] += squares[j] >= p ? (squares[j] - t) + p : (p - t) + squares[j];
                squares[j] = t;
            }
        }
        for (int j = 0; j < columns; j++) {
            double total = squares[j] + squaresCompensation[j];
            double removed = deviations[j] * (deviations[j] / n);
            double corrected = total - removed;
            boolean trusted = total >= 0x1p-900 && total <= Double.MAX_VALUE && !(removed > total * 0x1p-2);
            result[j] = trusted ? Math.max(corrected, 0.0) / (n - ddof) : columnOnItsOwn(rows, j, ddof);
        }
        return result;
    }

    static float[] variance(float[][] rows, int ddof) {
        int columns = columns(rows);
        double[][] wide = new double[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            wide[i] = new double[columns];
            for (int j = 0; j < columns; j++) {
                wide[i][j] = rows[i][j];
            }
        }
        double[] variance = variance(wide, ddof);
        float[] result = new float[columns];
        for (int j = 0; j < columns; j++) {
            result[j] = (float) variance[j];
        }
        return result;
    }

    private static double columnOnItsOwn(double[][] rows, int j, int ddof) {
        double[] column = new double[rows.length];
        for (int i = 0; i < rows.length; i++) {
            column[i] = rows[i][j];
        }
        return ddof == 0 ? Statistics.variance(column) : Statistics.sampleVariance(column);
    }

    /** The common row length; every row non-null and of that length. */
    private static int columns(Object[] rows) {
        Objects.requireNonNull(rows, "rows");
        int columns = -1;
        for (int i = 0; i < rows.length; i++) {
            Object row = Objects.requireNonNull(rows[i], "rows[" + i + "]");
            int length = row instanceof double[] ? ((double[]) row).length : ((float[]) row).length;
            if (columns < 0) {
                columns = length;
            } else if (length != columns) {
                throw new IllegalArgumentException(
                        "rows[" + i + "] has " + length + " values, rows[0] has " + columns);
            }
        }
        return Math.max(columns, 0);
    }
}
