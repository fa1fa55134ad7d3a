package dev.numguard.guards;

import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Objects;
import java.util.Set;

/**
 * Dynamic loss scaling for mixed-precision training, with the semantics and defaults of PyTorch's
 * {@code torch.amp.GradScaler}.
 *
 * <p>Gradients smaller than fp16's smallest subnormal (2<sup>-24</sup> ≈ 5.96e-8) are lost when a
 * backward pass stores them in fp16. Multiplying the loss by a large scale before the backward pass
 * multiplies every gradient by the same factor and lifts them into fp16's range; the gradients are
 * divided by the scale again (in fp32) before the optimizer uses them. When the scale is so large
 * that a gradient overflows, the step is skipped and the scale is reduced.
 *
 * <p>One training iteration:
 *
 * <pre>{@code
 * float scaledLoss = scaler.scaleLoss(loss);     // backward pass with scaledLoss
 * scaler.unscale(gradients);                     // optional: to clip or inspect real gradients
 * boolean stepped = scaler.step(optimizer::step, gradients); // unscales what is still scaled;
 *                                                            // skips the update on Inf/NaN
 * scaler.update();                               // back off or grow the scale
 * }</pre>
 *
 * <p>Semantics, as in PyTorch:
 *
 * <ul>
 *   <li>The scale is an fp32 value; it starts at {@code initScale} (default 2<sup>16</sup>).
 *   <li>Unscaling multiplies every gradient element, in fp32, by {@code inverseScale() =
 *       (float) (1.0 / (double) scale)} (PyTorch computes {@code
 *       scale.double().reciprocal().float()}). Non-finite elements are multiplied too, and mark the
 *       iteration as overflowed.
 *   <li>{@link #step} runs the optimizer step only if no unscaled gradient of this iteration was
 *       non-finite.
 *   <li>{@link #update()}: after an overflowed iteration, {@code scale = (float) (scale *
 *       backoffFactor)} and the growth tracker resets to 0. Otherwise the tracker counts the clean
 *       iteration; when it reaches {@code growthInterval} (default 2000), {@code scale = (float)
 *       (scale * growthFactor)} unless that product is not finite in fp32 (the scale never grows to
 *       Infinity), and the tracker resets to 0.
 *   <li>The scale has no lower bound (as in PyTorch): gradients that are non-finite in every
 *       iteration halve it about 150 times down to 0, after which nothing can recover.
 * </ul>
 *
 * <p>Gradients may live in fp32 buffers ({@link #unscale(float[]...)}, in place) or in fp16 storage
 * ({@link #unscaleHalf(short[], float[])}, into fp32 buffers).
 *
 * <p>Where PyTorch tracks unscaling per optimizer, this class tracks it per gradient buffer: a buffer
 * may be unscaled once per iteration (unscaling it twice would divide it twice), and the step is
 * skipped when any buffer unscaled in this iteration held a non-finite value.
 *
 * <p>A disabled scaler ({@link Builder#enabled(boolean) enabled(false)}) leaves losses and gradients
 * untouched, always runs the step and never changes its scale, so one code path serves fp32 and
 * mixed-precision runs.
 *
 * <p>Not thread-safe: use one scaler per training loop.
 */
public final class LossScaler {

  /** PyTorch's default initial scale, 2<sup>16</sup>. */
  public static final float DEFAULT_INIT_SCALE = 65536f;
  /** PyTorch's default growth factor. */
  public static final double DEFAULT_GROWTH_FACTOR = 2.0;
  /** PyTorch's default backoff factor. */
  public static final double DEFAULT_BACKOFF_FACTOR = 0.5;
  /** PyTorch's default number of consecutive clean iterations before the scale grows. */
  public static final int DEFAULT_GROWTH_INTERVAL = 2000;

  /**
   * Everything a checkpoint must hold to resume scaling exactly where it stopped, like {@code
   * GradScaler.state_dict()}: the scale, the three settings and the growth tracker.
   *
   * <p>Components:
   * <br>{@code scale}: the current scale; finite and at least 0 (backing off can only reach 0 by
   *     fp32 underflow, after about 165 consecutive overflowed iterations)
   * <br>{@code growthFactor}: greater than 1 and finite
   * <br>{@code backoffFactor}: greater than 0 and less than 1
   * <br>{@code growthInterval}: greater than 0
   * <br>{@code growthTracker}: consecutive clean iterations since the scale last changed; from 0 to
   *     {@code growthInterval - 1}
   */
  public static final class State {
    private final float scale;
    private final double growthFactor;
    private final double backoffFactor;
    private final int growthInterval;
    private final int growthTracker;

    /**
     * Validates the state.
     *
     * @throws IllegalArgumentException if a value is out of range
     */
    public State(
        float scale,
        double growthFactor,
        double backoffFactor,
        int growthInterval,
        int growthTracker) {
      if (!(scale >= 0) || !Float.isFinite(scale)) {
        throw new IllegalArgumentException("scale must be >= 0 and finite, got " + scale);
      }
      requireGrowthFactor(growthFactor);
      requireBackoffFactor(backoffFactor);
      requireGrowthInterval(growthInterval);
      if (growthTracker < 0 || growthTracker >= growthInterval) {
        throw new IllegalArgumentException(
            "growthTracker must be in [0, growthInterval) = [0, "
                + growthInterval
                + "), got "
                + growthTracker);
      }
      this.scale = scale;
      this.growthFactor = growthFactor;
      this.backoffFactor = backoffFactor;
      this.growthInterval = growthInterval;
      this.growthTracker = growthTracker;
    }

    /** The current scale. */
    public float scale() {
      return scale;
    }

    /** The factor the scale grows by. */
    public double growthFactor() {
      return growthFactor;
    }

    /** The factor the scale backs off by. */
    public double backoffFactor() {
      return backoffFactor;
    }

    /** Clean iterations between growths. */
    public int growthInterval() {
      return growthInterval;
    }

    /** Consecutive clean iterations since the scale last changed. */
    public int growthTracker() {
      return growthTracker;
    }

    @Override
    public boolean equals(Object other) {
      if (!(other instanceof State)) {
        return false;
      }
      State o = (State) other;
      return Float.compare(scale, o.scale) == 0
          && Double.compare(growthFactor, o.growthFactor) == 0
          && Double.compare(backoffFactor, o.backoffFactor) == 0
          && growthInterval == o.growthInterval
          && growthTracker == o.growthTracker;
    }

    @Override
    public int hashCode() {
      return Objects.hash(scale, growthFactor, backoffFactor, growthInterval, growthTracker);
    }

    @Override
    public String toString() {
      return "State[scale=" + scale + ", growthFactor=" + growthFactor + ", backoffFactor="
          + backoffFactor + ", growthInterval=" + growthInterval + ", growthTracker="
          + growthTracker + "]";
    }
  }

  /** Settings for a {@link LossScaler}; every setting defaults to PyTorch's. */
  public static final class Builder {
    private float initScale = DEFAULT_INIT_SCALE;
    private double growthFactor = DEFAULT_GROWTH_FACTOR;
    private double backoffFactor = DEFAULT_BACKOFF_FACTOR;
    private int growthInterval = DEFAULT_GROWTH_INTERVAL;
    private boolean enabled = true;

    private Builder() {}

    /**
     * The initial scale, rounded to fp32 as PyTorch stores it.
     *
     * @throws IllegalArgumentException unless it is greater than 0 and finite in fp32
     */
    public Builder initScale(double scale) {
      float rounded = (float) scale;
      requireScale(rounded);
      this.initScale = rounded;
      return this;
    }

    /**
     * The factor the scale grows by after {@code growthInterval} clean iterations.
     *
     * @throws IllegalArgumentException unless it is greater than 1 and finite
     */
    public Builder growthFactor(double factor) {
      requireGrowthFactor(factor);
      this.growthFactor = factor;
      return this;
    }

    /**
     * The factor the scale shrinks by after an overflowed iteration.
     *
     * @throws IllegalArgumentException unless it is greater than 0 and less than 1
     */
    public Builder backoffFactor(double factor) {
      requireBackoffFactor(factor);
      this.backoffFactor = factor;
      return this;
    }

    /**
     * How many consecutive clean iterations make the scale grow.
     *
     * @throws IllegalArgumentException unless it is greater than 0
     */
    public Builder growthInterval(int interval) {
      requireGrowthInterval(interval);
      this.growthInterval = interval;
      return this;
    }

    /** Whether scaling is on; a disabled scaler passes everything through unchanged. */
    public Builder enabled(boolean on) {
      this.enabled = on;
      return this;
    }

    /** A new scaler with these settings. */
    public LossScaler build() {
      return new LossScaler(
          new State(initScale, growthFactor, backoffFactor, growthInterval, 0), enabled);
    }
  }

  private final boolean enabled;
  private float scale;
  private double growthFactor;
  private double backoffFactor;
  private int growthInterval;
  private int growthTracker;

  // Per-iteration state, cleared by update().
  private final Set<Object> unscaledBuffers = Collections.newSetFromMap(new IdentityHashMap<>());
  private boolean infChecked;
  private boolean foundNonFinite;
  private boolean stepped;

  /** A scaler with PyTorch's defaults: scale 65536, growth ×2 every 2000 clean steps, backoff ×0.5. */
  public LossScaler() {
    this(
        new State(
            DEFAULT_INIT_SCALE,
            DEFAULT_GROWTH_FACTOR,
            DEFAULT_BACKOFF_FACTOR,
            DEFAULT_GROWTH_INTERVAL,
            0),
        true);
  }

  private LossScaler(State state, boolean enabled) {
    this.enabled = enabled;
    apply(state);
  }

  /** Settings starting from PyTorch's defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** Whether this scaler scales at all. */
  public boolean isEnabled() {
    return enabled;
  }

  /** The current scale (fp32). */
  public float scale() {
    return scale;
  }

  /**
   * The factor unscaling multiplies by: {@code (float) (1.0 / (double) scale())}, as PyTorch
   * computes it. (Because 53 ≥ 2·24 + 2, this double-then-float rounding equals the correctly
   * rounded fp32 reciprocal.) 1 for a disabled scaler.
   */
  public float inverseScale() {
    return enabled ? (float) (1.0 / (double) scale) : 1f;
  }

  /** Consecutive clean iterations since the scale last changed. */
  public int growthTracker() {
    return growthTracker;
  }

  /** The growth factor. */
  public double growthFactor() {
    return growthFactor;
  }

  /** The backoff factor. */
  public double backoffFactor() {
    return backoffFactor;
  }

  /** The growth interval. */
  public int growthInterval() {
    return growthInterval;
  }

  /**
   * Whether a gradient unscaled since the last {@link #update()} was non-finite, meaning this
   * iteration's step is (or will be) skipped.
   */
  public boolean foundNonFinite() {
    return foundNonFinite;
  }

  /**
   * The loss to run the backward pass on: {@code loss * scale()} in fp32; {@code loss} itself when
   * disabled. NaN and infinite losses stay NaN and infinite (and their gradients then skip the
   * step).
   */
  public float scaleLoss(float loss) {
    return enabled ? loss * scale : loss;
  }

  /** The loss to run the backward pass on: {@code loss * scale()} in double; {@code loss} when disabled. */
  public double scaleLoss(double loss) {
    return enabled ? loss * (double) scale : loss;
  }

  /**
   * Divides the gradients by the scale in place (multiplies each element by {@link
   * #inverseScale()} in fp32) and checks them for Inf and NaN. A non-finite element marks the
   * iteration as overflowed, so its {@link #step} is skipped; the element is still multiplied, as
   * in PyTorch. A disabled scaler leaves the buffers untouched and returns {@code true}.
   *
   * @param gradients the fp32 gradient buffers, each holding the scaled gradients
   * @return whether every element of these buffers was finite
   * @throws NullPointerException if a buffer is null
   * @throws IllegalStateException if a buffer was already unscaled since the last {@link #update()}
   *     (it would be divided twice), is passed twice, or the step of this iteration already ran
   */
  public boolean unscale(float[]... gradients) {
    Objects.requireNonNull(gradients, "gradients");
    if (!enabled) {
      return true;
    }
    claim((Object[]) gradients);
    float inverse = inverseScale();
    boolean allFinite = true;
    for (float[] buffer : gradients) {
      for (int i = 0; i < buffer.length; i++) {
        float value = buffer[i];
        if (!Float.isFinite(value)) {
          allFinite = false;
        }
        buffer[i] = value * inverse;
      }
    }
    return record(allFinite);
  }

  /**
   * Unscales gradients that the backward pass stored in fp16 (binary16 bit patterns, see {@link
   * Half}) into fp32 buffers, checking them for Inf and NaN: {@code out[i] =
   * Half.toFloat(scaledHalfGradients[i]) * inverseScale()} in fp32. This is the fp16-model-gradient
   * to fp32-master-gradient step of mixed-precision training.
   *
   * <p>The result is fp32 on purpose: written back to fp16, the small gradients the scale rescued
   * would underflow again (a gradient of 5e-9 is below fp16's smallest subnormal, 5.96e-8), which is
   * why PyTorch also refuses to unscale fp16 gradients in place. A disabled scaler only widens the
   * values to fp32 and returns {@code true}.
   *
   * @param scaledHalfGradients the scaled gradients as binary16 bit patterns; left unchanged
   * @param out receives the unscaled fp32 gradients; the same length
   * @return whether every element was finite (an fp16 gradient that overflowed is ±Infinity)
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if the lengths differ
   * @throws IllegalStateException if either buffer was already unscaled since the last {@link
   *     #update()}, or the step of this iteration already ran
   */
  public boolean unscaleHalf(short[] scaledHalfGradients, float[] out) {
    Objects.requireNonNull(scaledHalfGradients, "scaledHalfGradients");
    Objects.requireNonNull(out, "out");
    if (scaledHalfGradients.length != out.length) {
      throw new IllegalArgumentException(
          "out has length " + out.length + ", expected " + scaledHalfGradients.length);
    }
    if (!enabled) {
      Half.toFloats(scaledHalfGradients, out);
      return true;
    }
    claim(scaledHalfGradients, out);
    float inverse = inverseScale();
    boolean allFinite = true;
    for (int i = 0; i < out.length; i++) {
      float value = Half.toFloat(scaledHalfGradients[i]);
      if (!Float.isFinite(value)) {
        allFinite = false;
      }
      out[i] = value * inverse;
    }
    return record(allFinite);
  }

  /**
   * Runs the optimizer step unless this iteration overflowed, like {@code GradScaler.step}. The
   * gradients must have been unscaled with {@link #unscale} first; {@link #step(Runnable,
   * float[]...)} does that for you.
   *
   * @param optimizerStep the parameter update; it runs at most once
   * @return whether the step ran
   * @throws NullPointerException if {@code optimizerStep} is null
   * @throws IllegalStateException if no gradient was unscaled since the last {@link #update()}, or
   *     the step already ran in this iteration
   */
  public boolean step(Runnable optimizerStep) {
    Objects.requireNonNull(optimizerStep, "optimizerStep");
    if (!enabled) {
      optimizerStep.run();
      return true;
    }
    if (stepped) {
      throw new IllegalStateException("step() has already been called since the last update()");
    }
    if (!infChecked) {
      throw new IllegalStateException(
          "no gradients were unscaled since the last update(): call unscale(...) first, or pass the"
              + " gradients to step(optimizerStep, gradients...)");
    }
    stepped = true;
    if (foundNonFinite) {
      return false;
    }
    optimizerStep.run();
    return true;
  }

  /**
   * Unscales whichever of {@code gradients} were not yet unscaled in this iteration, then runs the
   * optimizer step unless any unscaled gradient was non-finite.
   *
   * @param optimizerStep the parameter update
   * @param gradients the fp32 gradient buffers the step uses
   * @return whether the step ran
   * @throws NullPointerException if an argument or buffer is null
   * @throws IllegalStateException if the step already ran in this iteration
   */
  public boolean step(Runnable optimizerStep, float[]... gradients) {
    Objects.requireNonNull(optimizerStep, "optimizerStep");
    Objects.requireNonNull(gradients, "gradients");
    if (enabled && !stepped) {
      float[][] pending =
          Arrays.stream(gradients)
              .map(buffer -> Objects.requireNonNull(buffer, "gradient buffer"))
              .filter(buffer -> !unscaledBuffers.contains(buffer))
              .toArray(float[][]::new);
      unscale(pending);
    }
    return step(optimizerStep);
  }

  /**
   * Ends the iteration and adjusts the scale, like {@code GradScaler.update()}: backs off after an
   * overflow, grows after {@code growthInterval} clean iterations (see the class comment). Does
   * nothing when disabled.
   *
   * @throws IllegalStateException if no gradient was unscaled since the last update (PyTorch: "No
   *     inf checks were recorded prior to update.")
   */
  public void update() {
    if (!enabled) {
      return;
    }
    if (!infChecked) {
      throw new IllegalStateException("no gradients were unscaled (checked for Inf/NaN) before update()");
    }
    if (foundNonFinite) {
      scale = (float) (scale * backoffFactor);
      growthTracker = 0;
    } else {
      int successful = growthTracker + 1;
      if (successful == growthInterval) {
        float grown = (float) (scale * growthFactor);
        if (Float.isFinite(grown)) {
          scale = grown;
        }
        growthTracker = 0;
      } else {
        growthTracker = successful;
      }
    }
    resetIteration();
  }

  /**
   * Ends the iteration and sets the scale by hand, like {@code GradScaler.update(new_scale)}: the
   * growth tracker is left as it is. Does nothing when disabled.
   *
   * @param newScale the new scale, rounded to fp32
   * @throws IllegalArgumentException unless it is greater than 0 and finite in fp32
   */
  public void update(double newScale) {
    if (!enabled) {
      return;
    }
    float rounded = (float) newScale;
    requireScale(rounded);
    scale = rounded;
    resetIteration();
  }

  /** The state to save in a checkpoint, like {@code GradScaler.state_dict()}. */
  public State snapshot() {
    return new State(scale, growthFactor, backoffFactor, growthInterval, growthTracker);
  }

  /**
   * Resumes from a saved state, like {@code GradScaler.load_state_dict()}: the scale, settings and
   * growth tracker all come from {@code state}, and the current iteration starts afresh (nothing
   * unscaled, no step taken).
   *
   * @param state a state from {@link #snapshot()}
   * @throws NullPointerException if {@code state} is null
   */
  public void restore(State state) {
    apply(Objects.requireNonNull(state, "state"));
    resetIteration();
  }

  @Override
  public String toString() {
    return "LossScaler[scale="
        + scale
        + ", growthTracker="
        + growthTracker
        + ", growthFactor="
        + growthFactor
        + ", backoffFactor="
        + backoffFactor
        + ", growthInterval="
        + growthInterval
        + (enabled ? "" : ", disabled")
        + "]";
  }

  private void apply(State state) {
    scale = state.scale();
    growthFactor = state.growthFactor();
    backoffFactor = state.backoffFactor();
    growthInterval = state.growthInterval();
    growthTracker = state.growthTracker();
  }

  /** Registers buffers as unscaled in this iteration, all or none. */
  private void claim(Object... buffers) {
    for (Object buffer : buffers) {
      Objects.requireNonNull(buffer, "gradient buffer");
    }
    if (stepped) {
      throw new IllegalStateException("unscale() is being called after step() in this iteration");
    }
    Set<Object> claimed = Collections.newSetFromMap(new IdentityHashMap<>());
    for (Object buffer : buffers) {
      if (unscaledBuffers.contains(buffer) || !claimed.add(buffer)) {
        throw new IllegalStateException(
            "a gradient buffer was already unscaled since the last update(); unscaling it again"
                + " would divide it by the scale twice");
      }
    }
    unscaledBuffers.addAll(claimed);
  }

  private boolean record(boolean allFinite) {
    infChecked = true;
    if (!allFinite) {
      foundNonFinite = true;
    }
    return allFinite;
  }

  private void resetIteration() {
    unscaledBuffers.clear();
    infChecked = false;
    foundNonFinite = false;
    stepped = false;
  }

  private static void requireScale(float scale) {
    if (!(scale > 0) || !Float.isFinite(scale)) {
      throw new IllegalArgumentException("scale must be > 0 and finite in fp32, got " + scale);
    }
  }

  private static void requireGrowthFactor(double factor) {
    if (!(factor > 1) || !Double.isFinite(factor)) {
      throw new IllegalArgumentException("growthFactor must be > 1 and finite, got " + factor);
    }
  }

  private static void requireBackoffFactor(double factor) {
    if (!(factor > 0 && factor < 1)) {
      throw new IllegalArgumentException("backoffFactor must be in (0, 1), got " + factor);
    }
  }

  private static void requireGrowthInterval(int interval) {
    if (interval <= 0) {
      throw new IllegalArgumentException("growthInterval must be > 0, got " + interval);
    }
  }
}
