public class TemperatureSoftmax {
    public static double[] sample(double[] logits, double temperature) {
        double[] p = new double[logits.length];
        double total = 0.0;
        for (int i = 0; i < logits.length; i++) {
            p[i] = Math.exp(logits[i] / temperature);
            total += p[i];
        }
        for (int i = 0; i < p.length; i++) {
            p[i] = p[i] / total;
        }
        return p;
    }
}
