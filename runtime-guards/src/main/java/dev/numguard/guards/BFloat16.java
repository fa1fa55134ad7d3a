package dev.numguard.guards;


/**
 * bfloat16 values stored in a {@code short}, converted the way PyTorch converts
 * ({@code torch.tensor(x, dtype=torch.float32).to(torch.bfloat16)}).
 *
 * <p>Format: the upper 16 bits of an IEEE binary32 float — 1 sign bit, 8 exponent bits (bias 127),
 * 7 fraction bits. Same range as float: largest finite value (2 − 2<sup>-7</sup>)·2<sup>127</sup>
 * ≈ 3.3895e38, smallest normal 2<sup>-126</sup> ≈ 1.1755e-38, smallest subnormal
 * 2<sup>-133</sup> ≈ 9.18e-41, machine epsilon 2<sup>-7</sup> = 0.0078125
 * (see {@link FloatFormat#BF16}).
 *
 * <p>Conversions to bfloat16 round to nearest, ties to even, on the upper 16 bits of the float;
 * magnitudes at or above (2 − 2<sup>-8</sup>)·2<sup>127</sup> become infinity. Every NaN becomes
 * the quiet NaN {@code 0x7fc0}, whatever its sign and payload, as in PyTorch. Conversions from
 * bfloat16 are exact (the pattern becomes the upper half of the float; NaN payloads are kept).
 */
public final class BFloat16 {

    /** bfloat16 positive infinity, {@code 0x7f80}. */
    public static final short POSITIVE_INFINITY = (short) 0x7f80;
    /** bfloat16 negative infinity, {@code 0xff80}. */
    public static final short NEGATIVE_INFINITY = (short) 0xff80;
    /** The quiet NaN PyTorch produces for every NaN input, {@code 0x7fc0}. */
    public static final short NaN = (short) 0x7fc0;
    /** Largest finite bfloat16 value, 3.3895313892515355e38, {@code 0x7f7f}. */
    public static final short MAX_VALUE = (short) 0x7f7f;
    /** Smallest positive normal bfloat16 value, 2<sup>-126</sup>, {@code 0x0080}. */
    public static final short MIN_NORMAL = (short) 0x0080;
    /** Smallest positive subnormal bfloat16 value, 2<sup>-133</sup>, {@code 0x0001}. */
    public static final short MIN_VALUE = (short) 0x0001;

    private static final int EXPONENT_BITS = 8;
    private static final int FRACTION_BITS = 7;

    private BFloat16() {
    }

    /**
     * Rounds a float to the nearest bfloat16 value, ties to even, exactly as PyTorch does.
     *
     * @param value any float
     * @return the bfloat16 bit pattern; {@link #NaN} ({@code 0x7fc0}) for every NaN
     */
    public static short fromFloat(float value) {
        if (value != value) {
            return NaN;
        }
        int raw = Float.floatToRawIntBits(value);
        // Adding 0x7fff plus the lowest kept bit rounds the dropped half to nearest-even; a carry
        // out of the fraction moves to the next binade and, above the largest value, to infinity.
        int lowestKeptBit = (raw >>> 16) & 1;
        return (short) ((raw + 0x7fff + lowestKeptBit) >>> 16);
    }

    /**
     * Widens a bfloat16 value to the float with exactly the same value.
     *
     * @param bits a bfloat16 bit pattern
     * @return the float whose upper 16 bits are {@code bits} and lower 16 bits are zero
     */
    public static float toFloat(short bits) {
        return Float.intBitsToFloat((bits & 0xffff) << 16);
    }

    /**
     * Rounds a double to the nearest bfloat16 value with a single rounding, ties to even.
     *
     * <p>PyTorch converts a double to bfloat16 through float, which rounds twice; this method does
     * not, so it can differ from PyTorch by one unit in the last place when the double lies just
     * beside a bfloat16 midpoint (for example {@code 1 + 2^-8 + 2^-40} rounds here to
     * {@code 1 + 2^-7}, and through float to 1). For every double that is exactly a float, the
     * result equals {@link #fromFloat(float)}.
     *
     * @param value any double
     * @return the bfloat16 bit pattern; {@link #NaN} for every NaN
     */
    public static short fromDouble(double value) {
        if (value != value) {
            return NaN;
        }
        return (short) NarrowRounding.roundToNearestEven(value, EXPONENT_BITS, FRACTION_BITS);
    }

    /**
     * Widens a bfloat16 value to the double with exactly the same value.
     *
     * @param bits a bfloat16 bit pattern
     * @return {@code (double) toFloat(bits)}
     */
    public static double toDouble(short bits) {
        return toFloat(bits);
    }

    /** @return whether the pattern is a bfloat16 NaN (exponent all ones, fraction non-zero) */
    public static boolean isNaN(short bits) {
        return (bits & 0x7fff) > 0x7f80;
    }

    /** @return whether the pattern is ±infinity */
    public static boolean isInfinite(short bits) {
        return (bits & 0x7fff) == 0x7f80;
    }

    /** @return whether the pattern is neither infinite nor NaN */
    public static boolean isFinite(short bits) {
        return (bits & 0x7fff) < 0x7f80;
    }

    /**
     * Converts every element with {@link #fromFloat(float)}.
     *
     * @param values floats to narrow; not null
     * @return a new array of bfloat16 patterns, same length
     */
    public static short[] fromFloats(float[] values) {
        return SixteenBitArrays.BFLOAT16.encode(values);
    }

    /**
     * Converts every element of {@code values} into {@code out}.
     *
     * @throws IllegalArgumentException if the lengths differ
     */
    public static void fromFloats(float[] values, short[] out) {
        SixteenBitArrays.BFLOAT16.encode(values, out);
    }

    /**
     * Converts {@code length} floats starting at {@code offset} into {@code out} starting at
     * {@code outOffset}.
     *
     * @throws IndexOutOfBoundsException if either range is outside its array
     */
    public static void fromFloats(float[] values, int offset, short[] out, int outOffset, int length) {
        SixteenBitArrays.BFLOAT16.encode(values, offset, out, outOffset, length);
    }

    /**
     * Widens every element with {@link #toFloat(short)}.
     *
     * @param bits bfloat16 patterns; not null
     * @return a new float array, same length
     */
    public static float[] toFloats(short[] bits) {
        return SixteenBitArrays.BFLOAT16.decode(bits);
    }

    /**
     * Widens every element of {@code bits} into {@code out}.
     *
     * @throws IllegalArgumentException if the lengths differ
     */
    public static void toFloats(short[] bits, float[] out) {
        SixteenBitArrays.BFLOAT16.decode(bits, out);
    }

    /**
     * Widens {@code length} patterns starting at {@code offset} into {@code out} starting at
     * {@code outOffset}.
     *
     * @throws IndexOutOfBoundsException if either range is outside its array
     */
    public static void toFloats(short[] bits, int offset, float[] out, int outOffset, int length) {
        SixteenBitArrays.BFLOAT16.decode(bits, offset, out, outOffset, length);
    }
}
