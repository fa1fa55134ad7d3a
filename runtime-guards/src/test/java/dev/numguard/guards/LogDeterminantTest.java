package dev.numguard.guards;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.math.BigDecimal;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link LogDeterminant} against the determinant computed by Gaussian elimination in 60-digit
 * decimal arithmetic (no under- or overflow), and against exact values where the determinant is
 * known in closed form.
 */
class LogDeterminantTest {

    /** det by elimination with exact pivot search in BigDecimal; every double entry is exact in it. */
    private static BigDecimal exactDeterminant(double[][] a) {
        int n = a.length;
        BigDecimal[][] m = new BigDecimal[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                m[i][j] = HighPrecision.exact(a[i][j]);
            }
        }
        BigDecimal det = BigDecimal.ONE;
        for (int k = 0; k < n; k++) {
            int pivot = k;
            while (pivot < n && m[pivot][k].signum() == 0) {
                pivot++;
            }
            if (pivot == n) {
                return BigDecimal.ZERO;
            }
            if (pivot != k) {
                BigDecimal[] row = m[pivot];
                m[pivot] = m[k];
                m[k] = row;
                det = det.negate();
            }
            det = det.multiply(m[k][k], HighPrecision.MC);
            for (int i = k + 1; i < n; i++) {
                BigDecimal factor = m[i][k].divide(m[k][k], HighPrecision.MC);
                for (int j = k; j < n; j++) {
                    m[i][j] = m[i][j].subtract(factor.multiply(m[k][j], HighPrecision.MC), HighPrecision.MC);
                }
            }
        }
        return det;
    }

    private static double[][] random(SplittableRandom random, int n, double scale) {
        double[][] a = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                a[i][j] = scale * random.nextDouble(-1, 1) + (i == j ? 2 * scale : 0);
            }
        }
        return a;
    }

    @Test
    void smallMatricesMatchTheExactDeterminant() {
        SplittableRandom random = new SplittableRandom(11);
        for (int trial = 0; trial < 200; trial++) {
            double[][] a = random(random, 1 + random.nextInt(6), 1);
            BigDecimal det = exactDeterminant(a);
            double expected = HighPrecision.log(det.abs()).doubleValue();
            assertThat(LogDeterminant.ofMagnitude(a)).isCloseTo(expected, within(1e-12 * Math.max(1, Math.abs(expected))));
        }
    }

    @Test
    void determinantsOutsideTheDoubleRangeStayFinite() {
        SplittableRandom random = new SplittableRandom(3);
        for (double scale : new double[] {1e-3, 1e3, 1e5}) {
            double[][] a = random(random, 120, scale);          // |det| near scale^120: 10^-360 .. 10^600
            BigDecimal det = exactDeterminant(a);
            double expected = HighPrecision.log(det.abs()).doubleValue();
            assertThat(LogDeterminant.ofMagnitude(a)).isCloseTo(expected, within(1e-10 * Math.abs(expected)));
            assertThat(LogDeterminant.ofMagnitude(swapFirstRows(a))).isCloseTo(expected, within(1e-10 * Math.abs(expected)));
        }
    }

    @Test
    void diagonalOfTinyVariancesIsTheSumOfTheirLogs() {
        double[][] covariance = new double[400][400];
        for (int i = 0; i < 400; i++) {
            covariance[i][i] = 0.1;
        }
        assertThat(LogDeterminant.ofMagnitude(covariance)).isCloseTo(400 * Math.log(0.1), within(1e-12 * 921));
    }

    @Test
    void negativeSingularAndNonFiniteCases() {
        assertThat(LogDeterminant.ofMagnitude(new double[][] {{0, 1}, {1, 0}})).isZero();                 // det = -1
        assertThat(LogDeterminant.ofMagnitude(new double[][] {{1, 3}, {1, 1}})).isCloseTo(Math.log(2), within(1e-15));
        assertThat(LogDeterminant.ofMagnitude(new double[][] {{0, 2}, {-3, 0}})).isCloseTo(Math.log(6), within(1e-15));
        assertThat(LogDeterminant.ofMagnitude(new double[][] {{1, 2}, {2, 4}})).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(LogDeterminant.ofMagnitude(new double[][] {{1, Double.NaN}, {0, 1}})).isNaN();
        assertThat(LogDeterminant.ofMagnitude(new double[][] {{Double.POSITIVE_INFINITY, 0}, {0, 1}})).isNaN();
        assertThat(LogDeterminant.ofMagnitude(new double[][] {{0, 0}, {0, Double.POSITIVE_INFINITY}})).isNaN();
        assertThat(LogDeterminant.ofMagnitude(new double[0][])).isZero();
        assertThat(LogDeterminant.ofMagnitude(new double[][] {{5}})).isCloseTo(Math.log(5), within(1e-15));
    }

    @Test
    void theMatrixIsNotModified() {
        double[][] a = {{1, 2}, {3, 4}};
        LogDeterminant.ofMagnitude(a);
        assertThat(a).isDeepEqualTo(new double[][] {{1, 2}, {3, 4}});
    }

    @Test
    void badShapesAreRejectedWithTheRow() {
        assertThatThrownBy(() -> LogDeterminant.ofMagnitude(new double[][] {{1, 2}, {3}}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("row 1 has 1 entries");
        assertThatThrownBy(() -> LogDeterminant.ofMagnitude(new double[][] {{1, 2}, null}))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("row 1");
        assertThatThrownBy(() -> LogDeterminant.ofMagnitude(null)).isInstanceOf(NullPointerException.class);
    }

    private static double[][] swapFirstRows(double[][] a) {
        double[][] b = a.clone();
        b[0] = a[1];
        b[1] = a[0];
        return b;
    }
}
