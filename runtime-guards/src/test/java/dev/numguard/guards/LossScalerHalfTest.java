package dev.numguard.guards;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Loss scaling with gradients stored in fp16, the case loss scaling exists for. */
class LossScalerHalfTest {

  /** fp16's unit roundoff: relative rounding error of a normal fp16 value is at most 2^-11. */
  private static final double FP16_UNIT_ROUNDOFF = 0x1p-11;

  @Test
  void tinyGradientVanishesInFp16WithoutScalingAndSurvivesWithIt() {
    float gradient = 5e-9f;

    // Unscaled, 5e-9 is below fp16's smallest subnormal (2^-24 ~ 5.96e-8) and rounds to +0.
    short unscaledStorage = Half.fromFloat(gradient);
    assertThat(Half.toFloat(unscaledStorage)).isZero();

    // Scaled by 65536 it is 3.28e-4, a normal fp16 value.
    LossScaler scaler = new LossScaler();
    short[] storage = {Half.fromFloat(gradient * scaler.scale())};
    float[] master = new float[1];
    assertThat(scaler.unscaleHalf(storage, master)).isTrue();

    // Unscaling by a power of two is exact, so only fp16's rounding of the scaled value remains.
    assertThat(master[0]).isEqualTo(Half.toFloat(storage[0]) / 65536f);
    double relativeError = Math.abs(master[0] - (double) gradient) / gradient;
    assertThat(relativeError).isLessThanOrEqualTo(FP16_UNIT_ROUNDOFF);
    assertThat(master[0]).isNotZero();

    AtomicInteger steps = new AtomicInteger();
    assertThat(scaler.step(steps::incrementAndGet)).isTrue();
    assertThat(steps.get()).isEqualTo(1);
    scaler.update();
    assertThat(scaler.growthTracker()).isEqualTo(1);
  }

  @Test
  void fp16OverflowOfAScaledGradientSkipsTheStepAndBacksOff() {
    LossScaler scaler = new LossScaler();
    // 2 * 65536 = 131072 exceeds fp16's largest finite value (65504) and is stored as +Infinity.
    short[] storage = Half.fromFloats(new float[] {0.5f * scaler.scale(), 2f * scaler.scale()});
    assertThat(Half.isInfinite(storage[1])).isTrue();
    float[] master = new float[2];
    assertThat(scaler.unscaleHalf(storage, master)).isFalse();
    assertThat(master[0]).isEqualTo(0.5f);
    assertThat(master[1]).isEqualTo(Float.POSITIVE_INFINITY);
    AtomicInteger steps = new AtomicInteger();
    assertThat(scaler.step(steps::incrementAndGet)).isFalse();
    scaler.update();
    assertThat(steps.get()).isZero();
    assertThat(scaler.scale()).isEqualTo(32768f);
  }

  @Test
  void signedZeroNanAndSubnormalStorage() {
    LossScaler scaler = LossScaler.builder().initScale(1024).build();
    short[] storage = {
      Half.fromFloat(-0f), Half.MIN_VALUE, Half.NaN, Half.fromFloat(-3f * 1024f)
    };
    float[] master = new float[4];
    assertThat(scaler.unscaleHalf(storage, master)).isFalse();
    assertThat(Float.floatToRawIntBits(master[0])).isEqualTo(Float.floatToRawIntBits(-0f));
    assertThat(master[1]).isEqualTo(0x1p-24f / 1024f);
    assertThat(master[2]).isNaN();
    assertThat(master[3]).isEqualTo(-3f);
    assertThat(storage[3]).as("storage is left unchanged").isEqualTo(Half.fromFloat(-3072f));
  }

  @Test
  void fp16AndFp32BuffersShareOneIteration() {
    LossScaler scaler = new LossScaler();
    short[] halfGrads = Half.fromFloats(new float[] {0.25f * scaler.scale()});
    float[] master = new float[1];
    float[] fp32Grads = {Float.NaN};
    assertThat(scaler.unscaleHalf(halfGrads, master)).isTrue();
    assertThat(scaler.unscale(fp32Grads)).isFalse();
    assertThat(scaler.step(() -> {})).isFalse();
    assertThatThrownBy(() -> scaler.unscale(master))
        .as("the master buffer already holds unscaled gradients")
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void disabledScalerOnlyWidens() {
    LossScaler scaler = LossScaler.builder().enabled(false).build();
    short[] storage = Half.fromFloats(new float[] {1.5f, Float.POSITIVE_INFINITY});
    float[] out = new float[2];
    assertThat(scaler.unscaleHalf(storage, out)).isTrue();
    assertThat(out).containsExactly(1.5f, Float.POSITIVE_INFINITY);
  }

  @Test
  void badArguments() {
    LossScaler scaler = new LossScaler();
    assertThatThrownBy(() -> scaler.unscaleHalf(new short[2], new float[3]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("length 3, expected 2");
    assertThatThrownBy(() -> scaler.unscaleHalf(null, new float[0]))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> scaler.unscaleHalf(new short[0], null))
        .isInstanceOf(NullPointerException.class);
    short[] storage = new short[1];
    scaler.unscaleHalf(storage, new float[1]);
    assertThatThrownBy(() -> scaler.unscaleHalf(storage, new float[1]))
        .isInstanceOf(IllegalStateException.class);
  }
}
