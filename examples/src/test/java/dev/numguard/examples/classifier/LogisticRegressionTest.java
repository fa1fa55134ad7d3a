package dev.numguard.examples.classifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

class LogisticRegressionTest {

    @Test
    void probabilityIsTheSigmoidOfTheDecisionValue() {
        LogisticRegression model = new LogisticRegression(new double[] {2}, -1);
        assertThat(model.decisionValue(new double[] {1})).isEqualTo(1.0);
        assertThat(model.probability(new double[] {1})).isCloseTo(0.7310585786300049, within(1e-16));
    }

    @Test
    void lossIsTheNegativeLogProbabilityOfTheLabel() {
        LogisticRegression model = new LogisticRegression(new double[] {2}, -1);
        // softplus(-1) and softplus(1)
        assertThat(model.loss(new double[] {1}, 1)).isCloseTo(0.3132616875182228, within(1e-16));
        assertThat(model.loss(new double[] {1}, 0)).isCloseTo(1.3132616875182228, within(1e-15));
    }

    @Test
    @Tag("hostile")
    void lossOfAVeryWrongPredictionGrowsLinearly() {
        LogisticRegression model = new LogisticRegression(new double[] {1}, 0);
        assertThat(model.loss(new double[] {800}, 0)).isEqualTo(800.0);
        assertThat(model.loss(new double[] {-800}, 1)).isEqualTo(800.0);
    }

    @Test
    void trainingSeparatesTwoClusters() {
        double[][] xs = {{2, 1}, {1.5, 2}, {3, 0.5}, {-2, -1}, {-1, -2.5}, {-3, 0}};
        int[] ys = {1, 1, 1, 0, 0, 0};
        LogisticRegression model = new LogisticRegression(2);
        for (int epoch = 0; epoch < 100; epoch++) {
            for (int i = 0; i < xs.length; i++) {
                model.trainStep(xs[i], ys[i], 0.1);
            }
        }
        for (int i = 0; i < xs.length; i++) {
            assertThat(model.probability(xs[i]) > 0.5).isEqualTo(ys[i] == 1);
            assertThat(model.loss(xs[i], ys[i])).isLessThan(0.1);
        }
    }

    @Test
    void rejectsLabelsOtherThanZeroAndOne() {
        assertThatThrownBy(() -> new LogisticRegression(1).loss(new double[] {1}, 2))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    @Tag("hostile")
    void lossOfConfidentCorrectPredictionsKeepsFullRelativePrecision() {
        LogisticRegression model = new LogisticRegression(new double[] {1}, 0);
        // log(1 + e^-m) for margins m = 20, 30, 40, 50; 1 + e^-m rounds to 1 long before that
        double[] margins = {20, 30, 40, 50};
        double[] expected = {2.061153620314381e-09, 9.357622968839737e-14, 4.248354255291589e-18,
            1.9287498479639178e-22};
        for (int i = 0; i < margins.length; i++) {
            double m = margins[i];
            assertThat(model.loss(new double[] {m}, 1)).isCloseTo(expected[i], within(1e-12 * expected[i]));
            assertThat(model.loss(new double[] {-m}, 0)).isCloseTo(expected[i], within(1e-12 * expected[i]));
        }
    }
}
