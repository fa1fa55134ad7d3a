package it.numguard;

public final class Broken {
    public static double logOnePlus(double x) {
        return Math.log(1 + x)
    }
}
