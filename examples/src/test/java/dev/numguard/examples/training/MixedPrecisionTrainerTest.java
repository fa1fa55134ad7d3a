package dev.numguard.examples.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

class MixedPrecisionTrainerTest {

    @Test
    void backwardComputesTheMeanSquaredErrorAndItsGradient() {
        MixedPrecisionTrainer trainer = new MixedPrecisionTrainer(new float[] {0f}, 0.1f);
        float loss = trainer.backward(new float[][] {{1}, {2}}, new float[] {0.125f, 0.25f});
        // errors -0.125 and -0.25: loss (1/64 + 1/16) / 2, gradient (2/2)(-0.125·1 - 0.25·2)
        assertThat(loss).isEqualTo(0.0390625f);
        assertThat(trainer.gradient(0)).isEqualTo(-0.625f);
    }

    @Test
    void stepMovesAgainstTheGradient() {
        MixedPrecisionTrainer trainer = new MixedPrecisionTrainer(new float[] {0f}, 0.1f);
        trainer.backward(new float[][] {{1}, {2}}, new float[] {0.125f, 0.25f});
        trainer.step();
        // gradient (2/2)(-0.125·1 - 0.25·2) = -0.625, times the learning rate
        assertThat(trainer.weights()[0]).isCloseTo(0.0625f, within(1e-8f));
    }

    @Test
    void learnsALinearRelation() {
        float[][] xs = {{1, 0}, {0, 1}, {1, 1}, {2, -1}};
        float[] ys = new float[xs.length];
        for (int i = 0; i < xs.length; i++) {
            ys[i] = 3 * xs[i][0] - 2 * xs[i][1];
        }
        MixedPrecisionTrainer trainer = new MixedPrecisionTrainer(new float[2], 0.1f);
        float firstLoss = trainer.trainStep(xs, ys);
        for (int epoch = 0; epoch < 300; epoch++) {
            trainer.trainStep(xs, ys);
        }
        assertThat(firstLoss).isGreaterThan(1f);
        assertThat(trainer.weights()[0]).isCloseTo(3f, within(0.01f));
        assertThat(trainer.weights()[1]).isCloseTo(-2f, within(0.01f));
    }

    @Test
    void rejectsMismatchedBatches() {
        MixedPrecisionTrainer trainer = new MixedPrecisionTrainer(new float[1], 0.1f);
        assertThatThrownBy(() -> trainer.backward(new float[][] {{1}}, new float[0]))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    @Tag("hostile")
    void tinyGradientsAreNotFlushedToZero() {
        // a model that is off by 5e-9 has gradient -1e-8, below half of fp16's smallest subnormal
        MixedPrecisionTrainer trainer = new MixedPrecisionTrainer(new float[] {0f}, 1f);
        trainer.backward(new float[][] {{1}}, new float[] {5e-9f});
        assertThat(trainer.gradient(0)).isCloseTo(-1e-8f, within(1e-11f));
    }

    @Test
    @Tag("hostile")
    void tinyGradientsStillMoveTheWeights() {
        MixedPrecisionTrainer trainer = new MixedPrecisionTrainer(new float[] {0f, 0f}, 1f);
        float[][] xs = {{1, 0}, {0, 1}};
        float[] ys = {1e-8f, -2e-8f};
        trainer.trainStep(xs, ys);
        // gradient (2/2)(w·x - y) x = (-1e-8, 2e-8): one step with learning rate 1 moves w by -gradient
        assertThat(trainer.weights()[0]).isCloseTo(1e-8f, within(1e-11f));
        assertThat(trainer.weights()[1]).isCloseTo(-2e-8f, within(2e-11f));
    }
}
