package dev.numguard.examples.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

class LoudnessMeterTest {

    @Test
    void aConstantClipIsAsLoudAsItsLevel() {
        float[] clip = new float[100];
        Arrays.fill(clip, -0.25f);
        assertThat(LoudnessMeter.rms(clip)).isEqualTo(0.25f);
    }

    @Test
    void aSquareWaveOfAmplitudeOneHasRmsOne() {
        assertThat(LoudnessMeter.rms(new float[] {1, -1, 1, -1})).isEqualTo(1f);
        assertThat(LoudnessMeter.rms(new float[] {3, 4})).isCloseTo((float) Math.sqrt(12.5), within(1e-6f));
    }

    @Test
    void rejectsAnEmptyClip() {
        assertThatThrownBy(() -> LoudnessMeter.rms(new float[0])).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    @Tag("hostile")
    void aLoudClickDoesNotSilenceTheRestOfTheClip() {
        // one click at 4096 (square 2^24) followed by 2^20 samples at 0.5 (square 0.25): once a float sum
        // reaches 2^24 its ulp is 2, so every 0.25 added after the click rounds away
        float[] clip = new float[1 + (1 << 20)];
        Arrays.fill(clip, 0.5f);
        clip[0] = 4096f;
        double exact = Math.sqrt((16777216.0 + 0.25 * (1 << 20)) / clip.length);
        assertThat((double) LoudnessMeter.rms(clip)).isCloseTo(exact, within(exact * 1e-6));
    }
}
