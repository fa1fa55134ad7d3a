package dev.numguard.guards;

/**
 * The result of a weighted log-sum-exp that may be negative, like SciPy's
 * {@code logsumexp(a, b=b, return_sign=True)}: the weighted sum {@code S = Σ b_i·exp(x_i)} is
 * {@code sign · exp(logAbs)}.
 *
 * @param logAbs {@code log|S|}: {@code -Infinity} when {@code S = 0}, {@code +Infinity} when
 *               {@code |S|} is infinite, NaN when {@code S} is undefined
 * @param sign   {@code 1.0}, {@code -1.0}, {@code 0.0} (when {@code S = 0}), or NaN (when {@code S}
 *               is undefined, e.g. a NaN input or {@code +Infinity} terms of both signs)
 */
public record SignedLogSum(double logAbs, double sign) {

    /**
     * The weighted sum itself, {@code sign · exp(logAbs)}; overflows to an infinity or underflows to
     * zero where the sum lies outside the double range (that is why the log is kept).
     */
    public double value() {
        return sign == 0.0 ? 0.0 : sign * Math.exp(logAbs);
    }
}
