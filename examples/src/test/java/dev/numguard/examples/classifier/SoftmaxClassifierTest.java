package dev.numguard.examples.classifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

class SoftmaxClassifierTest {

    /** softmax([0, 1, 2]), which is also softmax of any constant shift of it. */
    private static final double[] SOFTMAX_0_1_2 = {0.09003057317038046, 0.24472847105479764, 0.6652409557748219};
    /** log(e^0 + e^1 + e^2) - 2: the cross-entropy of class 2 for logits [0, 1, 2] (or any shift). */
    private static final double LOSS_OF_TOP_CLASS = 0.4076059644443803;
    private static final double LOSS_OF_BOTTOM_CLASS = 2.40760596444438;

    /** Identity weights and zero bias: the logits are the features themselves. */
    private static SoftmaxClassifier identity() {
        return new SoftmaxClassifier(new double[][] {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}}, new double[3]);
    }

    @Test
    void probabilitiesAreTheSoftmaxOfTheLogits() {
        double[] p = identity().predictProbabilities(new double[] {0, 1, 2});
        for (int c = 0; c < 3; c++) {
            assertThat(p[c]).isCloseTo(SOFTMAX_0_1_2[c], within(1e-15));
        }
    }

    @Test
    void untrainedClassifierPredictsTheUniformDistribution() {
        double[] p = new SoftmaxClassifier(4, 2).predictProbabilities(new double[] {3.5, -1});
        assertThat(p).containsExactly(0.25, 0.25, 0.25, 0.25);
    }

    @Test
    void lossIsTheNegativeLogProbabilityOfTheLabel() {
        SoftmaxClassifier model = identity();
        assertThat(model.loss(new double[] {0, 1, 2}, 2)).isCloseTo(LOSS_OF_TOP_CLASS, within(1e-15));
        assertThat(model.loss(new double[] {0, 1, 2}, 0)).isCloseTo(LOSS_OF_BOTTOM_CLASS, within(1e-14));
    }

    @Test
    void predictsTheClassWithTheLargestLogit() {
        assertThat(identity().predict(new double[] {0.5, 3, -2})).isEqualTo(1);
    }

    @Test
    void trainingOnSeparableDataLowersTheLossAndClassifiesEveryExample() {
        double[][] xs = {{1, 0}, {0.9, 0.2}, {0, 1}, {0.1, 0.8}, {-1, -1}, {-0.8, -0.9}};
        int[] ys = {0, 0, 1, 1, 2, 2};
        SoftmaxClassifier model = new SoftmaxClassifier(3, 2);
        double before = model.meanLoss(xs, ys);
        for (int epoch = 0; epoch < 200; epoch++) {
            for (int i = 0; i < xs.length; i++) {
                model.trainStep(xs[i], ys[i], 0.1);
            }
        }
        assertThat(before).isCloseTo(Math.log(3), within(1e-15));
        assertThat(model.meanLoss(xs, ys)).isLessThan(0.1);
        for (int i = 0; i < xs.length; i++) {
            assertThat(model.predict(xs[i])).isEqualTo(ys[i]);
        }
    }

    @Test
    void rejectsLabelsOutsideTheClasses() {
        assertThatThrownBy(() -> identity().loss(new double[] {0, 1, 2}, 3))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    @Tag("hostile")
    void probabilitiesOfLargeLogitsDependOnlyOnTheirDifferences() {
        double[] p = identity().predictProbabilities(new double[] {1000, 1001, 1002});
        for (int c = 0; c < 3; c++) {
            assertThat(p[c]).isCloseTo(SOFTMAX_0_1_2[c], within(1e-15));
        }
    }

    @Test
    @Tag("hostile")
    void probabilitiesOfVeryNegativeLogitsStillSumToOne() {
        double[] p = identity().predictProbabilities(new double[] {-1002, -1001, -1000});
        assertThat(p[0] + p[1] + p[2]).isCloseTo(1.0, within(1e-15));
        assertThat(p[2]).isCloseTo(SOFTMAX_0_1_2[2], within(1e-15));
    }

    @Test
    @Tag("hostile")
    void lossOfLargeLogitsIsFinite() {
        SoftmaxClassifier model = identity();
        assertThat(model.loss(new double[] {1000, 1001, 1002}, 2)).isCloseTo(LOSS_OF_TOP_CLASS, within(1e-12));
        assertThat(model.loss(new double[] {1000, 1001, 1002}, 0)).isCloseTo(LOSS_OF_BOTTOM_CLASS, within(1e-12));
    }

    @Test
    @Tag("hostile")
    void lossOfAConfidentlyWrongPredictionIsTheLogitMargin() {
        // the label's probability is e^-800, below the smallest double, but its log is just -800
        assertThat(identity().loss(new double[] {0, 0, 800}, 0)).isCloseTo(800.0, within(1e-12));
    }

    @Test
    @Tag("hostile")
    void aTrainingStepOnLargeLogitsKeepsTheWeightsFinite() {
        SoftmaxClassifier model = identity();
        double loss = model.trainStep(new double[] {1000, 1001, 1002}, 0, 1e-3);
        assertThat(loss).isCloseTo(LOSS_OF_BOTTOM_CLASS, within(1e-12));
        for (int c = 0; c < 3; c++) {
            for (double w : model.weightsOf(c)) {
                assertThat(w).isFinite();
            }
            assertThat(model.biasOf(c)).isFinite();
        }
    }
}
