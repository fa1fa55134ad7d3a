package dev.numguard.examples.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

class FeatureStandardizerTest {

    private static final double SQRT_2 = 1.4142135623730951;

    /** Rows whose first column is {@code offset + [1..5]} and second column is {@code [10..50]}. */
    private static double[][] rows(double offset) {
        double[][] rows = new double[5][];
        for (int i = 0; i < 5; i++) {
            rows[i] = new double[] {offset + (i + 1), 10.0 * (i + 1)};
        }
        return rows;
    }

    private static void assertStandardized(FeatureStandardizer standardizer, double[][] rows) {
        double[][] z = standardizer.transformAll(rows);
        for (int i = 0; i < rows.length; i++) {
            double expected = (i - 2) / SQRT_2;
            assertThat(z[i][0]).isCloseTo(expected, within(1e-9));
            assertThat(z[i][1]).isCloseTo(expected, within(1e-12));
        }
    }

    @Test
    void fitsColumnMeansAndPopulationStandardDeviations() {
        FeatureStandardizer standardizer = FeatureStandardizer.fit(rows(0));
        assertThat(standardizer.columns()).isEqualTo(2);
        assertThat(standardizer.mean(0)).isEqualTo(3.0);
        assertThat(standardizer.mean(1)).isEqualTo(30.0);
        assertThat(standardizer.scale(0)).isCloseTo(SQRT_2, within(1e-15));
        assertThat(standardizer.scale(1)).isCloseTo(10 * SQRT_2, within(1e-14));
    }

    @Test
    void transformedTrainingSetHasZeroMeanAndUnitVariance() {
        assertStandardized(FeatureStandardizer.fit(rows(0)), rows(0));
    }

    @Test
    void constantColumnIsOnlyCentred() {
        FeatureStandardizer standardizer = FeatureStandardizer.fit(new double[][] {{7, 1}, {7, 3}});
        assertThat(standardizer.scale(0)).isEqualTo(1.0);
        assertThat(standardizer.transform(new double[] {9, 2})).containsExactly(2.0, 0.0);
    }

    @Test
    void rejectsEmptyAndRaggedTrainingSets() {
        assertThatThrownBy(() -> FeatureStandardizer.fit(new double[0][]))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FeatureStandardizer.fit(new double[][] {{1, 2}, {3}}))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    @Tag("hostile")
    void standardizesAColumnWithALargeCommonOffset() {
        // e.g. Unix timestamps in seconds: a spread of a few units around 1e9
        FeatureStandardizer standardizer = FeatureStandardizer.fit(rows(1e9));
        assertThat(standardizer.mean(0)).isEqualTo(1e9 + 3);
        assertThat(standardizer.scale(0)).isCloseTo(SQRT_2, within(1e-9));
        assertStandardized(standardizer, rows(1e9));
    }
}
