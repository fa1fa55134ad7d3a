package it.numguard.modular;

import java.util.logging.Logger;

/** A softmax written the naive way: exp without a max shift. */
public final class Scores {
    private static final Logger LOG = Logger.getLogger(Scores.class.getName());

    public static double[] softmax(double[] logits) {
        LOG.fine("softmax");
        double[] out = new double[logits.length];
        double sum = 0;
        for (int i = 0; i < logits.length; i++) {
            out[i] = Math.exp(logits[i]);
            sum += out[i];
        }
        for (int i = 0; i < out.length; i++) {
            out[i] /= sum;
        }
        return out;
    }
}
