package dev.numguard.examples.layers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

class LayerNormTest {

    /** (x - 2.5) / sqrt(1.25 + 1e-5) for x = 1, 2, 3, 4: mean 2.5 and variance 1.25. */
    private static final float[] NORMALIZED_1_TO_4 = {
        -1.3416355f, -0.4472118f, 0.4472118f, 1.3416355f
    };

    private static float[] offset(float base) {
        return new float[] {base + 1, base + 2, base + 3, base + 4};
    }

    @Test
    void normalizesToZeroMeanAndUnitVariance() {
        float[] y = new LayerNorm(4).forward(offset(0));
        for (int i = 0; i < 4; i++) {
            assertThat(y[i]).isCloseTo(NORMALIZED_1_TO_4[i], within(1e-6f));
        }
    }

    @Test
    void appliesGainAndShiftAfterNormalizing() {
        LayerNorm layer = new LayerNorm(4);
        layer.gamma()[3] = 2f;
        layer.beta()[0] = 0.5f;
        float[] y = layer.forward(offset(0));
        assertThat(y[0]).isCloseTo(NORMALIZED_1_TO_4[0] + 0.5f, within(1e-6f));
        assertThat(y[3]).isCloseTo(2 * NORMALIZED_1_TO_4[3], within(1e-6f));
    }

    @Test
    void constantInputMapsToBeta() {
        float[] y = new LayerNorm(3).forward(new float[] {0.25f, 0.25f, 0.25f});
        assertThat(y).containsExactly(0f, 0f, 0f);
    }

    @Test
    void normalizesEachRowOfABatch() {
        float[][] y = new LayerNorm(4).forward(new float[][] {offset(0), offset(-3)});
        for (int i = 0; i < 4; i++) {
            assertThat(y[0][i]).isCloseTo(NORMALIZED_1_TO_4[i], within(1e-6f));
            assertThat(y[1][i]).isCloseTo(NORMALIZED_1_TO_4[i], within(1e-6f));
        }
    }

    @Test
    void rejectsInputOfTheWrongSize() {
        assertThatThrownBy(() -> new LayerNorm(4).forward(new float[3])).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    @Tag("hostile")
    void normalizesActivationsWithALargeCommonOffset() {
        // a residual stream whose activations drifted to ~1e4 but still differ by a few units
        float[] y = new LayerNorm(4).forward(offset(10_000f));
        for (int i = 0; i < 4; i++) {
            assertThat(y[i]).isCloseTo(NORMALIZED_1_TO_4[i], within(1e-5f));
        }
    }
}
