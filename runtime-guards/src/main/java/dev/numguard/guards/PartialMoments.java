package dev.numguard.guards;

import java.util.Objects;
import java.util.function.Function;

/**
 * The quantity a one-pass variance formula computes, {@code Σx² − (Σx)²/n}, taken from a
 * {@link RunningStats} that saw the same values instead of from the two raw sums, for any divisor
 * {@code n} the formula states.
 *
 * <p>Raw sums lose every digit of that difference once |mean|/std passes about 10^8 (3·10^3 in
 * float): Σx² and (Σx)²/n agree in all the digits they hold. With c values of mean m and centred
 * sum of squares M2 = Σ(x − m)² (what Welford's update keeps without cancelling), the identity
 * <pre>
 *     Σx² − (Σx)²/n = M2 + c·m²·(1 − c/n)
 * </pre>
 * holds in real arithmetic for every n. Where n is the number of values (the usual case) the last
 * term is exactly zero and the result is M2 itself; where a formula divides by another count (a
 * stated width, a count kept elsewhere), the result is still the value the formula meant, now
 * rounded once instead of cancelled.
 */
public final class PartialMoments {

    private PartialMoments() {
    }

    /**
     * {@code Σx² − (Σx)²/n} over the values {@code stats} accepted (unweighted).
     *
     * @param stats statistics of the values; not null
     * @param n the count the formula divides the square of the sum by
     * @return the centred sum of squares when {@code n} is the number of values; otherwise
     *     {@code M2 + c·m²·(1 − c/n)}; 0 for no values (NaN when also {@code n} is 0, as
     *     {@code 0 − 0/0}); NaN when a value was NaN or infinite (as {@code ∞ − ∞})
     */
    public static double squaredDeviations(RunningStats stats, double n) {
        Objects.requireNonNull(stats, "stats");
        long count = stats.count();
        if (count == 0) {
            return 0.0 - 0.0 / n;
        }
        double variance = stats.variance();
        if (Double.isNaN(variance)) {
            return Double.NaN;
        }
        double centred = variance * count;
        if (count == n) {
            return centred;
        }
        double mean = stats.mean();
        return centred + count * mean * mean * (1 - count / n);
    }

    /**
     * {@code Σw·x² − (Σw·x)²/n} over the values {@code moments} accepted, with weights of any sign;
     * the same as {@link ShiftedMoments#squaredDeviations(double)}.
     *
     * @param moments the shifted sums of the values; not null
     * @param n the count (or total weight) the formula divides the square of the sum by
     * @return see {@link ShiftedMoments#squaredDeviations(double)}
     */
    public static double squaredDeviations(ShiftedMoments moments, double n) {
        Objects.requireNonNull(moments, "moments");
        return moments.squaredDeviations(n);
    }

    /**
     * {@code Σx² − (Σx)²/n} over {@code count} values x of which only the shifted sums are kept:
     * {@code shiftedSum = Σ(x − shift)} and {@code shiftedSumOfSquares = Σ(x − shift)²}, as a
     * running-sum class keeps them once it adds each value less a shift (its first value, say)
     * instead of the value. The centred sum of squares {@code M2 = S2' − S1'²/c} of shifted sums
     * keeps the digits of the spread (the raw sums lose them once |mean|/std passes about 10^8),
     * and the identity {@code Σx² − (Σx)²/n = M2 + c·m²·(1 − c/n)} with {@code m = shift + S1'/c}
     * gives the formula's value for any n, exactly M2 where n is the count.
     *
     * @param count the number of values summed
     * @param shift the value subtracted from each before summing
     * @param shiftedSum {@code Σ(x − shift)}
     * @param shiftedSumOfSquares {@code Σ(x − shift)²}
     * @param n the count the formula divides the square of the sum by
     * @return the centred sum of squares (never below 0) when {@code n == count}; otherwise
     *     {@code M2 + c·m²·(1 − c/n)}; 0 for no values (NaN when also {@code n} is 0); NaN where a
     *     sum is NaN; +Infinity where the shifted squares overflowed but the sums did not
     */
    public static double squaredDeviations(long count, double shift, double shiftedSum, double shiftedSumOfSquares,
                                           double n) {
        if (count == 0) {
            return 0.0 - 0.0 / n;
        }
        double centred = shiftedSumOfSquares - shiftedSum * (shiftedSum / count);
        if (Double.isNaN(centred) && shiftedSumOfSquares == Double.POSITIVE_INFINITY && Double.isFinite(shiftedSum)) {
            centred = Double.POSITIVE_INFINITY;                  // Σ(x − K)² overflowed, as Σx² would have
        }
        centred = Math.max(0.0, centred);                        // S1'² ≤ c·S2' exactly; rounding may dip below 0
        if (Double.isNaN(shiftedSum) || Double.isNaN(shiftedSumOfSquares)) {
            return Double.NaN;
        }
        if (count == n) {
            return centred;
        }
        double mean = shift + shiftedSum / count;
        return centred + count * mean * mean * (1 - count / n);
    }

    /**
     * The statistics of every part together (Chan's parallel update), leaving the parts unchanged:
     * the merge of partial results that workers, tasks or partitions kept separately.
     *
     * @param parts the parts; not null, no null element
     * @param stats the statistics each part kept; must not return null
     * @param <T> the type of the parts
     * @return a new instance holding the values of all parts
     */
    public static <T> RunningStats merged(Iterable<? extends T> parts, Function<? super T, RunningStats> stats) {
        Objects.requireNonNull(parts, "parts");
        Objects.requireNonNull(stats, "stats");
        RunningStats all = new RunningStats();
        for (T part : parts) {
            all.combine(Objects.requireNonNull(stats.apply(part), "stats of a part"));
        }
        return all;
    }
}
