package dev.numguard.guards;

import java.util.function.DoubleUnaryOperator;

/**
 * The numerical derivative of a function of one variable by a central difference with a step
 * scaled to the point: {@code (f(x + h) - f(x - h)) / (2h)} with {@code h = ∛ε · max(1, |x|)}.
 *
 * <p>A difference quotient has two errors: truncation, O(h²) for the central form (O(h) for the
 * forward one), and rounding, about {@code ε·|f| / h}. They balance at {@code h ≈ ∛ε} (about 6.1e-6
 * in double) for the central form, which leaves about two thirds of the digits; a fixed step such
 * as {@code 1e-12} leaves about four, and once {@code |x| > 2h/ε} the point {@code x + h} rounds to
 * {@code x} and the quotient is 0 or garbage. Scaling h with {@code |x|} keeps the relative
 * perturbation the same at every magnitude.
 *
 * <p>The quotient divides by the difference of the two points as they were rounded,
 * {@code (x + h) - (x - h)}, rather than by {@code 2h}, so the representation error of the step
 * does not enter the result.
 */
public final class Derivative {
    /** ∛ε for double: the step, relative to {@code max(1, |x|)}, that balances the two errors. */
    static final double RELATIVE_STEP = Math.cbrt(Math.ulp(1.0));

    private Derivative() {
    }

    /**
     * The step for a central difference written out by hand, {@code (f(x + h) - f(x - h)) / (2 * h)}:
     * ∛ε·max(1, |x|) rounded down to a power of two. A power of two at least a few units in the last
     * place of x is added to and subtracted from x exactly (unless {@code x + h} crosses a power of
     * two and x's last bit is set), so the quotient's denominator {@code 2 * h} is the true distance
     * between the two points, as {@link #central} ensures by dividing by it.
     *
     * @return the step; NaN when x is NaN or infinite, so that the quotient is NaN as well
     */
    public static double centralStep(double x) {
        if (!Double.isFinite(x)) {
            return Double.NaN;
        }
        return Math.scalb(1.0, Math.getExponent(RELATIVE_STEP * Math.max(1.0, Math.abs(x))));
    }

    /**
     * The derivative of {@code f} at {@code x} by a central difference with a step scaled to x.
     *
     * @return the derivative; NaN when x is NaN or infinite, or when f is not finite at the two
     *     points (as the quotient of the function values gives)
     */
    public static double central(DoubleUnaryOperator f, double x) {
        if (!Double.isFinite(x)) {
            return Double.NaN;
        }
        double h = RELATIVE_STEP * Math.max(1.0, Math.abs(x));
        double above = x + h;
        double below = x - h;
        if (Double.isInfinite(above) || Double.isInfinite(below)) {
            // x within h of the largest double: step inside the range
            above = Double.isInfinite(above) ? x : above;
            below = Double.isInfinite(below) ? x : below;
        }
        return (f.applyAsDouble(above) - f.applyAsDouble(below)) / (above - below);
    }
}
