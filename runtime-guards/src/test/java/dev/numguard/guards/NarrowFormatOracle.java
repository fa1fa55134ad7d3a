package dev.numguard.guards;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Arrays;

/**
 * An independent reference for 16-bit binary formats: decodes bit patterns from their sign,
 * exponent and fraction fields, and rounds a double to the nearest pattern by searching the sorted
 * table of every representable magnitude. Shares no code with the production converters.
 */
final class NarrowFormatOracle {

    static final NarrowFormatOracle BINARY16 = new NarrowFormatOracle(5, 10);
    static final NarrowFormatOracle BFLOAT16 = new NarrowFormatOracle(8, 7);

    final int exponentBits;
    final int fractionBits;
    final int bias;
    final int signBit;
    final int infinityPattern;
    /**
     * magnitudes[p] is the value of the non-negative pattern p for p below the infinity pattern;
     * magnitudes[infinityPattern] is 2^(emax+1), the value IEEE 754 rounds to infinity from (it has
     * an even fraction, so a tie with the largest finite value goes to infinity).
     */
    private final double[] magnitudes;

    private NarrowFormatOracle(int exponentBits, int fractionBits) {
        this.exponentBits = exponentBits;
        this.fractionBits = fractionBits;
        this.bias = (1 << (exponentBits - 1)) - 1;
        this.signBit = 1 << (exponentBits + fractionBits);
        this.infinityPattern = ((1 << exponentBits) - 1) << fractionBits;
        this.magnitudes = new double[infinityPattern + 1];
        for (int p = 0; p < infinityPattern; p++) {
            magnitudes[p] = magnitudeByScalb(p);
        }
        magnitudes[infinityPattern] = Math.scalb(1.0, bias + 1);
    }

    boolean isNaN(int pattern) {
        return (pattern & (signBit - 1)) > infinityPattern;
    }

    boolean isInfinite(int pattern) {
        return (pattern & (signBit - 1)) == infinityPattern;
    }

    /** The exact value of a finite pattern, from its fields, in BigDecimal arithmetic. */
    BigDecimal exactValue(int pattern) {
        int magnitude = pattern & (signBit - 1);
        int exponentField = magnitude >>> fractionBits;
        int fraction = magnitude & ((1 << fractionBits) - 1);
        BigInteger significand = BigInteger.valueOf(fraction);
        int exponent;
        if (exponentField == 0) {
            exponent = 1 - bias - fractionBits;
        } else {
            significand = significand.add(BigInteger.ONE.shiftLeft(fractionBits));
            exponent = exponentField - bias - fractionBits;
        }
        BigDecimal value = new BigDecimal(significand).multiply(powerOfTwo(exponent));
        return (pattern & signBit) != 0 ? value.negate() : value;
    }

    /** The value of a finite non-negative pattern via Math.scalb, exact for these formats. */
    private double magnitudeByScalb(int pattern) {
        int exponentField = pattern >>> fractionBits;
        int fraction = pattern & ((1 << fractionBits) - 1);
        if (exponentField == 0) {
            return Math.scalb((double) fraction, 1 - bias - fractionBits);
        }
        return Math.scalb((double) (fraction + (1 << fractionBits)), exponentField - bias - fractionBits);
    }

    /**
     * The pattern IEEE 754 round-to-nearest-even gives for {@code value} (not NaN).
     *
     * <p>Exact in double arithmetic: every value of these formats is a double, and so is the
     * midpoint of two neighbours (at most one more significant bit than the format has), so
     * comparing {@code |value|} with the midpoint decides the rounding without error.
     */
    int nearestEven(double value) {
        if (Double.isNaN(value)) {
            throw new IllegalArgumentException("NaN has no nearest value");
        }
        int sign = Double.doubleToRawLongBits(value) < 0 ? signBit : 0;
        double magnitude = Math.abs(value);
        if (magnitude >= magnitudes[infinityPattern]) {
            return sign | infinityPattern;
        }
        int found = Arrays.binarySearch(magnitudes, magnitude);
        if (found >= 0) {
            return sign | found;
        }
        int above = -found - 1;
        int below = above - 1;
        double midpoint = (magnitudes[below] + magnitudes[above]) / 2;
        int nearest;
        if (magnitude < midpoint) {
            nearest = below;
        } else if (magnitude > midpoint) {
            nearest = above;
        } else {
            nearest = (below & 1) == 0 ? below : above;
        }
        return sign | nearest;
    }

    /** The value of the non-negative finite pattern p as a double (p below the infinity pattern). */
    double magnitude(int pattern) {
        return magnitudes[pattern];
    }

    private static BigDecimal powerOfTwo(int exponent) {
        if (exponent >= 0) {
            return new BigDecimal(BigInteger.ONE.shiftLeft(exponent));
        }
        // 2^-k = 5^k / 10^k exactly.
        return new BigDecimal(BigInteger.valueOf(5).pow(-exponent), -exponent);
    }
}
