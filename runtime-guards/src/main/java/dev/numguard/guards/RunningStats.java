package dev.numguard.guards;

import java.io.IOException;
import java.io.InvalidObjectException;
import java.io.ObjectInputStream;
import java.io.Serializable;
import java.util.Objects;
import java.util.function.DoubleConsumer;

/**
 * Streaming count, mean, variance, standard deviation, minimum, maximum and sum, updated one value
 * at a time (Welford) and mergeable across threads or partitions (Chan, Golub and LeVeque's
 * pairwise update), so that {@code stream.parallel().collect(RunningStats::new,
 * RunningStats::accept, RunningStats::combine)} works.
 *
 * <p>Weights: {@link #accept(double, double)} adds a value with a weight (West's 1979 form of
 * Welford's update); the mean becomes the weighted mean, {@link #variance()} the weighted population
 * variance, {@link #sampleVariance()} the frequency-weighted and
 * {@link #reliabilityWeightedSampleVariance()} the reliability-weighted sample variance, as NumPy's
 * {@code average} and {@code cov(x, fweights=…)} / {@code cov(x, aweights=…)}. Unweighted values
 * have weight 1, and then every result is bit for bit what it was without weights.
 *
 * <p>Accuracy: single updates use Welford's recurrence, which does not cancel like
 * {@code Σx²/n − mean²}; whole arrays given to {@link #acceptAll(double[])} are summarised with the
 * corrected two-pass algorithm of {@link Statistics} and merged in, which is more accurate and
 * faster than accepting them one by one.
 *
 * <p>Range (as Apache Commons Statistics): the mean never overflows for finite values — when a
 * deviation {@code x − mean} would overflow (values of opposite sign near {@link Double#MAX_VALUE}),
 * the update is done on halved values. The sum of squared deviations is kept as a plain double, so
 * the variance and standard deviation become {@code +Infinity} once it exceeds
 * {@code Double.MAX_VALUE} (deviations beyond about 1.3e154), and squared deviations below
 * {@link Double#MIN_NORMAL} lose digits or vanish (deviations below about 1e-154: the standard
 * deviation of values near 1e-300 comes out 0). {@link Statistics#standardDeviation} scales the
 * data and has neither limit; {@link #acceptAll(double[])} does not scale either.
 *
 * <p>Edge cases, the same as {@link Statistics}:
 * <ul>
 *   <li>No values: count 0, sum 0, mean, variances and standard deviations NaN, minimum
 *       {@code +Infinity} and maximum {@code -Infinity} (as {@link java.util.DoubleSummaryStatistics}
 *       and Commons Statistics' {@code Min}/{@code Max}).</li>
 *   <li>One value: mean = the value, population variance 0, sample variance NaN (NumPy's
 *       {@code ddof=1}; Commons Statistics returns 0 instead).</li>
 *   <li>A NaN: mean, variances, sum, minimum and maximum are NaN from then on.</li>
 *   <li>An infinity: mean and sum follow IEEE addition (the infinity, or NaN when both signs have
 *       been seen); variances and standard deviations are NaN.</li>
 * </ul>
 *
 * <p>Not thread-safe: give each thread its own instance and {@link #combine(RunningStats)} them.
 *
 * <p>Serializable, so that a field of a task shipped between machines (a Hadoop writable's state, a
 * Spark or Flink accumulator, an H2O {@code Iced} task) can hold one: each worker accepts its values,
 * the partial results travel, and the reducer {@link #combine(RunningStats) combines} them; the
 * result is the same as if one instance had accepted every value.
 */
public final class RunningStats implements DoubleConsumer, Serializable {

    private static final long serialVersionUID = 1L;

    private long count;
    /**
     * The total weight of the finite values (their count when every weight is 1); the West/Welford
     * state below describes only them.
     */
    private double weight;
    /**
     * {@code Σ_{i<j} w_i·w_j}, for the reliability-weighted sample variance: its divisor
     * {@code Σw − Σw²/Σw} equals {@code 2·Σ_{i<j} w_i·w_j / Σw}, which, unlike the difference, cannot
     * cancel (one dominant weight makes the difference lose every digit).
     */
    private double weightPairs;
    /** The mean as an unevaluated sum {@code mean + meanRemainder} (double-double). */
    private double mean;
    private double meanRemainder;
    /** Σ(x − mean)², with a Neumaier compensation term. */
    private double squaredDeviations;
    private double squaredDeviationsCompensation;
    private double min = Double.POSITIVE_INFINITY;
    private double max = Double.NEGATIVE_INFINITY;
    private double finiteSum;
    private double finiteSumCompensation;
    private boolean sawNaN;
    private boolean sawPositiveInfinity;
    private boolean sawNegativeInfinity;

    /** Creates empty statistics. */
    public RunningStats() {
    }

    /**
     * Statistics of the given values.
     *
     * @param values the values; not null
     * @return a new instance holding them
     */
    public static RunningStats of(double... values) {
        RunningStats stats = new RunningStats();
        stats.acceptAll(values);
        return stats;
    }

    /**
     * One empty instance per index, for statistics kept per column, per class or per pixel
     * ({@code stats[j].accept(x)} where one-pass code kept {@code sum[j]} and {@code sumSq[j]}).
     *
     * @param length the number of instances, {@code >= 0}
     * @return an array of {@code length} independent empty instances
     * @throws NegativeArraySizeException if {@code length} is negative
     */
    public static RunningStats[] newArray(int length) {
        RunningStats[] array = new RunningStats[length];
        for (int i = 0; i < length; i++) {
            array[i] = new RunningStats();
        }
        return array;
    }

    /**
     * The statistics of two partitions together, leaving both unchanged.
     *
     * @return a new instance equal to {@code a.copy().combine(b)}
     */
    public static RunningStats merge(RunningStats a, RunningStats b) {
        return a.copy().combine(b);
    }

    /** @return an independent copy of these statistics */
    public RunningStats copy() {
        RunningStats copy = new RunningStats();
        copy.count = count;
        copy.weight = weight;
        copy.weightPairs = weightPairs;
        copy.mean = mean;
        copy.meanRemainder = meanRemainder;
        copy.squaredDeviations = squaredDeviations;
        copy.squaredDeviationsCompensation = squaredDeviationsCompensation;
        copy.min = min;
        copy.max = max;
        copy.finiteSum = finiteSum;
        copy.finiteSumCompensation = finiteSumCompensation;
        copy.sawNaN = sawNaN;
        copy.sawPositiveInfinity = sawPositiveInfinity;
        copy.sawNegativeInfinity = sawNegativeInfinity;
        return copy;
    }

    /**
     * Adds one value (Welford's update, with the running mean held to twice double precision so
     * that a large mean next to a small spread, 1e8 + noise, does not cost digits); the same as
     * {@code accept(value, 1.0)}.
     *
     * @param value any double; NaN and infinities are recorded as described in the class comment
     */
    @Override
    public void accept(double value) {
        accept(value, 1.0);
    }

    /**
     * Adds one value with a weight (West's 1979 update, the weighted form of Welford's): the mean
     * becomes {@code Σw·x / Σw} and the variances those of {@link Statistics#weightedVariance} and
     * {@link Statistics#weightedSampleVariance}. A weight may be a frequency (a count: the value
     * occurred {@code weight} times) or a reliability; {@link #sampleVariance()} treats weights as
     * frequencies, {@link #reliabilityWeightedSampleVariance()} as reliabilities.
     *
     * <p>A value of weight 0 counts in {@link #count()}, {@link #min()} and {@link #max()} but not in
     * the mean, variances or sum, except that a NaN or an infinity is recorded whatever its weight
     * (as NumPy's {@code 0·nan = nan}).
     *
     * @param value  any double
     * @param weight finite and {@code >= 0}
     * @throws IllegalArgumentException if the weight is negative, infinite or NaN
     */
    public void accept(double value, double weight) {
        if (!(weight >= 0 && weight <= Double.MAX_VALUE)) {
            throw new IllegalArgumentException("weight must be finite and >= 0, got " + weight);
        }
        count++;
        min = Math.min(min, value);
        max = Math.max(max, value);
        if (!Double.isFinite(value)) {
            recordNonFinite(value);
            return;
        }
        if (weight == 0) {
            return;
        }
        addToSum(weight * value);
        double previous = this.weight;
        weightPairs += weight * previous;
        double total = previous + weight;
        this.weight = total;
        if (previous == 0) {
            mean = value;
            meanRemainder = 0;
            squaredDeviations = 0;
            squaredDeviationsCompensation = 0;
            return;
        }
        double deviation = (value - mean) - meanRemainder;
        if (Double.isFinite(deviation)) {
            // (w·δ)/W, not δ·(w/W): with weight 1 this is Welford's δ/n to the last bit
            addToMean(weight * deviation / total);
            double newDeviation = (value - mean) - meanRemainder;
            addToSquaredDeviations(weight * deviation * newDeviation);
        } else {
            // value and mean are huge and of opposite signs: halve both so the deviation fits. The
            // squared deviation, at least (MAX_VALUE)²/2, overflows as the true one does.
            double halfDeviation = value * 0.5 - mean * 0.5;
            mean += (weight * halfDeviation / total) * 2;
            meanRemainder = 0;
            squaredDeviations = Double.POSITIVE_INFINITY;
        }
    }

    /**
     * Adds every value of the array, summarised with the corrected two-pass algorithm and merged in
     * (more accurate and faster than accepting them one by one).
     *
     * @return this
     */
    public RunningStats acceptAll(double[] values) {
        Objects.requireNonNull(values, "values");
        return acceptAll(values, 0, values.length);
    }

    /**
     * Adds {@code values[offset .. offset+length)}; see {@link #acceptAll(double[])}.
     *
     * @return this
     * @throws IndexOutOfBoundsException if the range lies outside the array
     */
    public RunningStats acceptAll(double[] values, int offset, int length) {
        SliceBounds.check(offset, length, values.length);
        if (length == 0) {
            return this;
        }
        double sum = Statistics.compensatedSum(values, offset, length);
        double batchMean = sum / length;
        double batchSquares = Double.isFinite(sum)
                ? Statistics.sumOfSquaredDeviations(values, offset, length, batchMean)
                : Double.NaN;
        if (!Double.isFinite(batchSquares)) {
            // Non-finite values, an overflowing sum or overflowing squares: the per-value path
            // handles each of those exactly as documented.
            for (int i = offset, end = offset + length; i < end; i++) {
                accept(values[i]);
            }
            return this;
        }
        RunningStats batch = new RunningStats();
        batch.count = length;
        batch.weight = length;
        batch.weightPairs = length * (length - 1.0) / 2;
        batch.mean = batchMean;
        batch.meanRemainder = Statistics.deviationSum(values, offset, length, batchMean) / length;
        batch.squaredDeviations = batchSquares;
        batch.finiteSum = sum;
        double batchMin = Double.POSITIVE_INFINITY;
        double batchMax = Double.NEGATIVE_INFINITY;
        for (int i = offset, end = offset + length; i < end; i++) {
            batchMin = Math.min(batchMin, values[i]);
            batchMax = Math.max(batchMax, values[i]);
        }
        batch.min = batchMin;
        batch.max = batchMax;
        return combine(batch);
    }

    /**
     * Adds every float value (widened exactly to double).
     *
     * @return this
     */
    public RunningStats acceptAll(float[] values) {
        Objects.requireNonNull(values, "values");
        for (float value : values) {
            accept(value);
        }
        return this;
    }

    /**
     * Merges another partition into this one (Chan et al.): afterwards this holds the statistics of
     * both sets of values, as if they had all been accepted here. {@code other} is unchanged.
     *
     * @return this
     */
    public RunningStats combine(RunningStats other) {
        Objects.requireNonNull(other, "other");
        if (other.count == 0) {
            return this;
        }
        count += other.count;
        min = Math.min(min, other.min);
        max = Math.max(max, other.max);
        sawNaN |= other.sawNaN;
        sawPositiveInfinity |= other.sawPositiveInfinity;
        sawNegativeInfinity |= other.sawNegativeInfinity;
        addToSum(other.finiteSum);
        finiteSumCompensation += other.finiteSumCompensation;
        if (other.weight == 0) {
            return this;
        }
        weightPairs += other.weightPairs + weight * other.weight;
        if (weight == 0) {
            weight = other.weight;
            mean = other.mean;
            meanRemainder = other.meanRemainder;
            squaredDeviations = other.squaredDeviations;
            squaredDeviationsCompensation = other.squaredDeviationsCompensation;
            return this;
        }
        double n = weight + other.weight;
        double otherShare = other.weight / n;
        double deviation = (other.mean - mean) + (other.meanRemainder - meanRemainder);
        if (Double.isFinite(deviation)) {
            addToMean(deviation * otherShare);
            addToSquaredDeviations(other.squaredDeviations);
            squaredDeviationsCompensation += other.squaredDeviationsCompensation;
            addToSquaredDeviations(deviation * deviation * (weight * otherShare));
        } else {
            // Means of opposite signs near MAX_VALUE: a weighted average cannot overflow.
            mean = mean * (weight / n) + other.mean * otherShare;
            meanRemainder = 0;
            squaredDeviations = Double.POSITIVE_INFINITY;
        }
        weight = n;
        return this;
    }

    /** @return how many values were accepted, NaN and infinities included */
    public long count() {
        return count;
    }

    /**
     * @return the arithmetic mean; NaN if empty or a NaN was seen; an infinity or NaN per IEEE
     *     addition if infinities were seen
     */
    public double mean() {
        double nonFinite = nonFiniteTotal();
        if (nonFinite != 0) {
            return nonFinite;
        }
        return weight == 0 ? Double.NaN : mean + meanRemainder;
    }

    /**
     * @return the compensated sum of the values ({@code Σw·x} when weighted); 0 if empty; NaN or an infinity as IEEE addition
     *     gives when non-finite values were seen; an infinity if finite values sum beyond the range
     */
    public double sum() {
        double nonFinite = nonFiniteTotal();
        if (nonFinite != 0) {
            return nonFinite;
        }
        double total = finiteSum + finiteSumCompensation;
        return Double.isNaN(total) ? finiteSum : total;
    }

    /**
     * @return the population variance (divide by n, or by the total weight {@code Σw}); NaN if empty
     *     or any value was non-finite; 0 for one value
     */
    public double variance() {
        return dispersion(0);
    }

    /**
     * @return the sample variance (divide by n − 1, or by {@code Σw − 1} for frequency weights, as
     *     NumPy's {@code cov(x, fweights=w)}); NaN for fewer than two values (a total weight of at most
     *     1) or any non-finite value
     */
    public double sampleVariance() {
        return dispersion(1);
    }

    /**
     * The sample variance for reliability weights, NumPy's {@code cov(x, aweights=w)}: {@code Σw·(x −
     * mean)² / (Σw − Σw²/Σw)}, unbiased when the weights are reliabilities (e.g. inverse variances);
     * with all weights 1 it equals {@link #sampleVariance()}.
     *
     * @return the reliability-weighted sample variance; NaN if empty, if any value was non-finite, or
     *     for a single value of positive weight
     */
    public double reliabilityWeightedSampleVariance() {
        if (sawNaN || sawPositiveInfinity || sawNegativeInfinity || weight == 0) {
            return Double.NaN;
        }
        double denominator = 2 * weightPairs / weight;
        return denominator > 0 ? squaredDeviationsTotal() / denominator : Double.NaN;
    }

    /** @return the sum of the weights of the finite values: their count when no weights were given */
    public double totalWeight() {
        return weight;
    }

    /** @return the population standard deviation, {@code sqrt(variance())} */
    public double standardDeviation() {
        return Math.sqrt(variance());
    }

    /** @return the sample standard deviation, {@code sqrt(sampleVariance())} */
    public double sampleStandardDeviation() {
        return Math.sqrt(sampleVariance());
    }

    /** @return the smallest value; {@code +Infinity} if empty; NaN if a NaN was seen */
    public double min() {
        return min;
    }

    /** @return the largest value; {@code -Infinity} if empty; NaN if a NaN was seen */
    public double max() {
        return max;
    }

    /** Rejects a serial form no sequence of updates can produce, so corrupt state fails where it is read. */
    private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
        in.defaultReadObject();
        if (count < 0 || !(weight >= 0) || !(weightPairs >= 0)) {
            throw new InvalidObjectException("RunningStats: negative or NaN count or weight in the serial form"
                    + " (count=" + count + ", weight=" + weight + ", weightPairs=" + weightPairs + ")");
        }
    }

    @Override
    public String toString() {
        return "RunningStats{count=" + count + ", mean=" + mean() + ", variance=" + variance()
                + ", min=" + min + ", max=" + max + "}";
    }

    private double dispersion(int ddof) {
        if (sawNaN || sawPositiveInfinity || sawNegativeInfinity || !(weight > ddof)) {
            return Double.NaN;
        }
        return squaredDeviationsTotal() / (weight - ddof);
    }

    private double squaredDeviationsTotal() {
        double total = squaredDeviations + squaredDeviationsCompensation;
        return Double.isNaN(total) ? squaredDeviations : total;
    }

    /** NaN or an infinity when non-finite values decide the mean and sum, otherwise 0. */
    private double nonFiniteTotal() {
        if (sawNaN || (sawPositiveInfinity && sawNegativeInfinity)) {
            return Double.NaN;
        }
        if (sawPositiveInfinity) {
            return Double.POSITIVE_INFINITY;
        }
        return sawNegativeInfinity ? Double.NEGATIVE_INFINITY : 0.0;
    }

    private void recordNonFinite(double value) {
        if (Double.isNaN(value)) {
            sawNaN = true;
        } else if (value > 0) {
            sawPositiveInfinity = true;
        } else {
            sawNegativeInfinity = true;
        }
    }

    /** Adds to the double-double mean, keeping it normalised (|meanRemainder| ≤ ulp(mean)/2). */
    private void addToMean(double increment) {
        double sum = mean + increment;
        double error = Math.abs(mean) >= Math.abs(increment) ? (mean - sum) + increment : (increment - sum) + mean;
        double remainder = meanRemainder + error;
        mean = sum + remainder;
        meanRemainder = remainder - (mean - sum);
    }

    /** Neumaier update of the sum of squared deviations. */
    private void addToSquaredDeviations(double value) {
        double t = squaredDeviations + value;
        if (Math.abs(squaredDeviations) >= Math.abs(value)) {
            squaredDeviationsCompensation += (squaredDeviations - t) + value;
        } else {
            squaredDeviationsCompensation += (value - t) + squaredDeviations;
        }
        squaredDeviations = t;
    }

    /** Neumaier update of the finite sum. */
    private void addToSum(double value) {
        double t = finiteSum + value;
        if (Math.abs(finiteSum) >= Math.abs(value)) {
            finiteSumCompensation += (finiteSum - t) + value;
        } else {
            finiteSumCompensation += (value - t) + finiteSum;
        }
        finiteSum = t;
    }
}
