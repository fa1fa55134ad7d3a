package dev.numguard.examples.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

class ActivationCacheTest {

    @Test
    void keepsReluActivationsToHalfPrecision() {
        ActivationCache cache = new ActivationCache(4);
        cache.store(new float[] {-3f, 0f, 1.5f, 1000f});
        assertThat(cache.load(0)).isEqualTo(0f);
        assertThat(cache.load(1)).isEqualTo(0f);
        assertThat(cache.load(2)).isEqualTo(1.5f);
        assertThat(cache.load(3)).isEqualTo(1000f);
    }

    @Test
    void roundsToElevenSignificantBits() {
        ActivationCache cache = new ActivationCache(1);
        cache.store(new float[] {1 + 0x1p-12f});
        assertThat(cache.load(0)).isEqualTo(1f);
    }

    @Test
    void rejectsAWrongNumberOfActivations() {
        assertThatThrownBy(() -> new ActivationCache(2).store(new float[3])).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    @Tag("hostile")
    void aLargeActivationStaysFinite() {
        // 70000 is above fp16's overflow threshold 65520: unclamped it is stored as Infinity, and the
        // backward pass multiplies by it; clamped it saturates at the largest finite half, 65504
        ActivationCache cache = new ActivationCache(1);
        cache.store(new float[] {70000f});
        assertThat(cache.load(0)).isEqualTo(65504f);
    }
}
