public class SequenceLogProbability {
    public static double logProbability(double[] tokenProbabilities) {
        double logP = 0.0;
        for (double q : tokenProbabilities) {
            logP += Math.log(q);
        }
        return logP;
    }

    public static double jointLog(double a, double b) {
        return Math.log(a) + Math.log(b);
    }
}
