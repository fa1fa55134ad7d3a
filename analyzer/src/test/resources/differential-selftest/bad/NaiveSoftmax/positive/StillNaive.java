public class StillNaive {
    public static double[] softmax(double[] x) {
        double[] out = new double[x.length];
        double sum = 0.0;
        for (int i = 0; i < x.length; i++) {
            out[i] = Math.exp(x[i]);
            sum += out[i];
        }
        for (int i = 0; i < x.length; i++) {
            out[i] /= sum;
        }
        return out;
    }

    public static void softmaxInto(float[] x, float[] out) {
        float sum = 0f;
        for (int i = 0; i < x.length; i++) {
            out[i] = (float) Math.exp(x[i]);
            sum += out[i];
        }
        for (int i = 0; i < x.length; i++) {
            out[i] /= sum;
        }
    }
}
