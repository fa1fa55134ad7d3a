public class WeightedLogSumExp {
    public static double mixtureLogDensity(double[] weights, double[] exponents) {
        double max = Double.NEGATIVE_INFINITY;
        for (double e : exponents) {
            max = Math.max(max, e);
        }
        double density = 0.0;
        for (int k = 0; k < weights.length; k++) {
            density += weights[k] * Math.exp(exponents[k] - max);
        }
        return max + Math.log(density);
    }
}
