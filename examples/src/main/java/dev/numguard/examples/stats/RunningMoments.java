package dev.numguard.examples.stats;

/**
 * Streaming mean, variance and standard deviation of a sequence of observations, for monitoring
 * values (latencies, timestamps, losses) without keeping them in memory.
 *
 * <p>Variances are population variances (divided by the count). With no observation the mean and
 * variance are {@code NaN}. Not thread-safe.
 */
public final class RunningMoments {

    private long count;
    private double sum;
    private double sumOfSquares;

    /** Adds one observation. */
    public void add(double value) {
        count++;
        sum += value;
        sumOfSquares += value * value;
    }

    /** Adds every value of {@code values}. */
    public void addAll(double[] values) {
        for (double value : values) {
            add(value);
        }
    }

    /** Returns the number of observations added so far. */
    public long count() {
        return count;
    }

    /** Returns the mean of the observations, or {@code NaN} if there are none. */
    public double mean() {
        return sum / count;
    }

    /** Returns the population variance of the observations, or {@code NaN} if there are none. */
    public double variance() {
        double mean = sum / count;
        return sumOfSquares / count - mean * mean;
    }

    /** Returns the population standard deviation, or {@code NaN} if there are no observations. */
    public double standardDeviation() {
        return Math.sqrt(variance());
    }
}
