package dev.numguard.guards;

/**
 * The real roots of {@code a·x² + b·x + c = 0} without the cancellation of the textbook formula
 * {@code (−b ± sqrt(b² − 4ac)) / 2a}: when {@code b² ≫ 4ac}, the root whose sign makes {@code −b}
 * and the square root cancel loses every digit (for {@code x² + 1e8·x + 1} the textbook gives
 * {@code −7.45e-9} instead of {@code −1.0e-8}). Here {@code q = −(b + sign(b)·sqrt(b² − 4ac)) / 2}
 * never cancels, and the roots are {@code q/a} and {@code c/q} (Vieta: their product is c/a).
 *
 * <p>The discriminant is computed with the exact rounding errors of {@code b²} and {@code 4ac} when
 * the two nearly cancel (Kahan's method), so nearly double roots keep their digits too; the
 * variable and the coefficients are scaled by powers of two first, so {@code b²} and {@code 4ac}
 * neither overflow nor underflow where it matters, for any finite coefficients.
 *
 * <p>{@link #plusRoot} and {@link #minusRoot} are the two roots the textbook formula denotes, for a
 * drop-in replacement of {@code (−b + sqrt(…)) / (2*a)} and {@code (−b − sqrt(…)) / (2*a)}.
 */
public final class Quadratic {

    private Quadratic() {
    }

    /**
     * The real roots in ascending order: two values (equal for a double root), none when the roots
     * are complex ({@code b² < 4ac}), one when {@code a = 0} and {@code b ≠ 0} (the linear root
     * {@code −c/b}).
     *
     * @return a new array of 0, 1 or 2 roots; empty also for {@code a = b = 0} (no equation, or no
     *     solution) and for a NaN or infinite coefficient
     */
    public static double[] roots(double a, double b, double c) {
        if (!(Double.isFinite(a) && Double.isFinite(b) && Double.isFinite(c))) {
            return new double[0];
        }
        if (a == 0) {
            return b == 0 ? new double[0] : new double[] {-c / b};
        }
        Balanced s = new Balanced(a, b, c);
        double q = halfSumTerm(s.a, s.b, s.c);
        if (Double.isNaN(q)) {
            return new double[0];
        }
        if (q == 0) {
            return new double[] {0.0, 0.0}; // b = c = 0: the double root 0
        }
        double r1 = Math.scalb(q / s.a, s.m);
        double r2 = Math.scalb(s.c / q, s.m);
        return r1 <= r2 ? new double[] {r1, r2} : new double[] {r2, r1};
    }

    /**
     * The root {@code (−b + sqrt(b² − 4ac)) / 2a}, computed without cancellation.
     *
     * <p>Edge cases: NaN when {@code b² < 4ac} (complex roots) or a coefficient is NaN or infinite.
     * For {@code a = 0}, where the textbook formula divides by zero, the limit as {@code a → 0}: for
     * {@code b > 0} the plus root tends to {@code −c/b} (and the minus root to ±Infinity, by the sign
     * of the zero {@code a}); for {@code b < 0} the other way round; for {@code a = b = 0},
     * {@code c/0}.
     */
    public static double plusRoot(double a, double b, double c) {
        return root(a, b, c, true);
    }

    /**
     * The root {@code (−b − sqrt(b² − 4ac)) / 2a}, computed without cancellation; edge cases as
     * {@link #plusRoot}.
     */
    public static double minusRoot(double a, double b, double c) {
        return root(a, b, c, false);
    }

    private static double root(double a, double b, double c, boolean plus) {
        if (!(Double.isFinite(a) && Double.isFinite(b) && Double.isFinite(c))) {
            return Double.NaN;
        }
        Balanced s = new Balanced(a, b, c);
        double q = halfSumTerm(s.a, s.b, s.c);
        // For b ≥ 0, q = −(b + √D)/2 = a·(minus root), so the plus root is c/q (Vieta); for b < 0,
        // q = −(b − √D)/2 = a·(plus root).
        return Math.scalb((s.b >= 0) == plus ? s.c / q : q / s.a, s.m);
    }

    /**
     * The equation rewritten for {@code x = 2^m·y} and divided by a power of two: {@code a·2^(2m−k)·y²
     * + b·2^(m−k)·y + c·2^-k = 0}, with {@code m} chosen so that the first and last coefficients are
     * of one size and {@code k} so that the largest coefficient is near 1. Then neither {@code b²} nor
     * {@code 4ac} can overflow, and whichever of them underflows is negligible next to the other, for
     * any finite coefficients; the roots are the {@code y} roots times {@code 2^m}, exactly.
     */
    private static final class Balanced {
        final double a;
        final double b;
        final double c;
        final int m;

        Balanced(double a, double b, double c) {
            int ea = exponent(a);
            int eb = exponent(b);
            int ec = exponent(c);
            m = a == 0 || c == 0 ? 0 : (ec - ea) / 2;
            int k = Math.max(ea + 2 * m, Math.max(eb + m, ec));
            this.a = Math.scalb(a, 2 * m - k);
            this.b = Math.scalb(b, m - k);
            this.c = Math.scalb(c, -k);
        }

        private static int exponent(double v) {
            return v == 0 ? Integer.MIN_VALUE / 4 : Math.max(Math.getExponent(v), Double.MIN_EXPONENT);
        }
    }

    /**
     * {@code q = −(b + sign(b)·sqrt(b² − 4ac)) / 2} with sign(0) = +1, never a cancellation; NaN when
     * the discriminant is negative.
     */
    private static double halfSumTerm(double a, double b, double c) {
        double discriminant = discriminant(a, b, c);
        if (discriminant < 0) {
            return Double.NaN;
        }
        double root = Math.sqrt(discriminant);
        return -0.5 * (b >= 0 ? b + root : b - root);
    }

    /**
     * {@code b² − 4ac}; when the two terms nearly cancel (Kahan's test {@code 3·|d| < b² + 4|ac|}),
     * recomputed with their exact rounding errors, so it is accurate to a few ulps of the exact
     * discriminant of the given doubles rather than of the larger term.
     */
    static double discriminant(double a, double b, double c) {
        double p = b * b;
        double q = 4 * a * c;
        double d = p - q;
        if (3 * Math.abs(d) >= p + Math.abs(q)) {
            return d;
        }
        double dp = ExactProduct.error(b, b, p);
        double dq = ExactProduct.error(4 * a, c, q);
        return (p - q) + (dp - dq);
    }
}
