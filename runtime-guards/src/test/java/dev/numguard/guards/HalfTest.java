package dev.numguard.guards;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.math.BigDecimal;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class HalfTest {

    private static final NarrowFormatOracle ORACLE = NarrowFormatOracle.BINARY16;

    /**
     * Checksums of {@code Float.floatToFloat16} over all 2^32 float bit patterns, in 16 chunks of
     * 2^28 consecutive patterns, produced by Temurin 25 on x86-64 (F16C) with {@link #mix}.
     */
    private static final long[] JDK25_FROM_FLOAT_CHUNK_CHECKSUMS = {
        0x08c9188a44e1846eL, 0x08c9188a44e1846eL, 0x08c9188a44e1846eL, 0x20e706d4ac781d37L,
        0x3dad2e094ecb62d0L, 0x80940c70fafcf779L, 0x80940c70fafcf779L, 0x637a21b111dc1117L,
        0x01377d2bfa672bcdL, 0x01377d2bfa672bcdL, 0x01377d2bfa672bcdL, 0xebf6829b06abbdd4L,
        0x1f55bb205f5ba3d4L, 0xd4b185ee9ede72d2L, 0xd4b185ee9ede72d2L, 0x1f79e608510ee815L,
    };
    /** Checksum of the raw float bits of {@code Float.float16ToFloat} over all 65536 patterns. */
    private static final long JDK25_TO_FLOAT_CHECKSUM = 0x79d25f46e81b58f9L;
    private static final long CHECKSUM_SEED = 0xcbf29ce484222325L;

    private static long mix(long checksum, long value) {
        return (Long.rotateLeft(checksum, 5) ^ value) * 0x9E3779B97F4A7C15L;
    }

    @Test
    void everyPatternDecodesToItsExactValue() {
        for (int pattern = 0; pattern < 0x10000; pattern++) {
            short bits = (short) pattern;
            float decoded = Half.toFloat(bits);
            int decodedBits = Float.floatToRawIntBits(decoded);
            assertThat(decodedBits >>> 31).as("sign of %04x", pattern).isEqualTo(pattern >>> 15);
            if (ORACLE.isNaN(pattern)) {
                int expected = (pattern & 0x8000) << 16 | 0x7fc0_0000 | (pattern & 0x3ff) << 13;
                assertThat(decodedBits).as("NaN %04x", pattern).isEqualTo(expected);
            } else if (ORACLE.isInfinite(pattern)) {
                assertThat(decoded).isInfinite();
            } else {
                assertThat(new BigDecimal(decoded)).as("value of %04x", pattern)
                        .isEqualByComparingTo(ORACLE.exactValue(pattern));
                assertThat(Half.toDouble(bits)).isEqualTo((double) decoded);
            }
        }
    }

    @Test
    void everyPatternReencodesToItself() {
        for (int pattern = 0; pattern < 0x10000; pattern++) {
            short bits = (short) pattern;
            // A NaN comes back quiet: the quiet bit 0x200 is set, sign and payload kept.
            int expected = ORACLE.isNaN(pattern) ? pattern | 0x200 : pattern;
            assertThat(Half.fromFloat(Half.toFloat(bits)) & 0xffff).as("float round trip %04x", pattern)
                    .isEqualTo(expected);
            assertThat(Half.fromDouble(Half.toDouble(bits)) & 0xffff).as("double round trip %04x", pattern)
                    .isEqualTo(expected);
        }
    }

    @Test
    void everyMidpointBetweenNeighboursTiesToEvenAndItsNeighboursRoundToTheNearerSide() {
        // Pairs (p, p + 1) of consecutive non-negative patterns, the last pair being (max, infinity)
        // whose midpoint 65520 is the overflow threshold.
        for (int lower = 0; lower < 0x7c00; lower++) {
            int upper = lower + 1;
            double upperValue = upper == 0x7c00 ? 65536.0 : Half.toDouble((short) upper);
            float midpoint = (float) ((Half.toDouble((short) lower) + upperValue) / 2);
            int even = (lower & 1) == 0 ? lower : upper;
            for (int sign : new int[] {0, 0x8000}) {
                float m = sign == 0 ? midpoint : -midpoint;
                float towardZero = sign == 0 ? Math.nextDown(midpoint) : -Math.nextDown(midpoint);
                float awayFromZero = sign == 0 ? Math.nextUp(midpoint) : -Math.nextUp(midpoint);
                assertThat(Half.fromFloat(m) & 0xffff).as("tie at %s", m).isEqualTo(sign | even);
                assertThat(Half.fromFloat(towardZero) & 0xffff).as("below %s", m).isEqualTo(sign | lower);
                assertThat(Half.fromFloat(awayFromZero) & 0xffff).as("above %s", m).isEqualTo(sign | upper);
                double md = m;
                assertThat(Half.fromDouble(md) & 0xffff).isEqualTo(sign | even);
                assertThat(Half.fromDouble(Math.nextDown(Math.abs(md)) * Math.signum(md)) & 0xffff)
                        .isEqualTo(sign | lower);
                assertThat(Half.fromDouble(Math.nextUp(Math.abs(md)) * Math.signum(md)) & 0xffff)
                        .isEqualTo(sign | upper);
            }
        }
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        // value (float literal), expected pattern
        "0.0, 0x0000",
        "-0.0, 0x8000",
        "1.0, 0x3c00",
        "-2.0, 0xc000",
        "0.1, 0x2e66",              // numpy: float16(0.1) = 0.0999755859375
        "0.33333334, 0x3555",
        "3.1415927, 0x4248",
        "65504.0, 0x7bff",          // largest finite
        "65505.0, 0x7bff",          // rounds down to the largest finite value
        "65519.996, 0x7bff",        // just below the overflow threshold
        "65520.0, 0x7c00",          // the threshold itself ties to the even infinity
        "-65520.0, 0xfc00",
        "65536.0, 0x7c00",
        "3.4028235E38, 0x7c00",
        "Infinity, 0x7c00",
        "-Infinity, 0xfc00",
        "6.1035156E-5, 0x0400",     // 2^-14, smallest normal
        "6.1035152E-5, 0x0400",     // just below 2^-14 rounds up to it
        "6.097555E-5, 0x03ff",      // largest subnormal
        "5.9604645E-8, 0x0001",     // 2^-24, smallest subnormal
        "2.9802322E-8, 0x0000",     // 2^-25: tie between 0 and 2^-24 goes to even 0
        "2.9802326E-8, 0x0001",     // just above 2^-25
        "-2.9802322E-8, 0x8000",    // underflow keeps the sign
        "8.940697E-8, 0x0002",      // 1.5 * 2^-24 ties to even 2
        "1.4901161E-7, 0x0002",     // 2.5 * 2^-24 ties to even 2
        "1.0E-8, 0x0000",
        "1.4E-45, 0x0000",          // Float.MIN_VALUE
        "-1.4E-45, 0x8000",
        "1.00048828125, 0x3c00",    // 1 + 2^-11: tie, down to even 1.0
        "1.00146484375, 0x3c02",    // 1 + 3 * 2^-11: tie, up to even 1 + 2^-9
    })
    void namedValuesRoundAsIeeeSays(float value, String expectedHex) {
        int expected = Integer.decode(expectedHex);
        assertThat(Half.fromFloat(value) & 0xffff).isEqualTo(expected);
        assertThat(Half.fromDouble(value) & 0xffff).isEqualTo(expected);
    }

    @Test
    void nanIsQuietedKeepingSignAndHighPayloadBits() {
        assertThat(Half.fromFloat(Float.NaN)).isEqualTo(Half.NaN);
        assertThat(Half.fromFloat(Float.intBitsToFloat(0x7f80_0001)) & 0xffff).isEqualTo(0x7e00);
        assertThat(Half.fromFloat(Float.intBitsToFloat(0xff80_0001)) & 0xffff).isEqualTo(0xfe00);
        assertThat(Half.fromFloat(Float.intBitsToFloat(0x7fbf_e000)) & 0xffff).isEqualTo(0x7fff);
        assertThat(Half.fromFloat(Float.intBitsToFloat(0x7f80_2000)) & 0xffff).isEqualTo(0x7e01);
        assertThat(Half.fromDouble(Double.NaN)).isEqualTo(Half.NaN);
        assertThat(Half.fromDouble(Double.longBitsToDouble(0xfff8_0000_0000_0000L)) & 0xffff).isEqualTo(0xfe00);
        assertThat(Half.fromDouble(Double.longBitsToDouble(0x7ff0_0000_0000_0001L)) & 0xffff).isEqualTo(0x7e00);
        assertThat(Float.floatToRawIntBits(Half.toFloat((short) 0x7c01))).isEqualTo(0x7fc0_2000);
        assertThat(Float.floatToRawIntBits(Half.toFloat((short) 0xfe00))).isEqualTo(0xffc0_0000);
        assertThat(Half.isNaN((short) 0x7c01)).isTrue();
        assertThat(Half.isNaN(Half.POSITIVE_INFINITY)).isFalse();
        assertThat(Half.isInfinite(Half.NEGATIVE_INFINITY)).isTrue();
        assertThat(Half.isFinite(Half.MAX_VALUE)).isTrue();
        assertThat(Half.isFinite((short) 0xfc00)).isFalse();
    }

    @Test
    void constantsHaveTheirDocumentedValues() {
        assertThat(Half.toFloat(Half.MAX_VALUE)).isEqualTo(65504f);
        assertThat(Half.toFloat(Half.MIN_NORMAL)).isEqualTo(0x1p-14f);
        assertThat(Half.toFloat(Half.MIN_VALUE)).isEqualTo(0x1p-24f);
        assertThat(Half.toFloat(Half.POSITIVE_INFINITY)).isEqualTo(Float.POSITIVE_INFINITY);
        assertThat(Half.toFloat(Half.NEGATIVE_INFINITY)).isEqualTo(Float.NEGATIVE_INFINITY);
        assertThat(Half.toFloat(Half.NaN)).isNaN();
    }

    @Test
    void aMillionSeededRandomFloatsRoundToTheExactNearestEven() {
        SplittableRandom random = new SplittableRandom(0x5eed_f16L);
        for (int i = 0; i < 1_000_000; i++) {
            float value;
            if ((i & 1) == 0) {
                value = Float.intBitsToFloat(random.nextInt());
            } else {
                // Exponents from well below the subnormal range to above the overflow threshold.
                int exponentField = random.nextInt(127 - 27, 127 + 17);
                int bits = random.nextInt(2) << 31 | exponentField << 23 | random.nextInt(1 << 23);
                value = Float.intBitsToFloat(bits);
            }
            if (Float.isNaN(value)) {
                continue;
            }
            assertThat(Half.fromFloat(value) & 0xffff).as("%s (%08x)", value, Float.floatToRawIntBits(value))
                    .isEqualTo(ORACLE.nearestEven(value));
        }
    }

    @Test
    void aMillionSeededRandomDoublesRoundOnceToTheExactNearestEven() {
        SplittableRandom random = new SplittableRandom(0xd0b1e_f16L);
        for (int i = 0; i < 1_000_000; i++) {
            long exponentField = random.nextInt(1023 - 27, 1023 + 17);
            long bits = (long) random.nextInt(2) << 63 | exponentField << 52 | random.nextLong(1L << 52);
            double value = Double.longBitsToDouble(bits);
            assertThat(Half.fromDouble(value) & 0xffff).as("%s", value).isEqualTo(ORACLE.nearestEven(value));
        }
    }

    @Test
    void doubleConversionRoundsOnceWhereGoingThroughFloatRoundsTwice() {
        double justAboveTie = 1 + 0x1p-11 + 0x1p-40;
        assertThat(Half.fromDouble(justAboveTie) & 0xffff).isEqualTo(0x3c01);
        assertThat(Half.fromFloat((float) justAboveTie) & 0xffff).isEqualTo(0x3c00);
        double justBelowOverflow = Math.nextDown(65520.0);
        assertThat(Half.fromDouble(justBelowOverflow)).isEqualTo(Half.MAX_VALUE);
        assertThat(Half.fromFloat((float) justBelowOverflow)).isEqualTo(Half.POSITIVE_INFINITY);
        double justAboveUnderflow = Math.nextUp(0x1p-25);
        assertThat(Half.fromDouble(justAboveUnderflow)).isEqualTo(Half.MIN_VALUE);
        assertThat(Half.fromFloat((float) justAboveUnderflow)).isEqualTo((short) 0);
        assertThat(Half.fromDouble(Double.MIN_VALUE)).isEqualTo((short) 0);
        assertThat(Half.fromDouble(-Double.MAX_VALUE)).isEqualTo(Half.NEGATIVE_INFINITY);
    }

    static IntStream chunks() {
        return IntStream.range(0, 16);
    }

    @ParameterizedTest(name = "float patterns {0} * 2^28 ..")
    @MethodSource("chunks")
    void allFloatBitPatternsConvertExactlyAsJdk25Does(int chunk) {
        long checksum = CHECKSUM_SEED;
        long start = (long) chunk << 28;
        for (long i = start; i < start + (1L << 28); i++) {
            checksum = mix(checksum, Half.fromFloat(Float.intBitsToFloat((int) i)) & 0xffff);
        }
        assertThat(checksum).isEqualTo(JDK25_FROM_FLOAT_CHUNK_CHECKSUMS[chunk]);
    }

    @Test
    void allHalfPatternsWidenExactlyAsJdk25Does() {
        long checksum = CHECKSUM_SEED;
        for (int pattern = 0; pattern < 0x10000; pattern++) {
            checksum = mix(checksum, Float.floatToRawIntBits(Half.toFloat((short) pattern)) & 0xffff_ffffL);
        }
        assertThat(checksum).isEqualTo(JDK25_TO_FLOAT_CHECKSUM);
    }

    /** Runs only on Java 20 or later, where the JDK's own conversions exist to compare with. */
    @Test
    void matchesTheJdkConversionsWhenTheRuntimeHasThem() throws Throwable {
        MethodHandle toHalf;
        MethodHandle toFloat;
        try {
            toHalf = MethodHandles.publicLookup().findStatic(Float.class, "floatToFloat16",
                    MethodType.methodType(short.class, float.class));
            toFloat = MethodHandles.publicLookup().findStatic(Float.class, "float16ToFloat",
                    MethodType.methodType(float.class, short.class));
        } catch (NoSuchMethodException beforeJava20) {
            assumeTrue(false, "Float.floatToFloat16 needs Java 20");
            return;
        }
        SplittableRandom random = new SplittableRandom(20);
        for (int i = 0; i < 1_000_000; i++) {
            float value = Float.intBitsToFloat(random.nextInt());
            assertThat(Half.fromFloat(value)).isEqualTo((short) toHalf.invokeExact(value));
        }
        for (int pattern = 0; pattern < 0x10000; pattern++) {
            float jdk = (float) toFloat.invokeExact((short) pattern);
            assertThat(Float.floatToRawIntBits(Half.toFloat((short) pattern))).isEqualTo(Float.floatToRawIntBits(jdk));
        }
    }

    @Test
    void arrayConversionsMatchTheScalarOnes() {
        float[] values = {0f, -0f, 1f, 65520f, 0x1p-25f, Float.NaN, -3.5f, 1e-6f};
        short[] halves = Half.fromFloats(values);
        for (int i = 0; i < values.length; i++) {
            assertThat(halves[i]).isEqualTo(Half.fromFloat(values[i]));
        }
        float[] back = Half.toFloats(halves);
        for (int i = 0; i < values.length; i++) {
            assertThat(Float.floatToRawIntBits(back[i])).isEqualTo(Float.floatToRawIntBits(Half.toFloat(halves[i])));
        }
        short[] into = new short[values.length];
        Half.fromFloats(values, into);
        assertThat(into).containsExactly(halves);
        float[] intoFloats = new float[values.length];
        Half.toFloats(halves, intoFloats);
        assertThat(intoFloats).usingElementComparator(Float::compare).containsExactly(back);

        short[] window = new short[5];
        Half.fromFloats(values, 2, window, 1, 3);
        assertThat(window).containsExactly((short) 0, halves[2], halves[3], halves[4], (short) 0);
        float[] floatWindow = new float[4];
        Half.toFloats(halves, 5, floatWindow, 0, 3);
        assertThat(floatWindow[1]).isEqualTo(-3.5f);
        assertThat(floatWindow[3]).isZero();
        assertThat(Half.fromFloats(new float[0])).isEmpty();
    }

    @Test
    void arrayConversionsRejectBadArguments() {
        assertThatThrownBy(() -> Half.fromFloats(new float[3], new short[2]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("length");
        assertThatThrownBy(() -> Half.toFloats(new short[3], new float[4]))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Half.fromFloats(new float[3], 2, new short[3], 0, 2))
                .isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> Half.toFloats(new short[3], 0, new float[3], -1, 2))
                .isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> Half.fromFloats(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> Half.toFloats(null)).isInstanceOf(NullPointerException.class);
    }
}
