package dev.numguard.examples.mixture;

/**
 * A one-dimensional Gaussian mixture model
 * {@code p(x) = Σ_k w_k · N(x; mu_k, sigma_k²)}, used to score data (for example to flag outliers
 * by their log-likelihood or to compare fitted models). Instances are immutable.
 */
public final class GaussianMixture {

    private final double[] weights;
    private final double[] means;
    private final double[] variances;
    /** {@code w_k / sqrt(2·pi·sigma_k²)}: the height of each weighted component at its mean. */
    private final double[] coefficients;

    /**
     * Creates a mixture; the arrays are copied.
     *
     * @param weights mixing weights, non-negative, summing to 1
     * @param means component means
     * @param variances component variances, positive
     * @throws IllegalArgumentException on mismatched lengths, no component, negative weights or
     *     non-positive variances
     */
    public GaussianMixture(double[] weights, double[] means, double[] variances) {
        int k = weights.length;
        if (k == 0 || means.length != k || variances.length != k) {
            throw new IllegalArgumentException("need at least one component and equal numbers of weights, means"
                    + " and variances, got " + k + ", " + means.length + ", " + variances.length);
        }
        this.weights = weights.clone();
        this.means = means.clone();
        this.variances = variances.clone();
        this.coefficients = new double[k];
        for (int c = 0; c < k; c++) {
            if (!(weights[c] >= 0.0)) {
                throw new IllegalArgumentException("weight " + c + " is " + weights[c]);
            }
            if (!(variances[c] > 0.0)) {
                throw new IllegalArgumentException("variance " + c + " is " + variances[c]);
            }
            coefficients[c] = weights[c] / Math.sqrt(2 * Math.PI * variances[c]);
        }
    }

    /** Returns the number of components. */
    public int components() {
        return weights.length;
    }

    /** Returns the mixing weight of component {@code k}. */
    public double weight(int k) {
        return weights[k];
    }

    /** Returns the mean of component {@code k}. */
    public double mean(int k) {
        return means[k];
    }

    /** Returns the variance of component {@code k}. */
    public double variance(int k) {
        return variances[k];
    }

    /**
     * The log density {@code log p(x)} of one point.
     *
     * @param x the point
     * @return the log density in nats
     */
    public double logDensity(double x) {
        double density = 0.0;
        for (int k = 0; k < weights.length; k++) {
            double deviation = x - means[k];
            density += coefficients[k] * Math.exp(-0.5 * deviation * deviation / variances[k]);
        }
        return Math.log(density);
    }

    /**
     * The log-likelihood {@code Σ_i log p(x_i)} of a data set, in nats.
     *
     * @param data the observations; the empty data set has log-likelihood 0
     */
    public double logLikelihood(double[] data) {
        double total = 0.0;
        for (double x : data) {
            total += logDensity(x);
        }
        return total;
    }

    /**
     * The average log-likelihood per observation, as reported when comparing models on data sets of
     * different sizes.
     *
     * @param data a non-empty data set
     */
    public double meanLogLikelihood(double[] data) {
        if (data.length == 0) {
            throw new IllegalArgumentException("mean log-likelihood of an empty data set is undefined");
        }
        return logLikelihood(data) / data.length;
    }
}
