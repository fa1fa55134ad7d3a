package dev.numguard.guards;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class LossScalerTest {

  /** One iteration whose gradients, scaled by the current scale, are {@code value}. */
  private static boolean iterate(LossScaler scaler, float value, AtomicInteger steps) {
    float[] grads = {value * scaler.scale(), 1f};
    boolean ran = scaler.step(steps::incrementAndGet, grads);
    scaler.update();
    return ran;
  }

  @Test
  void defaultsArePyTorchs() {
    LossScaler scaler = new LossScaler();
    assertThat(scaler.scale()).isEqualTo(65536f);
    assertThat(scaler.growthTracker()).isZero();
    assertThat(scaler.growthFactor()).isEqualTo(2.0);
    assertThat(scaler.backoffFactor()).isEqualTo(0.5);
    assertThat(scaler.growthInterval()).isEqualTo(2000);
    assertThat(scaler.isEnabled()).isTrue();
    assertThat(scaler.inverseScale()).isEqualTo(1f / 65536f);
    assertThat(LossScaler.builder().build().snapshot()).isEqualTo(scaler.snapshot());
  }

  @Test
  void scaleSequenceMatchesGradScaler65536To32768AndBackAfter2000CleanSteps() {
    LossScaler scaler = new LossScaler();
    AtomicInteger steps = new AtomicInteger();

    assertThat(iterate(scaler, Float.POSITIVE_INFINITY, steps)).isFalse();
    assertThat(scaler.scale()).isEqualTo(32768f);
    assertThat(scaler.growthTracker()).isZero();
    assertThat(steps.get()).isZero();

    for (int i = 1; i <= 1999; i++) {
      assertThat(iterate(scaler, 0.25f, steps)).isTrue();
      assertThat(scaler.growthTracker()).isEqualTo(i);
      assertThat(scaler.scale()).isEqualTo(32768f);
    }
    assertThat(iterate(scaler, 0.25f, steps)).isTrue();
    assertThat(scaler.scale()).isEqualTo(65536f);
    assertThat(scaler.growthTracker()).isZero();
    assertThat(steps.get()).isEqualTo(2000);

    // Another 2000 clean steps double it again.
    for (int i = 0; i < 2000; i++) {
      iterate(scaler, 0.25f, steps);
    }
    assertThat(scaler.scale()).isEqualTo(131072f);
  }

  @Test
  void overflowResetsTheGrowthTracker() {
    LossScaler scaler = new LossScaler();
    AtomicInteger steps = new AtomicInteger();
    for (int i = 0; i < 1500; i++) {
      iterate(scaler, 1f, steps);
    }
    assertThat(scaler.growthTracker()).isEqualTo(1500);
    iterate(scaler, Float.NaN, steps);
    assertThat(scaler.scale()).isEqualTo(32768f);
    assertThat(scaler.growthTracker()).isZero();
    for (int i = 0; i < 1999; i++) {
      iterate(scaler, 1f, steps);
    }
    assertThat(scaler.scale()).as("the count starts again after an overflow").isEqualTo(32768f);
    iterate(scaler, 1f, steps);
    assertThat(scaler.scale()).isEqualTo(65536f);
  }

  @Test
  void nanPositiveAndNegativeInfinityAllSkipTheStep() {
    for (float bad : new float[] {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY}) {
      LossScaler scaler = new LossScaler();
      float[] grads = {1f, bad, 2f};
      AtomicInteger steps = new AtomicInteger();
      assertThat(scaler.unscale(grads)).isFalse();
      assertThat(scaler.foundNonFinite()).isTrue();
      assertThat(scaler.step(steps::incrementAndGet)).isFalse();
      assertThat(steps.get()).isZero();
      // Every element is still multiplied, as in PyTorch.
      assertThat(grads[0]).isEqualTo(1f / 65536f);
      assertThat(grads[2]).isEqualTo(2f / 65536f);
      assertThat(Float.isFinite(grads[1])).isFalse();
      scaler.update();
      assertThat(scaler.scale()).isEqualTo(32768f);
      assertThat(scaler.foundNonFinite()).isFalse();
    }
  }

  @Test
  void anyNonFiniteBufferSkipsTheStepForAll() {
    LossScaler scaler = new LossScaler();
    float[] weights = {65536f, -131072f};
    float[] bias = {3f, Float.POSITIVE_INFINITY};
    float[] other = {0f, -0f};
    assertThat(scaler.unscale(weights)).isTrue();
    assertThat(scaler.unscale(bias, other)).isFalse();
    assertThat(weights).containsExactly(1f, -2f);
    assertThat(other[1]).isEqualTo(-0f);
    assertThat(Float.floatToRawIntBits(other[1])).isEqualTo(Float.floatToRawIntBits(-0f));
    AtomicInteger steps = new AtomicInteger();
    assertThat(scaler.step(steps::incrementAndGet)).isFalse();
    assertThat(steps.get()).isZero();
  }

  @Test
  void unscaleMultipliesByTheFp32ReciprocalComputedInDouble() {
    LossScaler scaler = LossScaler.builder().initScale(3).build();
    assertThat(scaler.inverseScale()).isEqualTo((float) (1.0 / 3.0)).isEqualTo(0.33333334f);
    float[] grads = {5.55f};
    scaler.unscale(grads);
    // Multiplying by the rounded reciprocal, not dividing by 3: 5.55f / 3f would give 1.85f.
    assertThat(grads[0]).isEqualTo(1.8500001f).isNotEqualTo(5.55f / 3f);
  }

  @Test
  void newScalesAreComputedInDoubleAndRoundedToFp32() {
    // (float) (9.0 * 0.1) = 0.9f, whereas 9f * (float) 0.1 = 0.90000004f.
    LossScaler scaler = LossScaler.builder().initScale(9).backoffFactor(0.1).build();
    scaler.unscale(new float[] {Float.NaN});
    scaler.update();
    assertThat(scaler.scale()).isEqualTo(0.9f).isNotEqualTo(9f * (float) 0.1);
  }

  @Test
  void customFactorsAndInterval() {
    LossScaler scaler =
        LossScaler.builder()
            .initScale(1024)
            .growthFactor(3)
            .backoffFactor(0.25)
            .growthInterval(2)
            .build();
    AtomicInteger steps = new AtomicInteger();
    iterate(scaler, 1f, steps);
    assertThat(scaler.scale()).isEqualTo(1024f);
    assertThat(scaler.growthTracker()).isEqualTo(1);
    iterate(scaler, 1f, steps);
    assertThat(scaler.scale()).isEqualTo(3072f);
    iterate(scaler, Float.NaN, steps);
    assertThat(scaler.scale()).isEqualTo(768f);
    iterate(scaler, 1f, steps);
    iterate(scaler, 1f, steps);
    assertThat(scaler.scale()).isEqualTo(2304f);
    assertThat(steps.get()).isEqualTo(4);
  }

  @Test
  void scaleNeverGrowsToInfinity() {
    float top = Math.scalb(1f, 127);
    LossScaler scaler = LossScaler.builder().initScale(top).growthInterval(1).build();
    scaler.unscale(new float[] {1f});
    scaler.update();
    assertThat(scaler.scale()).isEqualTo(top);
    assertThat(scaler.growthTracker()).isZero();
  }

  @Test
  void scaleBacksOffThroughSubnormalsToZeroLikePyTorch() {
    LossScaler scaler = new LossScaler();
    for (int i = 0; i < 165; i++) {
      scaler.unscale(new float[] {Float.NaN});
      scaler.update();
    }
    assertThat(scaler.scale()).isEqualTo(Float.MIN_VALUE); // 2^16 * 2^-165 = 2^-149
    scaler.unscale(new float[] {Float.NaN});
    scaler.update();
    assertThat(scaler.scale()).isZero();
    assertThat(scaler.inverseScale()).isEqualTo(Float.POSITIVE_INFINITY);
    // 0 * Infinity is NaN: stuck for good, which is why a run that overflows forever must stop.
    float[] grads = {0f};
    assertThat(scaler.unscale(grads)).isTrue();
    assertThat(grads[0]).isNaN();
    assertThat(scaler.snapshot().scale()).isZero();
  }

  @Test
  void scaleLoss() {
    LossScaler scaler = new LossScaler();
    assertThat(scaler.scaleLoss(0.5f)).isEqualTo(32768f);
    assertThat(scaler.scaleLoss(1e-3)).isEqualTo(1e-3 * 65536.0);
    assertThat(scaler.scaleLoss(Float.NaN)).isNaN();
    assertThat(scaler.scaleLoss(Float.MAX_VALUE)).isEqualTo(Float.POSITIVE_INFINITY);
    assertThat(scaler.scaleLoss(-0f)).isEqualTo(-0f);
  }

  @Test
  void disabledScalerPassesEverythingThrough() {
    LossScaler scaler = LossScaler.builder().enabled(false).build();
    assertThat(scaler.isEnabled()).isFalse();
    assertThat(scaler.scaleLoss(2.5f)).isEqualTo(2.5f);
    assertThat(scaler.scaleLoss(2.5)).isEqualTo(2.5);
    assertThat(scaler.inverseScale()).isEqualTo(1f);
    float[] grads = {Float.NaN, 3f};
    assertThat(scaler.unscale(grads)).isTrue();
    assertThat(grads[1]).isEqualTo(3f);
    AtomicInteger steps = new AtomicInteger();
    assertThat(scaler.step(steps::incrementAndGet, grads)).isTrue();
    assertThat(scaler.step(steps::incrementAndGet)).isTrue();
    scaler.update();
    scaler.update(5);
    assertThat(steps.get()).isEqualTo(2);
    assertThat(scaler.scale()).isEqualTo(65536f);
  }

  @Test
  void manualUpdateSetsTheScaleAndKeepsTheTracker() {
    LossScaler scaler = new LossScaler();
    AtomicInteger steps = new AtomicInteger();
    for (int i = 0; i < 7; i++) {
      iterate(scaler, 1f, steps);
    }
    scaler.unscale(new float[] {Float.NaN});
    scaler.update(1024);
    assertThat(scaler.scale()).isEqualTo(1024f);
    assertThat(scaler.growthTracker()).isEqualTo(7);
    assertThat(scaler.foundNonFinite()).isFalse();
    assertThatThrownBy(() -> scaler.update(0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> scaler.update(1e39)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> scaler.update(Double.NaN))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void snapshotAndRestoreResumeTheExactSequence() {
    LossScaler original =
        LossScaler.builder().initScale(512).growthInterval(5).backoffFactor(0.25).build();
    SplittableRandom overflow = new SplittableRandom(11);
    AtomicInteger steps = new AtomicInteger();
    for (int i = 0; i < 37; i++) {
      iterate(original, overflow.nextInt(6) == 0 ? Float.NaN : 1f, steps);
    }
    LossScaler.State saved = original.snapshot();
    assertThat(saved.growthInterval()).isEqualTo(5);
    assertThat(saved.backoffFactor()).isEqualTo(0.25);

    LossScaler resumed = new LossScaler();
    resumed.unscale(new float[] {1f}); // an iteration in progress is discarded by restore
    resumed.restore(saved);
    assertThat(resumed.snapshot()).isEqualTo(saved);
    assertThat(resumed.foundNonFinite()).isFalse();
    for (int i = 0; i < 200; i++) {
      float value = overflow.nextInt(6) == 0 ? Float.POSITIVE_INFINITY : 1f;
      boolean a = iterate(original, value, steps);
      boolean b = iterate(resumed, value, steps);
      assertThat(b).isEqualTo(a);
      assertThat(resumed.snapshot()).isEqualTo(original.snapshot());
    }
  }

  @Test
  void stateIsValidated() {
    assertThatThrownBy(() -> new LossScaler.State(-1f, 2, 0.5, 2000, 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new LossScaler.State(Float.NaN, 2, 0.5, 2000, 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new LossScaler.State(1f, 1, 0.5, 2000, 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new LossScaler.State(1f, 2, 1, 2000, 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new LossScaler.State(1f, 2, 0, 2000, 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new LossScaler.State(1f, 2, 0.5, 0, 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new LossScaler.State(1f, 2, 0.5, 2000, 2000))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("growthTracker");
    assertThatThrownBy(() -> new LossScaler.State(1f, 2, 0.5, 2000, -1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new LossScaler().restore(null))
        .isInstanceOf(NullPointerException.class);
  }

  @Test
  void builderRejectsBadSettings() {
    assertThatThrownBy(() -> LossScaler.builder().initScale(0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> LossScaler.builder().initScale(1e40))
        .as("overflows fp32")
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> LossScaler.builder().initScale(1e-50))
        .as("underflows fp32 to 0")
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> LossScaler.builder().initScale(Double.NaN))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> LossScaler.builder().growthFactor(1.0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> LossScaler.builder().growthFactor(Double.POSITIVE_INFINITY))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> LossScaler.builder().backoffFactor(1.0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> LossScaler.builder().backoffFactor(Double.NaN))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> LossScaler.builder().growthInterval(0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(LossScaler.builder().initScale(0.1).build().scale()).isEqualTo(0.1f);
  }

  @Test
  void misuseIsRejected() {
    LossScaler scaler = new LossScaler();
    float[] grads = {65536f};
    assertThatThrownBy(() -> scaler.step(() -> {}))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("unscale");
    assertThatThrownBy(scaler::update).isInstanceOf(IllegalStateException.class);

    float[] same = {65536f};
    assertThatThrownBy(() -> scaler.unscale(same, same)).isInstanceOf(IllegalStateException.class);
    assertThat(same).as("nothing was unscaled").containsExactly(65536f);

    scaler.unscale(grads);
    assertThatThrownBy(() -> scaler.unscale(grads))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("twice");
    assertThat(grads).containsExactly(1f);

    assertThat(scaler.step(() -> {}, grads)).as("already unscaled: not divided again").isTrue();
    assertThat(grads).containsExactly(1f);
    assertThatThrownBy(() -> scaler.step(() -> {}))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("already been called");
    assertThatThrownBy(() -> scaler.unscale(new float[] {1f}))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("after step");
    assertThatThrownBy(() -> scaler.unscale((float[]) null))
        .isInstanceOf(NullPointerException.class);
    scaler.update();
    assertThat(scaler.unscale(grads)).as("a new iteration may unscale the buffer again").isTrue();
  }
}
