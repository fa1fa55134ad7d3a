package it.numguard;

/** Compound growth in log space, written with log(1 + rate). */
public final class Rates {
    public static double logGrowth(double rate, int years) {
        return years * Math.log(1 + rate);
    }
}
