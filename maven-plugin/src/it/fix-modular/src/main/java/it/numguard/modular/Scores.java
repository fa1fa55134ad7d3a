package it.numguard.modular;

import java.util.logging.Logger;

/** A smooth ReLU written the naive way: exp overflows for large z. */
public final class Scores {
    private static final Logger LOG = Logger.getLogger(Scores.class.getName());

    public static double softplus(double z) {
        LOG.fine("softplus");
        return Math.log(1 + Math.exp(z));
    }
}
