package it.numguard;

/** log(1 + x) and exp(x) - 1, which lose every digit of a tiny x. */
public final class Small {
    public static double logOnePlus(double x) {
        return Math.log(1 + x);
    }

    public static double expMinusOne(double x) {
        return Math.exp(x) - 1;
    }
}
