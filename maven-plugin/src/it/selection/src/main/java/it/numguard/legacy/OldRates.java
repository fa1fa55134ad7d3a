package it.numguard.legacy;

/** Excluded by the POM's **/legacy/** pattern: its Log1p finding must not be reported. */
public final class OldRates {
    public static double logGrowth(double rate) {
        return Math.log(1 + rate);
    }
}
