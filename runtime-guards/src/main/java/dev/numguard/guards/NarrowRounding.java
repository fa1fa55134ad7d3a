package dev.numguard.guards;

/**
 * Rounds a {@code double} to a narrower IEEE 754 binary format in a single step, round-to-nearest,
 * ties-to-even, with gradual underflow and overflow to infinity.
 *
 * <p>Rounding once from the exact double is what makes {@link Half#fromDouble(double)} and
 * {@link BFloat16#fromDouble(double)} correct: going through {@code float} first rounds twice and
 * can land on the wrong neighbour when the first rounding creates a tie.
 */
final class NarrowRounding {

    private static final int DOUBLE_FRACTION_BITS = 52;
    private static final long DOUBLE_FRACTION_MASK = (1L << DOUBLE_FRACTION_BITS) - 1;
    private static final int DOUBLE_EXPONENT_BIAS = 1023;

    private NarrowRounding() {
    }

    /**
     * Encodes a non-NaN double in the binary format with the given field widths.
     *
     * @param value         any double except NaN (the caller decides how to encode NaN)
     * @param exponentBits  width of the target's exponent field (5 for binary16, 8 for bfloat16)
     * @param fractionBits  width of the target's stored fraction (10 for binary16, 7 for bfloat16)
     * @return the target's bit pattern in the low {@code 1 + exponentBits + fractionBits} bits
     */
    static int roundToNearestEven(double value, int exponentBits, int fractionBits) {
        long raw = Double.doubleToRawLongBits(value);
        int signBit = (int) (raw >>> 63) << (exponentBits + fractionBits);
        long magnitude = raw & Long.MAX_VALUE;
        int infinityBits = ((1 << exponentBits) - 1) << fractionBits;
        if (magnitude >= 0x7ff0_0000_0000_0000L) {
            return signBit | infinityBits;
        }
        if (magnitude == 0) {
            return signBit;
        }
        int biasedExponent = (int) (magnitude >>> DOUBLE_FRACTION_BITS);
        long significand = magnitude & DOUBLE_FRACTION_MASK;
        int exponent;
        if (biasedExponent == 0) {
            exponent = 1 - DOUBLE_EXPONENT_BIAS;
        } else {
            significand |= 1L << DOUBLE_FRACTION_BITS;
            exponent = biasedExponent - DOUBLE_EXPONENT_BIAS;
        }
        // value = significand * 2^(exponent - 52); the target's smallest normal exponent is emin.
        int targetBias = (1 << (exponentBits - 1)) - 1;
        int targetMinExponent = 1 - targetBias;
        boolean subnormal = exponent < targetMinExponent;
        int quantumExponent = (subnormal ? targetMinExponent : exponent) - fractionBits;
        int shift = quantumExponent - (exponent - DOUBLE_FRACTION_BITS);
        if (shift > 54) {
            // The value is below half the smallest subnormal quantum: it rounds to zero.
            return signBit;
        }
        long kept = significand >>> shift;
        long remainder = significand & ((1L << shift) - 1);
        long halfway = 1L << (shift - 1);
        if (remainder > halfway || (remainder == halfway && (kept & 1) != 0)) {
            kept++;
        }
        // kept carries the implicit leading bit for normal results, so adding it to the exponent
        // field minus one encodes both the normal case and a carry into the next binade.
        long exponentField = subnormal ? 0 : (long) (exponent + targetBias - 1) << fractionBits;
        long bits = exponentField + kept;
        if (bits >= infinityBits) {
            return signBit | infinityBits;
        }
        return signBit | (int) bits;
    }
}
