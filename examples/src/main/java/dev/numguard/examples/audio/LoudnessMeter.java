package dev.numguard.examples.audio;

/**
 * The loudness of a mono clip as the root mean square of its samples, in the clip's own units
 * (full scale is whatever the decoder delivers: ±1 for normalised audio, ±32768 for raw PCM).
 */
public final class LoudnessMeter {

    private LoudnessMeter() {
    }

    /**
     * {@code sqrt(Σ s² / n)} over all samples.
     *
     * @throws IllegalArgumentException if the clip is empty
     */
    public static float rms(float[] samples) {
        if (samples.length == 0) {
            throw new IllegalArgumentException("an empty clip has no loudness");
        }
        float sumOfSquares = 0;
        for (float s : samples) {
            sumOfSquares += s * s;
        }
        return (float) Math.sqrt(sumOfSquares / samples.length);
    }
}
