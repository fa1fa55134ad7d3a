package dev.numguard.examples.signal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

class SpectrumTest {

    @Test
    void magnitudeOfEachBin() {
        float[] magnitudes = Spectrum.magnitudes(new float[] {3, 4, -5, 12, 0, 0});
        assertThat(magnitudes).containsExactly(5f, 13f, 0f);
    }

    @Test
    void levelIsTheEuclideanNorm() {
        assertThat(Spectrum.level(new double[] {1, 2, 2})).isEqualTo(3.0);
        assertThat(Spectrum.level(new double[] {0.5, -0.5, 0.5, -0.5})).isCloseTo(1.0, within(1e-15));
        assertThat(Spectrum.level(new double[0])).isEqualTo(0.0);
    }

    @Test
    void rejectsAnOddNumberOfParts() {
        assertThatThrownBy(() -> Spectrum.magnitudes(new float[3])).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    @Tag("hostile")
    void loudBinsKeepTheirMagnitude() {
        // 3e20 and 4e20 are ordinary floats; their squares (above 3.4e38) are not
        float[] magnitudes = Spectrum.magnitudes(new float[] {3e20f, 4e20f, 3e-25f, 4e-25f});
        assertThat(magnitudes[0]).isCloseTo(5e20f, within(5e20f * 1e-6f));
        assertThat(magnitudes[1]).isCloseTo(5e-25f, within(5e-25f * 1e-6f));
    }

    @Test
    @Tag("hostile")
    void levelsOfHugeAndTinyFramesAreRepresentable() {
        assertThat(Spectrum.level(new double[] {3e200, 4e200})).isCloseTo(5e200, within(5e200 * 1e-15));
        assertThat(Spectrum.level(new double[] {3e-200, 4e-200})).isCloseTo(5e-200, within(5e-200 * 1e-15));
    }
}
