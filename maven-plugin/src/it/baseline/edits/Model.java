package it.numguard;

public final class Model {
    /** New code above the old: pushes the recorded findings down the file. */
    public static double scaled(double x, double scale) {
        double y = x * scale;
        return y;
    }

    public static double logOnePlus(double x) {
        return Math.log(1 + x);
    }

    public static double expMinusOne(double x) {
        return Math.exp(x) - 1;
    }

    /** The one new finding. */
    public static double logOnePlusScaled(double x, double scale) {
        return Math.log(1 + x * scale);
    }
}
