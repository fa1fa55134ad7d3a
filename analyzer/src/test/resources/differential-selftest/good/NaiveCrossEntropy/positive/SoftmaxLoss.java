public class SoftmaxLoss {
    public static double loss(double[] logits, int target) {
        double[] p = softmax(logits);
        return -Math.log(p[target]);
    }

    private static double[] softmax(double[] z) {
        double[] e = new double[z.length];
        double sum = 0.0;
        for (int i = 0; i < z.length; i++) {
            e[i] = Math.exp(z[i]);
            sum += e[i];
        }
        for (int i = 0; i < z.length; i++) {
            e[i] /= sum;
        }
        return e;
    }
}
