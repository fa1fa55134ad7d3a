package dev.numguard.guards;

import java.io.Serializable;

/**
 * The weighted power sums {@code W = Σw}, {@code Σw·x} and {@code Σw·x²} of a stream of values,
 * kept as sums of deviations from a shift K (the first value accepted) so that a large mean next to
 * a small spread (1e9 + noise) does not cancel: {@link #squaredDeviations(double)} gives
 * {@code Σw·x² − (Σw·x)²/n} for any n, from {@code Σw·(x−K)²}, {@code Σw·(x−K)} and W. Unlike
 * {@link RunningStats}, a weight may be of any sign (a count difference, a signed frequency): the
 * shift leaves the power sums of every weighting unchanged in exact arithmetic. Where n is the total
 * weight up to the rounding that summing these weights can carry (k·2⁻⁵³·Σ|w| for k values), it is
 * taken as the total weight: the result is the sum of squared deviations, without the mean²·(1 − W/n)
 * of rounding noise the raw sums carry.
 *
 * <p>NaN and infinite values or weights propagate as they do through the raw sums (the result is NaN).
 */
public final class ShiftedMoments implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final double ROUNDING = 0x1p-53;

    private boolean started;
    private double shift;
    private double weight;
    private double weightError;                                 // Σw to twice double precision (Neumaier)
    private double absoluteWeight;                              // Σ|w|, for the rounding a summed total carries
    private long count;
    private double sum;
    private double squares;

    /** An empty instance: no values, every sum 0. */
    public ShiftedMoments() {
    }

    /** Adds one value of weight 1. */
    public void accept(double value) {
        accept(value, 1.0);
    }

    /**
     * Adds one value with a weight of any sign.
     *
     * @param value any double
     * @param weight any double
     */
    public void accept(double value, double weight) {
        if (!started) {
            started = true;
            shift = value;
        }
        double deviation = value - shift;
        double weighted = weight * deviation;
        double total = this.weight + weight;
        weightError += Math.abs(this.weight) >= Math.abs(weight) ? (this.weight - total) + weight
                : (weight - total) + this.weight;
        this.weight = total;
        absoluteWeight += Math.abs(weight);
        count++;
        sum += weighted;
        squares += weighted * deviation;
    }

    /** The total weight Σw (the number of values when every weight is 1). */
    public double totalWeight() {
        return weight + weightError;
    }

    /** {@code Σw·x}, the raw weighted sum. */
    public double sum() {
        return sum + shift * weight;
    }

    /**
     * {@code Σw·x² − (Σw·x)²/n}: the weighted sum of squared deviations from the weighted mean when
     * {@code n} is the total weight (up to the rounding of summing the weights), and otherwise
     * {@code M2 + 2K·S(1 − W/n) + K²·W(1 − W/n)} with S = Σw·(x−K), M2 = Σw·(x−K)² − S²/n, equal to
     * the raw formula in exact arithmetic.
     *
     * @param n the count (or total weight) the formula divides the square of the sum by
     * @return 0 for no values and n ≠ 0; NaN for no values and n = 0 (as {@code 0 − 0/0}), and where a
     *     value or weight was NaN or infinite
     */
    public double squaredDeviations(double n) {
        double centred = squares - sum * sum / n;
        double gap = (n - weight) - weightError;                 // n − Σw, W to twice double precision
        if (shift == 0 || Math.abs(gap) <= count * ROUNDING * absoluteWeight) {
            // n is the total weight, up to the rounding of a sum of these weights: the raw formula's
            // K²·W·(1 − W/n) would be that rounding times mean², noise rather than spread
            return centred;
        }
        double excess = gap / n;                                 // 1 − W/n
        return centred + excess * shift * (2 * sum + shift * weight);
    }

    @Override
    public String toString() {
        return "ShiftedMoments[weight=" + weight + ", sum=" + sum() + "]";
    }
}
