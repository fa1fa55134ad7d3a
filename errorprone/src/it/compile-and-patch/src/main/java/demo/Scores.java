package demo;

/** Turns classifier logits into probabilities, the way it is usually first written. */
public final class Scores {
    private Scores() {
    }

    public static double[] probabilities(double[] logits) {
        double[] p = new double[logits.length];
        double z = 0;
        for (int i = 0; i < logits.length; i++) {
            p[i] = Math.exp(logits[i]);
            z += p[i];
        }
        for (int i = 0; i < logits.length; i++) {
            p[i] /= z;
        }
        return p;
    }

    public static double logPartition(double[] logits) {
        double z = 0;
        for (double l : logits) {
            z += Math.exp(l);
        }
        return Math.log(z);
    }

    public static double logGrowth(double rate) {
        return Math.log(1 + rate);
    }

    @SuppressWarnings("Log1p")
    public static double logGrowthKeptOnPurpose(double rate) {
        return Math.log(1 + rate);
    }
}
