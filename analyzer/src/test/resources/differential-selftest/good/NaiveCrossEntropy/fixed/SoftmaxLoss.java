public class SoftmaxLoss {
    public static double loss(double[] logits, int target) {
        double max = Double.NEGATIVE_INFINITY;
        for (double z : logits) {
            max = Math.max(max, z);
        }
        double sum = 0.0;
        for (double z : logits) {
            sum += Math.exp(z - max);
        }
        return max + Math.log(sum) - logits[target];
    }
}
