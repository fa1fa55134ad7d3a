public class OnePassVariance {
    public static double variance(double[] x) {
        double sum = 0.0;
        double sumSq = 0.0;
        for (double v : x) {
            sum += v;
            sumSq += v * v;
        }
        double mean = sum / x.length;
        return sumSq / x.length - mean * mean;
    }

    public static float variance(float[] x) {
        float sum = 0f;
        float sumSq = 0f;
        for (float v : x) {
            sum += v;
            sumSq += v * v;
        }
        float mean = sum / x.length;
        return sumSq / x.length - mean * mean;
    }
}
