package dev.numguard.guards;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** {@link Statistics#columnVariance}: per-column exact moments on hostile columns, and the edges. */
class ColumnVarianceTest {

    @Test
    void oracle() {
        double[][] rows = {{1, 10}, {2, 10}, {3, 10}, {4, 10}};
        assertThat(Statistics.columnVariance(rows)).containsExactly(1.25, 0.0);
        assertThat(Statistics.columnSampleVariance(rows)[1]).isZero();
        assertThat(Statistics.columnVariance(new float[][] {{1, 10}, {2, 10}, {3, 10}, {4, 10}})).containsExactly(1.25f, 0.0f);
    }

    @Test
    void everyColumnWithinAFewUlpsOfItsExactVariance() {
        SplittableRandom random = new SplittableRandom(3);
        for (int trial = 0; trial < 60; trial++) {
            int n = 2 + random.nextInt(300);
            double[][] rows = new double[n][5];
            for (double[] row : rows) {
                row[0] = random.nextGaussian();
                row[1] = 1e8 + random.nextDouble();
                row[2] = 1e15 + random.nextInt(1000) * 0.125;
                row[3] = random.nextGaussian() * 1e-300; // squares underflow: the column is redone scaled
                row[4] = 1e300 * (1 + random.nextDouble()); // squares overflow
            }
            double[] variance = Statistics.columnVariance(rows);
            double[] sample = Statistics.columnSampleVariance(rows);
            for (int j = 0; j < 5; j++) {
                double[] column = new double[n];
                for (int i = 0; i < n; i++) {
                    column[i] = rows[i][j];
                }
                if (j == 4) {
                    assertThat(variance[j]).isEqualTo(Statistics.variance(column)); // the same scaled path
                    continue;
                }
                double bound = j == 3 ? 16 : 4; // subnormal-grid results: the ulp is absolute there
                assertThat(ExactMoments.ulpsFrom(variance[j], ExactMoments.variance(column, 0))).as("column %d", j)
                        .isLessThanOrEqualTo(bound);
                assertThat(ExactMoments.ulpsFrom(sample[j], ExactMoments.variance(column, 1))).as("column %d", j)
                        .isLessThanOrEqualTo(bound);
            }
        }
    }

    @Test
    void nonFiniteValuesSpoilOnlyTheirColumn() {
        double[][] rows = {{1, Double.NaN, 1, Double.POSITIVE_INFINITY}, {2, 0, 3, 0}, {3, 1, 5, 1}};
        double[] variance = Statistics.columnVariance(rows);
        assertThat(variance[0]).isCloseTo(2.0 / 3, org.assertj.core.data.Offset.offset(1e-16));
        assertThat(variance[1]).isNaN();
        assertThat(variance[2]).isCloseTo(8.0 / 3, org.assertj.core.data.Offset.offset(1e-15));
        assertThat(variance[3]).isNaN();
    }

    @Test
    void edges() {
        assertThat(Statistics.columnVariance(new double[0][])).isEmpty();
        assertThat(Statistics.columnVariance(new double[][] {{5, 6}})).containsExactly(0.0, 0.0);
        assertThat(Statistics.columnSampleVariance(new double[][] {{5, 6}})).containsExactly(Double.NaN, Double.NaN);
        assertThat(Statistics.columnVariance(new double[][] {{}, {}})).isEmpty();
        assertThatThrownBy(() -> Statistics.columnVariance(new double[][] {{1, 2}, {3}}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("rows[1] has 1 values, rows[0] has 2");
        assertThatThrownBy(() -> Statistics.columnVariance(new double[][] {{1}, null}))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("rows[1]");
        assertThatThrownBy(() -> Statistics.columnVariance((double[][]) null)).isInstanceOf(NullPointerException.class);
    }
}
