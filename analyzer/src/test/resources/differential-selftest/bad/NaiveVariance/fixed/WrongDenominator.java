public class WrongDenominator {
    public static double variance(double[] x) {
        double sum = 0.0;
        for (double v : x) {
            sum += v;
        }
        double mean = sum / x.length;
        double squares = 0.0;
        for (double v : x) {
            squares += (v - mean) * (v - mean);
        }
        return squares / (x.length - 1);
    }

    public static float variance(float[] x) {
        double sum = 0.0;
        for (float v : x) {
            sum += v;
        }
        double mean = sum / x.length;
        double squares = 0.0;
        for (float v : x) {
            squares += (v - mean) * (v - mean);
        }
        return (float) (squares / (x.length - 1));
    }
}
