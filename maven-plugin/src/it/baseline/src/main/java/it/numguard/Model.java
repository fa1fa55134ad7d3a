package it.numguard;

public final class Model {
    public static double logOnePlus(double x) {
        return Math.log(1 + x);
    }

    public static double expMinusOne(double x) {
        return Math.exp(x) - 1;
    }
}
