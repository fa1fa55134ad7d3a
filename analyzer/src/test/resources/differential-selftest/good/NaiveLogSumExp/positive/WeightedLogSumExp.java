public class WeightedLogSumExp {
    public static double mixtureLogDensity(double[] weights, double[] exponents) {
        double density = 0.0;
        for (int k = 0; k < weights.length; k++) {
            density += weights[k] * Math.exp(exponents[k]);
        }
        return Math.log(density);
    }
}
