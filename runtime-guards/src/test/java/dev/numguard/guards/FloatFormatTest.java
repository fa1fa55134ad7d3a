package dev.numguard.guards;

import static org.assertj.core.api.Assertions.assertThat;

import ch.obermuhlner.math.big.BigDecimalMath;
import java.math.BigDecimal;
import java.math.MathContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class FloatFormatTest {

    /** numpy.finfo / torch.finfo values (bf16 from torch.finfo(torch.bfloat16)). */
    @ParameterizedTest(name = "{0}")
    @CsvSource({
        // format, eps, max, tiny (min normal), smallest subnormal, precision, bits (nmant + 1)
        "FP64, 2.220446049250313e-16, 1.7976931348623157e308, 2.2250738585072014e-308, 4.9e-324, 15, 53",
        "FP32, 1.1920928955078125e-07, 3.4028234663852886e38, 1.1754943508222875e-38, 1.401298464324817e-45, 6, 24",
        "FP16, 9.765625e-4, 65504.0, 6.103515625e-05, 5.960464477539063e-08, 3, 11",
        "BF16, 0.0078125, 3.3895313892515355e38, 1.1754943508222875e-38, 9.183549615799121e-41, 2, 8",
    })
    void limitsMatchNumpyAndTorchFinfo(FloatFormat format, double epsilon, double max, double tiny,
            double smallestSubnormal, int precision, int significandBits) {
        assertThat(format.epsilon()).isEqualTo(epsilon);
        assertThat(format.max()).isEqualTo(max);
        assertThat(format.minNormal()).isEqualTo(tiny);
        assertThat(format.minSubnormal()).isEqualTo(smallestSubnormal);
        assertThat(format.decimalDigits()).isEqualTo(precision);
        assertThat(format.significandBits()).isEqualTo(significandBits);
    }

    @Test
    void limitsAgreeWithTheJavaTypesAndTheSixteenBitConverters() {
        assertThat(FloatFormat.FP64.epsilon()).isEqualTo(Math.ulp(1.0));
        assertThat(FloatFormat.FP64.max()).isEqualTo(Double.MAX_VALUE);
        assertThat(FloatFormat.FP64.minNormal()).isEqualTo(Double.MIN_NORMAL);
        assertThat(FloatFormat.FP64.minSubnormal()).isEqualTo(Double.MIN_VALUE);
        assertThat(FloatFormat.FP32.epsilon()).isEqualTo(Math.ulp(1.0f));
        assertThat(FloatFormat.FP32.max()).isEqualTo(Float.MAX_VALUE);
        assertThat(FloatFormat.FP32.minNormal()).isEqualTo(Float.MIN_NORMAL);
        assertThat(FloatFormat.FP32.minSubnormal()).isEqualTo(Float.MIN_VALUE);
        assertThat(FloatFormat.FP16.max()).isEqualTo(Half.toDouble(Half.MAX_VALUE));
        assertThat(FloatFormat.FP16.minNormal()).isEqualTo(Half.toDouble(Half.MIN_NORMAL));
        assertThat(FloatFormat.FP16.minSubnormal()).isEqualTo(Half.toDouble(Half.MIN_VALUE));
        assertThat(FloatFormat.FP16.epsilon()).isEqualTo(Half.toDouble((short) 0x3c01) - 1);
        assertThat(FloatFormat.BF16.max()).isEqualTo(BFloat16.toDouble(BFloat16.MAX_VALUE));
        assertThat(FloatFormat.BF16.minNormal()).isEqualTo(BFloat16.toDouble(BFloat16.MIN_NORMAL));
        assertThat(FloatFormat.BF16.minSubnormal()).isEqualTo(BFloat16.toDouble(BFloat16.MIN_VALUE));
        assertThat(FloatFormat.BF16.epsilon()).isEqualTo(BFloat16.toDouble((short) 0x3f81) - 1);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "FP64, 11, 52, 64, 1023, -1022",
        "FP32, 8, 23, 32, 127, -126",
        "FP16, 5, 10, 16, 15, -14",
        "BF16, 8, 7, 16, 127, -126",
    })
    void fieldWidthsAndExponentRange(FloatFormat format, int exponentBits, int fractionBits, int totalBits,
            int maxExponent, int minExponent) {
        assertThat(format.exponentBits()).isEqualTo(exponentBits);
        assertThat(format.fractionBits()).isEqualTo(fractionBits);
        assertThat(format.totalBits()).isEqualTo(totalBits);
        assertThat(format.maxExponent()).isEqualTo(maxExponent);
        assertThat(format.minExponent()).isEqualTo(minExponent);
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource({
        "FP64, 709.782712893384",
        "FP32, 88.72283905206835",
        "FP16, 11.089866488461016",
        "BF16, 88.71892521235186",
    })
    void expOverflowThresholdIsTheCorrectlyRoundedLogOfMax(FloatFormat format, double expected) {
        assertThat(format.expOverflowThreshold()).isEqualTo(expected);
        BigDecimal exact = BigDecimalMath.log(new BigDecimal(format.max()), new MathContext(40));
        assertThat(format.expOverflowThreshold()).isEqualTo(exact.doubleValue());
    }

    @ParameterizedTest
    @EnumSource(FloatFormat.class)
    void expExceedsTheFormatsMaxJustAboveTheThreshold(FloatFormat format) {
        double threshold = format.expOverflowThreshold();
        double relativeStep = 1e-13;
        assertThat(Math.exp(threshold * (1 - relativeStep))).isLessThan(format.max());
        assertThat(Math.exp(threshold * (1 + relativeStep))).isGreaterThan(format.max());
        assertThat(format.round(Math.exp(threshold * (1 - relativeStep)))).isFinite();
    }

    @Test
    void expOfTheThresholdOverflowsEachFormatAsStored() {
        assertThat(Math.exp(Math.nextUp(FloatFormat.FP64.expOverflowThreshold()))).isInfinite();
        assertThat((float) Math.exp(88.73f)).isInfinite();
        assertThat(FloatFormat.FP16.round(Math.exp(11.0898))).isEqualTo(65504);
        assertThat(FloatFormat.FP16.round(Math.exp(11.0904))).isInfinite();
        assertThat(FloatFormat.BF16.round(Math.exp(88.7189))).isFinite();
        assertThat(FloatFormat.BF16.round(Math.exp(88.7225))).isInfinite();
    }

    @ParameterizedTest
    @EnumSource(FloatFormat.class)
    void roundKeepsWhatTheFormatStores(FloatFormat format) {
        assertThat(format.round(1.0)).isEqualTo(1.0);
        assertThat(format.round(format.max())).isEqualTo(format.max());
        assertThat(format.round(format.minSubnormal())).isEqualTo(format.minSubnormal());
        assertThat(format.round(1 + format.epsilon())).isEqualTo(1 + format.epsilon());
        assertThat(format.round(1 + format.epsilon() / 2)).isEqualTo(1.0);
        assertThat(format.round(Double.NaN)).isNaN();
        assertThat(format.round(Double.NEGATIVE_INFINITY)).isEqualTo(Double.NEGATIVE_INFINITY);
        if (format != FloatFormat.FP64) {
            assertThat(format.round(Double.MAX_VALUE)).isInfinite();
            assertThat(format.round(format.minSubnormal() / 2)).isZero();
        }
    }

    @Test
    void storingNamedValuesInSixteenBitsKeepsWhatTheDemoShows() {
        assertThat(FloatFormat.FP16.round(65505)).isEqualTo(65504);
        assertThat(FloatFormat.FP16.round(65520)).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(FloatFormat.FP16.round(5e-9)).isZero();
        assertThat(FloatFormat.FP16.round(5e-9 * 65536)).isEqualTo(Half.toDouble(Half.fromDouble(5e-9 * 65536)))
                .isGreaterThan(0);
        assertThat(FloatFormat.BF16.round(0.1)).isEqualTo(0.10009765625);
        assertThat(FloatFormat.FP32.round(0.1)).isEqualTo((double) 0.1f);
    }
}
