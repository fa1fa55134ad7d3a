package dev.numguard.guards;


/**
 * IEEE 754 binary16 ("fp16", "half precision") values stored in a {@code short}, converted with
 * the same results as Java 20's {@code Float.floatToFloat16} and {@code Float.float16ToFloat} on
 * Java 17.
 *
 * <p>Format: 1 sign bit, 5 exponent bits (bias 15), 10 fraction bits. Largest finite value 65504,
 * smallest normal 2<sup>-14</sup> ≈ 6.1035e-5, smallest subnormal 2<sup>-24</sup> ≈ 5.96e-8,
 * machine epsilon 2<sup>-10</sup> = 9.765625e-4 (see {@link FloatFormat#FP16}).
 *
 * <p>Conversions to binary16 round to nearest, ties to even: magnitudes at or above 65520 (halfway
 * between 65504 and 2<sup>16</sup>) become infinity, magnitudes at or below 2<sup>-25</sup> (half
 * the smallest subnormal) become a zero of the same sign, and everything between rounds to the
 * nearest subnormal or normal binary16 value. Conversions from binary16 are exact.
 *
 * <p>NaNs are converted as IEEE 754's convertFormat asks and as the JDK does on x86-64 (where
 * HotSpot uses the F16C instructions for these methods, in the interpreter and in compiled code):
 * the result is a quiet NaN with the argument's sign and the high bits of its payload, so a
 * signaling NaN becomes quiet. (The JDK specification promises only "a NaN"; its portable Java
 * fallback, used on processors without those instructions, keeps signaling NaNs signaling.)
 */
public final class Half {

    /** Binary16 positive infinity, {@code 0x7c00}. */
    public static final short POSITIVE_INFINITY = (short) 0x7c00;
    /** Binary16 negative infinity, {@code 0xfc00}. */
    public static final short NEGATIVE_INFINITY = (short) 0xfc00;
    /** The canonical quiet binary16 NaN, {@code 0x7e00} (what {@code fromFloat(Float.NaN)} returns). */
    public static final short NaN = (short) 0x7e00;
    /** Largest finite binary16 value, 65504, {@code 0x7bff}. */
    public static final short MAX_VALUE = (short) 0x7bff;
    /** Smallest positive normal binary16 value, 2<sup>-14</sup>, {@code 0x0400}. */
    public static final short MIN_NORMAL = (short) 0x0400;
    /** Smallest positive subnormal binary16 value, 2<sup>-24</sup>, {@code 0x0001}. */
    public static final short MIN_VALUE = (short) 0x0001;

    private static final int EXPONENT_BITS = 5;
    private static final int FRACTION_BITS = 10;
    private static final int FLOAT_FRACTION_BITS = 23;
    /** Bits dropped when a normal float's fraction is cut to binary16's ten bits. */
    private static final int DROPPED_BITS = FLOAT_FRACTION_BITS - FRACTION_BITS;
    /** |f| at or above 65520.0f (bits 0x477ff000) rounds to infinity. */
    private static final int FLOAT_OVERFLOW_THRESHOLD = 0x477f_f000;
    /** |f| at or above 2^-14 (bits 0x38800000) is a normal binary16 value after rounding. */
    private static final int FLOAT_MIN_NORMAL = 0x3880_0000;
    /** |f| at or below 2^-25 (bits 0x33000000) rounds to zero (ties to the even zero). */
    private static final int FLOAT_UNDERFLOW_THRESHOLD = 0x3300_0000;
    /** Rebias from float (127) to binary16 (15), applied to the exponent field. */
    private static final int EXPONENT_REBIAS = (127 - 15) << FLOAT_FRACTION_BITS;

    private Half() {
    }

    /**
     * Rounds a float to the nearest binary16 value, ties to even; bit-for-bit the result of Java
     * 20's {@code Float.floatToFloat16(value)}.
     *
     * @param value any float, including ±0, ±infinity, subnormals and NaN
     * @return the binary16 bit pattern; ±infinity for {@code |value| >= 65520}, a signed zero for
     *     {@code |value| <= 2^-25}, and for a NaN the quiet NaN
     *     {@code sign | 0x7e00 | (top nine payload bits below the float's quiet bit)}
     */
    public static short fromFloat(float value) {
        int raw = Float.floatToRawIntBits(value);
        int sign = (raw >>> 16) & 0x8000;
        int magnitude = raw & 0x7fff_ffff;
        if (magnitude >= FLOAT_OVERFLOW_THRESHOLD) {
            if (magnitude <= 0x7f80_0000) {
                return (short) (sign | 0x7c00);
            }
            // Quiet NaN (fraction bit 9 set) keeping the top nine payload bits below the quiet bit.
            return (short) (sign | 0x7e00 | ((magnitude >>> DROPPED_BITS) & 0x1ff));
        }
        if (magnitude >= FLOAT_MIN_NORMAL) {
            int truncated = (magnitude - EXPONENT_REBIAS) >>> DROPPED_BITS;
            int dropped = magnitude & ((1 << DROPPED_BITS) - 1);
            return (short) (sign | roundHalfEven(truncated, dropped, 1 << (DROPPED_BITS - 1)));
        }
        if (magnitude <= FLOAT_UNDERFLOW_THRESHOLD) {
            return (short) sign;
        }
        // A binary16 subnormal: count units of 2^-24. Floats here are normal (>= 2^-25), so the
        // significand is the fraction plus the implicit bit, and it is worth 2^(e - 150).
        int significand = (magnitude & 0x007f_ffff) | 0x0080_0000;
        int shift = 126 - (magnitude >>> FLOAT_FRACTION_BITS);
        int units = significand >>> shift;
        int dropped = significand & ((1 << shift) - 1);
        return (short) (sign | roundHalfEven(units, dropped, 1 << (shift - 1)));
    }

    /**
     * Widens a binary16 value to the float with exactly the same value; bit-for-bit the result of
     * Java 20's {@code Float.float16ToFloat(bits)}.
     *
     * @param bits a binary16 bit pattern
     * @return the same value as a float (every binary16 value is a float); a NaN becomes the quiet
     *     float NaN with the same sign and its ten payload bits at the top of the float's fraction
     *     ({@code 0x7c01} becomes {@code 0x7fc02000})
     */
    public static float toFloat(short bits) {
        int sign = (bits & 0x8000) << 16;
        int exponent = (bits >>> FRACTION_BITS) & 0x1f;
        int fraction = bits & 0x3ff;
        if (exponent == 0x1f) {
            if (fraction == 0) {
                return Float.intBitsToFloat(sign | 0x7f80_0000);
            }
            // A quiet float NaN carrying the ten payload bits at the top of its fraction.
            return Float.intBitsToFloat(sign | 0x7fc0_0000 | (fraction << DROPPED_BITS));
        }
        if (exponent == 0) {
            // fraction * 2^-24 is exact in float (at most ten significant bits).
            float magnitude = fraction * 0x1p-24f;
            return sign == 0 ? magnitude : -magnitude;
        }
        return Float.intBitsToFloat(sign | ((exponent << FRACTION_BITS | fraction) << DROPPED_BITS)
                + EXPONENT_REBIAS);
    }

    /**
     * Rounds a double to the nearest binary16 value with a single rounding, ties to even.
     *
     * <p>This is not {@code fromFloat((float) value)}: that rounds twice and can be wrong when the
     * first rounding lands exactly halfway between two binary16 values (for example
     * {@code 1 + 2^-11 + 2^-40} must round up to {@code 1 + 2^-10}, but through float it becomes the
     * tie {@code 1 + 2^-11} and rounds down to 1). For every double that is exactly a float, the
     * result equals {@link #fromFloat(float)}.
     *
     * @param value any double
     * @return the binary16 bit pattern; a NaN becomes a quiet NaN with its sign and the top nine
     *     payload bits below the double's quiet bit, as {@link #fromFloat(float)} does
     */
    public static short fromDouble(double value) {
        if (Double.isNaN(value)) {
            long raw = Double.doubleToRawLongBits(value);
            int sign = (int) (raw >>> 48) & 0x8000;
            return (short) (sign | 0x7e00 | (int) ((raw >>> 42) & 0x1ff));
        }
        return (short) NarrowRounding.roundToNearestEven(value, EXPONENT_BITS, FRACTION_BITS);
    }

    /**
     * Widens a binary16 value to the double with exactly the same value.
     *
     * @param bits a binary16 bit pattern
     * @return {@code (double) toFloat(bits)}
     */
    public static double toDouble(short bits) {
        return toFloat(bits);
    }

    /** @return whether the pattern is a binary16 NaN (exponent all ones, fraction non-zero) */
    public static boolean isNaN(short bits) {
        return (bits & 0x7fff) > 0x7c00;
    }

    /** @return whether the pattern is ±infinity */
    public static boolean isInfinite(short bits) {
        return (bits & 0x7fff) == 0x7c00;
    }

    /** @return whether the pattern is neither infinite nor NaN */
    public static boolean isFinite(short bits) {
        return (bits & 0x7fff) < 0x7c00;
    }

    /**
     * Converts every element with {@link #fromFloat(float)}.
     *
     * @param values floats to narrow; not null
     * @return a new array of binary16 patterns, same length
     */
    public static short[] fromFloats(float[] values) {
        return SixteenBitArrays.HALF.encode(values);
    }

    /**
     * Converts every element of {@code values} into {@code out}.
     *
     * @throws IllegalArgumentException if the lengths differ
     */
    public static void fromFloats(float[] values, short[] out) {
        SixteenBitArrays.HALF.encode(values, out);
    }

    /**
     * Converts {@code length} floats starting at {@code offset} into {@code out} starting at
     * {@code outOffset}.
     *
     * @throws IndexOutOfBoundsException if either range is outside its array
     */
    public static void fromFloats(float[] values, int offset, short[] out, int outOffset, int length) {
        SixteenBitArrays.HALF.encode(values, offset, out, outOffset, length);
    }

    /**
     * Widens every element with {@link #toFloat(short)}.
     *
     * @param bits binary16 patterns; not null
     * @return a new float array, same length
     */
    public static float[] toFloats(short[] bits) {
        return SixteenBitArrays.HALF.decode(bits);
    }

    /**
     * Widens every element of {@code bits} into {@code out}.
     *
     * @throws IllegalArgumentException if the lengths differ
     */
    public static void toFloats(short[] bits, float[] out) {
        SixteenBitArrays.HALF.decode(bits, out);
    }

    /**
     * Widens {@code length} patterns starting at {@code offset} into {@code out} starting at
     * {@code outOffset}.
     *
     * @throws IndexOutOfBoundsException if either range is outside its array
     */
    public static void toFloats(short[] bits, int offset, float[] out, int outOffset, int length) {
        SixteenBitArrays.HALF.decode(bits, offset, out, outOffset, length);
    }

    private static int roundHalfEven(int truncated, int dropped, int halfway) {
        if (dropped > halfway || (dropped == halfway && (truncated & 1) != 0)) {
            return truncated + 1;
        }
        return truncated;
    }

    static void requireSameLength(int expected, int actual) {
        if (expected != actual) {
            throw new IllegalArgumentException(
                    "output length " + actual + " differs from input length " + expected);
        }
    }
}
