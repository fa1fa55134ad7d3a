package dev.numguard.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.apache.commons.math3.stat.StatUtils;
import org.apache.commons.statistics.descriptive.Variance;
import org.junit.jupiter.api.Test;
import smile.math.MathEx;

/**
 * The benchmarks compare like with like only if every contender computes the same thing on the
 * benchmark inputs: these tests check that the baselines and peers agree there.
 */
class BenchmarkInputsTest {

  @Test
  void inputsAreReproducible() {
    assertThat(BenchmarkInputs.logits(1000)).containsExactly(BenchmarkInputs.logits(1000));
    assertThat(BenchmarkInputs.logits(1000)).doesNotContain(BenchmarkInputs.measurements(1000)[0]);
  }

  @Test
  void logitsStayInTheRangeWhereTheNaiveFormulasAreCorrect() {
    double[] x = BenchmarkInputs.logits(1_000_000);
    double max = Double.NEGATIVE_INFINITY;
    for (double v : x) {
      max = Math.max(max, Math.abs(v));
    }
    assertThat(max).isLessThan(40); // exp stays finite even in float (overflow above 88.72)
  }

  @Test
  void naiveSoftmaxMatchesSmileOnTheBenchmarkLogits() {
    double[] x = BenchmarkInputs.logits(100_000);
    double[] naive = new double[x.length];
    TextbookFormulas.softmax(x, naive);
    double[] smile = x.clone();
    MathEx.softmax(smile);
    for (int i = 0; i < x.length; i++) {
      assertThat(naive[i]).isCloseTo(smile[i], within(1e-12 * smile[i] + 1e-300));
    }
  }

  @Test
  void naiveLogSumExpIsFiniteAndRight() {
    double[] x = BenchmarkInputs.logits(1000);
    double max = Double.NEGATIVE_INFINITY;
    for (double v : x) {
      max = Math.max(max, v);
    }
    double shifted = 0;
    for (double v : x) {
      shifted += Math.exp(v - max);
    }
    assertThat(TextbookFormulas.logSumExp(x)).isCloseTo(max + Math.log(shifted), within(1e-12));
    assertThat(TextbookFormulas.logSumExp(BenchmarkInputs.toFloats(x)))
        .isCloseTo((float) (max + Math.log(shifted)), within(1e-3f));
  }

  @Test
  void naiveVarianceMatchesThePeersOnTheBenchmarkMeasurements() {
    double[] x = BenchmarkInputs.measurements(1_000_000);
    double n = x.length;
    double population = StatUtils.populationVariance(x);
    assertThat(TextbookFormulas.variance(x)).isCloseTo(population, within(1e-9 * population));
    assertThat(StatUtils.variance(x) * (n - 1) / n).isCloseTo(population, within(1e-9 * population));
    assertThat(Variance.of(x).getAsDouble() * (n - 1) / n)
        .isCloseTo(population, within(1e-9 * population));
  }

  @Test
  void logProductBaselinesAgreeUntilTheNaiveProductUnderflows() {
    double[] p = BenchmarkInputs.probabilities(1000);
    double sumLog = StatUtils.sumLog(p);
    assertThat(sumLog).isLessThan(-500).isGreaterThan(-700); // a normal double (> e^-708)
    assertThat(TextbookFormulas.logOfProduct(p)).isCloseTo(sumLog, within(1e-9));
    assertThat(TextbookFormulas.logOfProduct(BenchmarkInputs.probabilities(100_000)))
        .isEqualTo(Double.NEGATIVE_INFINITY);
  }

  @Test
  void normalisationContendersAgreeOnTheBenchmarkInputs() {
    NormalisationBenchmark benchmark = new NormalisationBenchmark();
    benchmark.n = 1000;
    benchmark.setUp();
    double[] stableWeights = benchmark.relativeWeightsStable().clone();
    double[] naiveWeights = benchmark.relativeWeightsNaive().clone();
    double[] scaledRow = benchmark.rescaleStable().clone();
    double[] naiveRow = benchmark.rescaleNaive().clone();
    double[] commonsRow = benchmark.rescaleCommonsMath();
    for (int i = 0; i < naiveWeights.length; i++) {
      assertThat(stableWeights[i]).isCloseTo(naiveWeights[i], within(1e-12 * naiveWeights[i] + 1e-300));
      assertThat(scaledRow[i]).isCloseTo(naiveRow[i], within(1e-15));
      assertThat(commonsRow[i]).isCloseTo(naiveRow[i], within(1e-15));
    }
    assertThat(naiveRow[0]).isGreaterThan(0).isNotEqualTo(BenchmarkInputs.probabilities(1000)[0]);
  }
}
