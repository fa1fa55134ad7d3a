public class LogSumExp {
    public static double logSumExp(double[] x) {
        double sum = 0.0;
        for (double v : x) {
            sum += Math.exp(v);
        }
        return Math.log(sum);
    }

    public static double logAddExp(double a, double b) {
        return Math.log(Math.exp(a) + Math.exp(b));
    }
}
