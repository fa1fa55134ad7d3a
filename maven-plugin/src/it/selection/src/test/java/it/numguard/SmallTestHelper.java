package it.numguard;

final class SmallTestHelper {
    static double reference(double x) {
        return Math.log(1 + x);
    }
}
