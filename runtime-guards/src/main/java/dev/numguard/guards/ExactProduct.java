package dev.numguard.guards;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * The rounding error of a product, the building block of the compensated products and dot products
 * in this package.
 *
 * <p>This library targets Java 8 bytecode, but {@code Math.fma} arrived in Java 9. On Java 9 and
 * later the fused multiply-add is reached through a constant {@link MethodHandle}, which the JIT
 * inlines to the same hardware instruction a direct call compiles to; on Java 8 the error is taken by
 * Dekker's product with Veltkamp's split, which is exact too (barring underflow) but costs about 17
 * floating-point operations instead of one.
 */
final class ExactProduct {

    /** {@code Math.fma(double, double, double)}, or {@code null} on Java 8. */
    private static final MethodHandle FMA = findFma();

    /** 2^27 + 1: Veltkamp's splitter for 53-bit significands. */
    private static final double SPLITTER = 134217729.0;
    /** Above this magnitude {@code SPLITTER · x} could overflow, so the factor is scaled first. */
    private static final double SPLIT_LIMIT = 0x1p995;

    private ExactProduct() {
    }

    /**
     * {@code a·b − product} exactly, where {@code product} is the rounded {@code a·b} (barring underflow of
     * the error); {@code -product} when the product overflowed, NaN when a factor is infinite or NaN.
     */
    static double error(double a, double b, double product) {
        return FMA != null ? fma(a, b, -product) : dekkerError(a, b, product);
    }

    /**
     * {@code a·b + c}, rounded once where the JVM has {@code Math.fma} (Java 9 and later) and twice on
     * Java 8. The compensated algorithms here use it only to fold a correction term that lies far below
     * the result's last bit, where the second rounding does not change their error bound.
     */
    static double fusedMultiplyAdd(double a, double b, double c) {
        return FMA != null ? fma(a, b, c) : a * b + c;
    }

    private static double fma(double a, double b, double c) {
        try {
            return (double) FMA.invokeExact(a, b, c);
        } catch (Throwable impossible) {
            throw new AssertionError(impossible); // Math.fma throws nothing
        }
    }

    /** Dekker's exact product error (the Java 8 path; package-private for its test). */
    static double dekkerError(double a, double b, double product) {
        if (!Double.isFinite(product)) {
            return Double.isFinite(a) && Double.isFinite(b) ? -product : Double.NaN;
        }
        if (Math.abs(a) > SPLIT_LIMIT) {
            return dekkerError(a * 0x1p-54, b, product * 0x1p-54) * 0x1p54;
        }
        if (Math.abs(b) > SPLIT_LIMIT) {
            return dekkerError(a, b * 0x1p-54, product * 0x1p-54) * 0x1p54;
        }
        double ta = SPLITTER * a;
        double aHi = ta - (ta - a);
        double aLo = a - aHi;
        double tb = SPLITTER * b;
        double bHi = tb - (tb - b);
        double bLo = b - bHi;
        return ((aHi * bHi - product) + aHi * bLo + aLo * bHi) + aLo * bLo;
    }

    private static MethodHandle findFma() {
        try {
            return MethodHandles.publicLookup().findStatic(Math.class, "fma",
                    MethodType.methodType(double.class, double.class, double.class, double.class));
        } catch (NoSuchMethodException | IllegalAccessException java8) {
            return null;
        }
    }
}
