public class LogReturn {
    public static double logReturn(double r) {
        return Math.log1p(r);
    }

    public static float[] logReturns(float[] r) {
        float[] out = new float[r.length];
        for (int i = 0; i < r.length; i++) {
            out[i] = (float) Math.log1p(r[i]);
        }
        return out;
    }
}
