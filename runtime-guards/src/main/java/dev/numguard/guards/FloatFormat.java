package dev.numguard.guards;

/**
 * The binary floating-point formats numerical code meets, with their limits computed exactly from
 * the field widths (the same numbers as {@code numpy.finfo} and {@code torch.finfo}).
 *
 * <p>Each value below is an exact power-of-two expression, so every getter returns exactly the
 * format's number as a {@code double} (all four formats' values are doubles).
 *
 * <table>
 *   <caption>Values</caption>
 *   <tr><th></th><th>epsilon</th><th>max</th><th>min normal</th><th>min subnormal</th>
 *       <th>digits</th><th>ln(max)</th></tr>
 *   <tr><td>FP64</td><td>2.220446049250313e-16</td><td>1.7976931348623157e308</td>
 *       <td>2.2250738585072014e-308</td><td>4.9e-324</td><td>15</td><td>709.782712893384</td></tr>
 *   <tr><td>FP32</td><td>1.1920929e-7</td><td>3.4028235e38</td><td>1.1754944e-38</td>
 *       <td>1.4e-45</td><td>6</td><td>88.72283905206835</td></tr>
 *   <tr><td>FP16</td><td>9.765625e-4</td><td>65504</td><td>6.103515625e-5</td>
 *       <td>5.960464477539063e-8</td><td>3</td><td>11.089866488461016</td></tr>
 *   <tr><td>BF16</td><td>0.0078125</td><td>3.3895313892515355e38</td><td>1.1754943508222875e-38</td>
 *       <td>9.183549615799121e-41</td><td>2</td><td>88.71892521235186</td></tr>
 * </table>
 */
public enum FloatFormat {
    /** IEEE 754 binary64, Java {@code double}. */
    FP64(11, 52),
    /** IEEE 754 binary32, Java {@code float}. */
    FP32(8, 23),
    /** IEEE 754 binary16, stored by {@link Half}. */
    FP16(5, 10),
    /** bfloat16 (the upper half of binary32), stored by {@link BFloat16}. */
    BF16(8, 7);

    private final int exponentBits;
    private final int fractionBits;
    private final int maxExponent;
    private final int minExponent;

    FloatFormat(int exponentBits, int fractionBits) {
        this.exponentBits = exponentBits;
        this.fractionBits = fractionBits;
        this.maxExponent = (1 << (exponentBits - 1)) - 1;
        this.minExponent = 1 - maxExponent;
    }

    /** @return the width of the exponent field (11, 8, 5, 8) */
    public int exponentBits() {
        return exponentBits;
    }

    /** @return the width of the stored fraction field (52, 23, 10, 7) */
    public int fractionBits() {
        return fractionBits;
    }

    /**
     * @return the precision p in bits, counting the implicit leading bit (53, 24, 11, 8); what
     *     {@code numpy.finfo(...).nmant + 1} gives
     */
    public int significandBits() {
        return fractionBits + 1;
    }

    /** @return the total storage width in bits (64, 32, 16, 16) */
    public int totalBits() {
        return 1 + exponentBits + fractionBits;
    }

    /**
     * @return the number of decimal digits the format holds, {@code floor(-log10(epsilon))}, as
     *     {@code numpy.finfo(...).precision} defines it (15, 6, 3, 2)
     */
    public int decimalDigits() {
        // floor(fractionBits * log10(2)) computed without a floating-point logarithm's rounding:
        // 2^fractionBits has exactly floor(fractionBits * log10 2) + 1 decimal digits.
        return java.math.BigInteger.ONE.shiftLeft(fractionBits).toString().length() - 1;
    }

    /** @return the largest exponent of a finite value, 2<sup>emax</sup> ≤ max (1023, 127, 15, 127) */
    public int maxExponent() {
        return maxExponent;
    }

    /** @return the exponent of the smallest normal value (-1022, -126, -14, -126) */
    public int minExponent() {
        return minExponent;
    }

    /** @return the distance from 1 to the next larger value, 2<sup>-fractionBits</sup> */
    public double epsilon() {
        return Math.scalb(1.0, -fractionBits);
    }

    /** @return the largest finite value, (2 − 2<sup>-fractionBits</sup>)·2<sup>emax</sup> */
    public double max() {
        return Math.scalb(2.0 - epsilon(), maxExponent);
    }

    /** @return the smallest positive normal value, 2<sup>emin</sup> ({@code finfo.tiny}) */
    public double minNormal() {
        return Math.scalb(1.0, minExponent);
    }

    /** @return the smallest positive subnormal value, 2<sup>emin − fractionBits</sup> */
    public double minSubnormal() {
        return Math.scalb(1.0, minExponent - fractionBits);
    }

    /**
     * The argument above which {@code exp} overflows to infinity in this format: {@code ln(max())}
     * rounded to double: 709.78 for FP64, 88.7228 for FP32, 11.09 for FP16 and 88.7189 for BF16
     * (a little below FP32's, because BF16's max lacks FP32's lower fraction bits).
     *
     * @return {@code ln(max())}
     */
    public double expOverflowThreshold() {
        return StrictMath.log(max());
    }

    /**
     * Rounds a double to the nearest value of this format (ties to even) and returns it as a
     * double: what storing {@code value} in this format keeps.
     *
     * @param value any double; NaN stays NaN, values beyond the format's range become ±infinity
     * @return the stored value
     */
    public double round(double value) {
        switch (this) {
            case FP64:
                return value;
            case FP32:
                return (float) value;
            case FP16:
                return Half.toDouble(Half.fromDouble(value));
            case BF16:
                return BFloat16.toDouble(BFloat16.fromDouble(value));
            default:
                throw new AssertionError(this);
        }
    }
}
