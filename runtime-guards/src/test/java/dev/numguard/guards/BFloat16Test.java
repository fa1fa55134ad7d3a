package dev.numguard.guards;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BFloat16Test {

    private static final NarrowFormatOracle ORACLE = NarrowFormatOracle.BFLOAT16;

    @Test
    void everyPatternDecodesToItsExactValue() {
        for (int pattern = 0; pattern < 0x10000; pattern++) {
            short bits = (short) pattern;
            float decoded = BFloat16.toFloat(bits);
            int decodedBits = Float.floatToRawIntBits(decoded);
            // bfloat16 is the upper half of a float, NaN payloads included.
            assertThat(decodedBits).isEqualTo(pattern << 16);
            if (ORACLE.isNaN(pattern)) {
                assertThat(decoded).isNaN();
            } else if (ORACLE.isInfinite(pattern)) {
                assertThat(decoded).isInfinite();
            } else {
                assertThat(new BigDecimal(decoded)).as("value of %04x", pattern)
                        .isEqualByComparingTo(ORACLE.exactValue(pattern));
                assertThat(decodedBits >>> 31).isEqualTo(pattern >>> 15);
            }
        }
    }

    @Test
    void everyPatternReencodesToItself() {
        for (int pattern = 0; pattern < 0x10000; pattern++) {
            short bits = (short) pattern;
            int expected = ORACLE.isNaN(pattern) ? 0x7fc0 : pattern;
            assertThat(BFloat16.fromFloat(BFloat16.toFloat(bits)) & 0xffff).as("%04x", pattern).isEqualTo(expected);
            assertThat(BFloat16.fromDouble(BFloat16.toDouble(bits)) & 0xffff).as("%04x", pattern).isEqualTo(expected);
        }
    }

    @Test
    void everyMidpointBetweenNeighboursTiesToEvenAndItsNeighboursRoundToTheNearerSide() {
        for (int lower = 0; lower < 0x7f80; lower++) {
            int upper = lower + 1;
            double upperValue = upper == 0x7f80 ? 0x1p128 : BFloat16.toDouble((short) upper);
            // Midpoints have nine significant bits: exact in float (the last one is below 2^128).
            float midpoint = (float) ((BFloat16.toDouble((short) lower) + upperValue) / 2);
            int even = (lower & 1) == 0 ? lower : upper;
            for (int sign : new int[] {0, 0x8000}) {
                float m = sign == 0 ? midpoint : -midpoint;
                float towardZero = sign == 0 ? Math.nextDown(midpoint) : -Math.nextDown(midpoint);
                float awayFromZero = sign == 0 ? Math.nextUp(midpoint) : -Math.nextUp(midpoint);
                assertThat(BFloat16.fromFloat(m) & 0xffff).as("tie at %s", m).isEqualTo(sign | even);
                assertThat(BFloat16.fromFloat(towardZero) & 0xffff).as("below %s", m).isEqualTo(sign | lower);
                assertThat(BFloat16.fromFloat(awayFromZero) & 0xffff).as("above %s", m).isEqualTo(sign | upper);
                double md = m;
                assertThat(BFloat16.fromDouble(md) & 0xffff).isEqualTo(sign | even);
                assertThat(BFloat16.fromDouble(Math.nextDown(Math.abs(md)) * Math.signum(md)) & 0xffff)
                        .isEqualTo(sign | lower);
                assertThat(BFloat16.fromDouble(Math.nextUp(Math.abs(md)) * Math.signum(md)) & 0xffff)
                        .isEqualTo(sign | upper);
            }
        }
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        // torch.tensor(value, dtype=torch.float32).to(torch.bfloat16)
        "0.0, 0x0000",
        "-0.0, 0x8000",
        "1.0, 0x3f80",
        "0.1, 0x3dcd",                    // 0.10009765625
        "0.33333334, 0x3eab",             // 0.333984375
        "3.1415927, 0x4049",              // 3.140625
        "1.00390625, 0x3f80",             // 1 + 2^-8: tie, down to even 1.0
        "1.01171875, 0x3f82",             // 1 + 3 * 2^-8: tie, up to even
        "3.3895314E38, 0x7f7f",           // largest finite bfloat16
        "3.3961776E38, 0x7f80",           // (2 - 2^-8) * 2^127 ties to the even infinity
        "3.4028235E38, 0x7f80",           // Float.MAX_VALUE overflows
        "-3.4028235E38, 0xff80",
        "Infinity, 0x7f80",
        "-Infinity, 0xff80",
        "1.17549435E-38, 0x0080",         // 2^-126, smallest normal
        "9.1835E-41, 0x0001",             // 2^-133, smallest subnormal
        "1.0E-40, 0x0001",
        "4.5918E-41, 0x0000",             // 2^-134: tie between 0 and 2^-133 goes to even 0
        "-4.5918E-41, 0x8000",
        "1.4E-45, 0x0000",
    })
    void namedValuesRoundAsPyTorchDoes(float value, String expectedHex) {
        int expected = Integer.decode(expectedHex);
        assertThat(BFloat16.fromFloat(value) & 0xffff).isEqualTo(expected);
        assertThat(BFloat16.fromDouble(value) & 0xffff).isEqualTo(expected);
    }

    @Test
    void everyNanBecomesThePositiveQuietNanAsInPyTorch() {
        int[] nans = {0x7fc0_0000, 0xffc0_0000, 0x7f80_0001, 0xff80_0001, 0x7fff_ffff, 0x7fbf_ffff};
        for (int nan : nans) {
            assertThat(BFloat16.fromFloat(Float.intBitsToFloat(nan))).isEqualTo(BFloat16.NaN);
        }
        assertThat(BFloat16.fromDouble(Double.NaN)).isEqualTo(BFloat16.NaN);
        assertThat(BFloat16.fromDouble(Double.longBitsToDouble(0xfff0_0000_0000_0001L))).isEqualTo(BFloat16.NaN);
        assertThat(BFloat16.NaN).isEqualTo((short) 0x7fc0);
        assertThat(BFloat16.isNaN((short) 0xff81)).isTrue();
        assertThat(BFloat16.isInfinite(BFloat16.NEGATIVE_INFINITY)).isTrue();
        assertThat(BFloat16.isFinite(BFloat16.MAX_VALUE)).isTrue();
        assertThat(BFloat16.isFinite(BFloat16.POSITIVE_INFINITY)).isFalse();
    }

    @Test
    void constantsHaveTheirDocumentedValues() {
        assertThat((double) BFloat16.toFloat(BFloat16.MAX_VALUE)).isEqualTo(3.3895313892515355e38);
        assertThat(BFloat16.toFloat(BFloat16.MIN_NORMAL)).isEqualTo(0x1p-126f);
        assertThat(BFloat16.toFloat(BFloat16.MIN_VALUE)).isEqualTo(0x1p-133f);
        assertThat(BFloat16.toFloat(BFloat16.POSITIVE_INFINITY)).isEqualTo(Float.POSITIVE_INFINITY);
    }

    @Test
    void aMillionSeededRandomFloatsRoundToTheExactNearestEven() {
        SplittableRandom random = new SplittableRandom(0xbf16L);
        for (int i = 0; i < 1_000_000; i++) {
            float value = Float.intBitsToFloat(random.nextInt());
            if (Float.isNaN(value)) {
                continue;
            }
            assertThat(BFloat16.fromFloat(value) & 0xffff).as("%08x", Float.floatToRawIntBits(value))
                    .isEqualTo(ORACLE.nearestEven(value));
        }
    }

    @Test
    void aMillionSeededRandomDoublesRoundOnceToTheExactNearestEven() {
        SplittableRandom random = new SplittableRandom(0xd0b1e_bf16L);
        for (int i = 0; i < 1_000_000; i++) {
            long exponentField = random.nextInt(1023 - 140, 1023 + 130);
            long bits = (long) random.nextInt(2) << 63 | exponentField << 52 | random.nextLong(1L << 52);
            double value = Double.longBitsToDouble(bits);
            assertThat(BFloat16.fromDouble(value) & 0xffff).as("%s", value).isEqualTo(ORACLE.nearestEven(value));
        }
    }

    @Test
    void everyFloatThatIsNotNanConvertsFromDoubleAsFromFloat() {
        // Exhaustive over the 2^16 upper halves with a spread of lower halves (ties, just off ties).
        int[] lowerHalves = {0x0000, 0x0001, 0x7fff, 0x8000, 0x8001, 0xffff, 0x1234};
        for (int upper = 0; upper < 0x10000; upper++) {
            for (int lower : lowerHalves) {
                float value = Float.intBitsToFloat(upper << 16 | lower);
                if (!Float.isNaN(value)) {
                    assertThat(BFloat16.fromDouble(value)).isEqualTo(BFloat16.fromFloat(value));
                }
            }
        }
    }

    @Test
    void doubleConversionRoundsOnceWhereGoingThroughFloatRoundsTwice() {
        double justAboveTie = 1 + 0x1p-8 + 0x1p-40;
        assertThat(BFloat16.fromDouble(justAboveTie) & 0xffff).isEqualTo(0x3f81);
        assertThat(BFloat16.fromFloat((float) justAboveTie) & 0xffff).isEqualTo(0x3f80);
        assertThat(BFloat16.fromDouble(1e300)).isEqualTo(BFloat16.POSITIVE_INFINITY);
        assertThat(BFloat16.fromDouble(-1e-300)).isEqualTo((short) 0x8000);
    }

    @Test
    void arrayConversionsMatchTheScalarOnesAndRejectBadArguments() {
        float[] values = {0f, -0f, 1f, 3.4e38f, Float.NaN, -3.5f, 1e-40f};
        short[] narrowed = BFloat16.fromFloats(values);
        for (int i = 0; i < values.length; i++) {
            assertThat(narrowed[i]).isEqualTo(BFloat16.fromFloat(values[i]));
        }
        float[] widened = BFloat16.toFloats(narrowed);
        for (int i = 0; i < values.length; i++) {
            assertThat(Float.floatToRawIntBits(widened[i])).isEqualTo(narrowed[i] << 16);
        }
        short[] into = new short[values.length];
        BFloat16.fromFloats(values, into);
        assertThat(into).containsExactly(narrowed);
        float[] intoFloats = new float[values.length];
        BFloat16.toFloats(narrowed, intoFloats);
        assertThat(intoFloats).usingElementComparator(Float::compare).containsExactly(widened);
        short[] window = new short[3];
        BFloat16.fromFloats(values, 5, window, 1, 2);
        assertThat(window).containsExactly((short) 0, narrowed[5], narrowed[6]);
        float[] floatWindow = new float[2];
        BFloat16.toFloats(narrowed, 2, floatWindow, 0, 2);
        assertThat(floatWindow[0]).isEqualTo(1f);

        assertThatThrownBy(() -> BFloat16.fromFloats(new float[3], new short[2]))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> BFloat16.toFloats(new short[2], new float[3]))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> BFloat16.fromFloats(new float[3], 0, new short[3], 2, 2))
                .isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> BFloat16.toFloats(null)).isInstanceOf(NullPointerException.class);
    }
}
