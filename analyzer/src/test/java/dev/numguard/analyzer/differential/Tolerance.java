package dev.numguard.analyzer.differential;

/**
 * How close two results must be: {@code |expected - actual| <= absolute + relative · max(|expected|, |actual|)},
 * with separate bounds for double and float numbers. NaN equals NaN; an infinity equals only itself.
 *
 * @param relativeDouble relative bound for double numbers
 * @param absoluteDouble absolute bound for double numbers (for results that cancel to near 0)
 * @param relativeFloat relative bound for float numbers
 * @param absoluteFloat absolute bound for float numbers
 */
record Tolerance(double relativeDouble, double absoluteDouble, double relativeFloat, double absoluteFloat) {

    /**
     * Benign inputs: a fix may round differently, not compute something else. The absolute bounds
     * cover results near 0 that both versions get from a difference of O(1) quantities (a
     * cross-entropy of 1e-5 is {@code log(1 + 1e-5)}, exact only to about 1e-16 absolute).
     */
    static final Tolerance BENIGN = new Tolerance(1e-12, 1e-14, 1e-5, 1e-7);

    boolean closeDouble(double expected, double actual) {
        return close(expected, actual, relativeDouble, absoluteDouble);
    }

    boolean closeFloat(float expected, float actual) {
        return close(expected, actual, relativeFloat, absoluteFloat);
    }

    private static boolean close(double expected, double actual, double relative, double absolute) {
        if (Double.isNaN(expected) || Double.isNaN(actual)) {
            return Double.isNaN(expected) && Double.isNaN(actual);
        }
        if (expected == actual) {
            return true;
        }
        if (Double.isInfinite(expected) || Double.isInfinite(actual)) {
            return false;
        }
        return Math.abs(expected - actual) <= absolute + relative * Math.max(Math.abs(expected), Math.abs(actual));
    }

    @Override
    public String toString() {
        return "relative " + relativeDouble + " / absolute " + absoluteDouble + " (double), relative " + relativeFloat
                + " / absolute " + absoluteFloat + " (float)";
    }
}
