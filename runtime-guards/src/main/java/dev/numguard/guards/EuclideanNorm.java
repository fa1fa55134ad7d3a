package dev.numguard.guards;

/**
 * The Euclidean norm {@code sqrt(Σ x_i²)} without overflow or underflow, behind
 * {@link Statistics#norm2(double[])}: Blue's algorithm as LAPACK's {@code dnrm2} (3.10) uses it.
 * Squares are summed in three accumulators by magnitude — values below {@code 2^-500} scaled up by
 * {@code 2^600}, values above {@code 2^500} scaled down by {@code 2^-600}, the rest as they are — so
 * no square overflows or underflows, in one pass and without a division per element (the older
 * {@code dnrm2} rescaled its running sum at every new maximum). The accumulators are combined in
 * the scale of the largest one at the end.
 */
final class EuclideanNorm {

    private static final double SMALL = 0x1p-500;
    private static final double BIG = 0x1p500;
    private static final double SCALE_UP = 0x1p600;
    private static final double SCALE_DOWN = 0x1p-600;

    private EuclideanNorm() {
    }

    static double of(double[] x, int offset, int length) {
        double small = 0;
        double medium = 0;
        double big = 0;
        boolean infinite = false;
        for (int i = offset, end = offset + length; i < end; i++) {
            double v = Math.abs(x[i]);
            if (v >= SMALL && v <= BIG) {
                medium += v * v; // the common case: one well-predicted branch
            } else if (v > BIG) {
                infinite |= v == Double.POSITIVE_INFINITY;
                double s = v * SCALE_DOWN;
                big += s * s;
            } else if (v < SMALL) {
                double s = v * SCALE_UP;
                small += s * s;
            } else {
                return Double.NaN; // NaN wins over infinity, as in numpy.linalg.norm
            }
        }
        if (infinite) {
            return Double.POSITIVE_INFINITY;
        }
        if (big != 0) {
            // the medium squares, scaled down by 2^-1200, can only matter if they are within 2^-53·big
            return Math.sqrt(big + (medium * SCALE_DOWN) * SCALE_DOWN) * SCALE_UP;
        }
        if (medium == 0) {
            return Math.sqrt(small) * SCALE_DOWN;
        }
        if (small != 0 && medium < 0x1p-177) {
            // medium and small squares may be of comparable size: add them in the small scale,
            // where medium·2^1200 is still finite (below 2^1023). Above 2^-177 the small squares,
            // each below 2^-1000, are far below half an ulp of medium and the line below drops them.
            return Math.sqrt((medium * SCALE_UP) * SCALE_UP + small) * SCALE_DOWN;
        }
        return Math.sqrt(medium + (small * SCALE_DOWN) * SCALE_DOWN);
    }

    /** Float values cannot overflow or underflow a double square (2^256 and 2^-298 at most). */
    static double of(float[] x, int offset, int length) {
        double s0 = 0;
        double s1 = 0;
        int end = offset + length;
        int i = offset;
        for (; i + 1 < end; i += 2) {
            double a = x[i];
            double b = x[i + 1];
            s0 += a * a;
            s1 += b * b;
        }
        if (i < end) {
            double a = x[i];
            s0 += a * a;
        }
        return Math.sqrt(s0 + s1);
    }
}
