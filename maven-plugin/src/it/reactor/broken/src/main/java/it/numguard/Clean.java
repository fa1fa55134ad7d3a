package it.numguard;

/** Nothing unstable here. */
public final class Clean {
    public static double twice(double x) {
        return 2 * x;
    }
}
