package dev.numguard.benchmarks;

import dev.numguard.guards.Seeds;
import java.util.SplittableRandom;

/**
 * Seeded benchmark inputs, the same in every run and fork: each kind of input is drawn from its own
 * named stream of {@link Seeds}, so adding a benchmark does not change the data of another.
 */
final class BenchmarkInputs {

  /** The seed of every benchmark input; recorded in docs/benchmarks.md. */
  static final long SEED = 20_261_128L;

  private static final Seeds SEEDS = Seeds.of(SEED);

  private BenchmarkInputs() {}

  /**
   * Logits as a classifier or language model emits them: normal with standard deviation 4, so most
   * lie within ±12 and the naive formulas neither overflow nor underflow.
   */
  static double[] logits(int n) {
    SplittableRandom random = SEEDS.generator("logits/" + n);
    double[] x = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = 4 * random.nextGaussian();
    }
    return x;
  }

  /** Measurements around 100 with standard deviation 15 (benign for the naive variance). */
  static double[] measurements(int n) {
    SplittableRandom random = SEEDS.generator("measurements/" + n);
    double[] x = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = 100 + 15 * random.nextGaussian();
    }
    return x;
  }

  /**
   * Token probabilities, uniform in [0.2, 1): a mean log of -0.60, so the naive double product of
   * 1000 of them (about e^-600) is still right, while 10^5 of them underflow to 0 (after a few dozen
   * subnormal steps). With no factor below 0.5 the product would instead stick at the smallest
   * subnormal, because 2^-1074 * p rounds back to 2^-1074 for p > 0.5, and every later multiply
   * would take the slow subnormal path.
   */
  static double[] probabilities(int n) {
    SplittableRandom random = SEEDS.generator("probabilities/" + n);
    double[] x = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = random.nextDouble(0.2, 1.0);
    }
    return x;
  }

  /** The values rounded to float. */
  static float[] toFloats(double[] values) {
    float[] out = new float[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = (float) values[i];
    }
    return out;
  }
}
