package dev.numguard.examples.signal;

/**
 * Magnitudes and levels of audio frames: the magnitude of each bin of a complex spectrum stored
 * interleaved ({@code re0, im0, re1, im1, …}, as FFT libraries return it) and the Euclidean norm of
 * a frame (its root-sum-square level, {@code sqrt(n)} times the RMS).
 */
public final class Spectrum {

    private Spectrum() {
    }

    /**
     * The magnitude {@code |re + i·im|} of every bin.
     *
     * @param interleaved real and imaginary parts, alternating; even length
     * @return one magnitude per bin
     */
    public static float[] magnitudes(float[] interleaved) {
        if (interleaved.length % 2 != 0) {
            throw new IllegalArgumentException("interleaved complex values need an even length, got "
                    + interleaved.length);
        }
        float[] out = new float[interleaved.length / 2];
        for (int k = 0; k < out.length; k++) {
            float re = interleaved[2 * k];
            float im = interleaved[2 * k + 1];
            out[k] = (float) Math.sqrt(re * re + im * im);
        }
        return out;
    }

    /**
     * The Euclidean norm of a frame, {@code sqrt(Σ x²)}.
     *
     * @param frame the samples
     * @return the norm, 0 for an empty frame
     */
    public static double level(double[] frame) {
        double sum = 0;
        for (double sample : frame) {
            sum += sample * sample;
        }
        return Math.sqrt(sum);
    }
}
