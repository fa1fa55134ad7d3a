public class SequenceLogProbability {
    public static double logProbability(double[] tokenProbabilities) {
        double p = 1.0;
        for (double q : tokenProbabilities) {
            p *= q;
        }
        return Math.log(p);
    }

    public static double jointLog(double a, double b) {
        return Math.log(a * b);
    }
}
