package dev.numguard.examples.stats;

/**
 * Standardises feature vectors column by column to zero mean and unit variance ("z-scores"), as a
 * preprocessing step before training, with statistics fitted once on a training set.
 *
 * <p>The scale of a column is its population standard deviation. A column that is constant in the
 * training set gets scale 1, so it is only centred. Instances are immutable.
 */
public final class FeatureStandardizer {

    private final double[] means;
    private final double[] scales;

    private FeatureStandardizer(double[] means, double[] scales) {
        this.means = means;
        this.scales = scales;
    }

    /**
     * Fits column means and standard deviations on a training set.
     *
     * @param rows the training examples, one row per example, all of the same non-zero length
     * @return the fitted standardiser
     * @throws IllegalArgumentException if there are no rows or the rows are ragged
     */
    public static FeatureStandardizer fit(double[][] rows) {
        if (rows.length == 0) {
            throw new IllegalArgumentException("cannot fit on an empty training set");
        }
        int columns = rows[0].length;
        for (double[] row : rows) {
            if (row.length != columns || columns == 0) {
                throw new IllegalArgumentException("all rows must have " + columns + " (> 0) columns");
            }
        }
        int n = rows.length;
        double[] means = new double[columns];
        double[] scales = new double[columns];
        for (int j = 0; j < columns; j++) {
            double sum = 0.0;
            double sumOfSquares = 0.0;
            for (double[] row : rows) {
                sum += row[j];
                sumOfSquares += row[j] * row[j];
            }
            double mean = sum / n;
            double variance = sumOfSquares / n - mean * mean;
            means[j] = mean;
            scales[j] = variance > 0.0 ? Math.sqrt(variance) : 1.0;
        }
        return new FeatureStandardizer(means, scales);
    }

    /** Returns the number of columns the standardiser was fitted on. */
    public int columns() {
        return means.length;
    }

    /** Returns the fitted mean of column {@code column}. */
    public double mean(int column) {
        return means[column];
    }

    /** Returns the fitted scale (standard deviation, or 1 for a constant column) of {@code column}. */
    public double scale(int column) {
        return scales[column];
    }

    /**
     * Standardises one row: {@code (x_j - mean_j) / scale_j}.
     *
     * @param row a feature vector with {@link #columns()} entries
     * @return a new standardised vector
     */
    public double[] transform(double[] row) {
        if (row.length != means.length) {
            throw new IllegalArgumentException("expected " + means.length + " columns, got " + row.length);
        }
        double[] standardized = new double[row.length];
        for (int j = 0; j < row.length; j++) {
            standardized[j] = (row[j] - means[j]) / scales[j];
        }
        return standardized;
    }

    /**
     * Standardises every row of a data set.
     *
     * @param rows feature vectors with {@link #columns()} entries each
     * @return new standardised rows
     */
    public double[][] transformAll(double[][] rows) {
        double[][] standardized = new double[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            standardized[i] = transform(rows[i]);
        }
        return standardized;
    }
}
