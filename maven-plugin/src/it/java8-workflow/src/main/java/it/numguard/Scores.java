package it.numguard;

/** Scores for a ranking model (écrit en Latin-1: the build says ISO-8859-1). */
public final class Scores {
    private Scores() {
    }

    /** Softmax written the naive way: exp without a max shift. */
    public static double[] softmax(double[] logits) {
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

    /** Log-return of a tiny rate. */
    public static double logReturn(double rate) {
        return Math.log(1 + rate);
    }
}
