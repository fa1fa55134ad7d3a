package dev.numguard.guards;

/**
 * The result of a weighted log-sum-exp that may be negative, like SciPy's
 * {@code logsumexp(a, b=b, return_sign=True)}: the weighted sum {@code S = Σ b_i·exp(x_i)} is
 * {@code sign · exp(logAbs)}.
 *
 * <p>Components:
 * <br>{@code logAbs}: {@code log|S|}: {@code -Infinity} when {@code S = 0}, {@code +Infinity} when
 *               {@code |S|} is infinite, NaN when {@code S} is undefined
 * <br>{@code sign}: {@code 1.0}, {@code -1.0}, {@code 0.0} (when {@code S = 0}), or NaN (when {@code S}
 *               is undefined, e.g. a NaN input or {@code +Infinity} terms of both signs)
 */
public final class SignedLogSum {

    private final double logAbs;
    private final double sign;

    public SignedLogSum(double logAbs, double sign) {
        this.logAbs = logAbs;
        this.sign = sign;
    }

    /** {@code log|S|}. */
    public double logAbs() {
        return logAbs;
    }

    /** The sign of {@code S}: {@code 1.0}, {@code -1.0}, {@code 0.0} or NaN. */
    public double sign() {
        return sign;
    }

    /**
     * The weighted sum itself, {@code sign · exp(logAbs)}; overflows to an infinity or underflows to
     * zero where the sum lies outside the double range (that is why the log is kept).
     */
    public double value() {
        return sign == 0.0 ? 0.0 : sign * Math.exp(logAbs);
    }

    /** Equal when both components are equal as by {@link Double#compare} (so NaN equals NaN). */
    @Override
    public boolean equals(Object other) {
        if (!(other instanceof SignedLogSum)) {
            return false;
        }
        SignedLogSum o = (SignedLogSum) other;
        return Double.compare(logAbs, o.logAbs) == 0 && Double.compare(sign, o.sign) == 0;
    }

    @Override
    public int hashCode() {
        return 31 * Double.hashCode(logAbs) + Double.hashCode(sign);
    }

    @Override
    public String toString() {
        return "SignedLogSum[logAbs=" + logAbs + ", sign=" + sign + "]";
    }
}
