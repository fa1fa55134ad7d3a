package dev.numguard.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class DemoTest {

  private static List<String> lines;

  @BeforeAll
  static void runDemo() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
      Demo.print(out);
    }
    lines = bytes.toString(StandardCharsets.UTF_8).lines().toList();
  }

  private static String row(String who, String how) {
    return lines.stream()
        .filter(line -> line.trim().startsWith(who) && line.contains(how))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no row " + who + " / " + how + " in\n" + lines));
  }

  private static String value(String who, String how) {
    String line = row(who, how);
    return line.substring(line.indexOf(how) + how.length()).trim();
  }

  @Test
  void softmaxNaiveIsNanAndGuardedIsExact() {
    assertThat(value("naive", "exp(x[i]) / sum(exp(x))")).isEqualTo("[NaN, NaN, NaN]");
    String guarded = value("runtime-guards", "StableMath.softmax(x)");
    double[] p =
        Arrays.stream(guarded.substring(1, guarded.length() - 1).split(", "))
            .mapToDouble(Double::parseDouble)
            .toArray();
    double[] exact = {0.09003057317038046, 0.24472847105479764, 0.6652409557748219};
    for (int i = 0; i < 3; i++) {
      assertThat(p[i]).isCloseTo(exact[i], offset(2 * Math.ulp(exact[i])));
    }
  }

  @Test
  void varianceNaiveCancelsAndGuardedIsExact() {
    assertThat(value("naive", "E[X^2] - E[X]^2")).isEqualTo("4.0");
    assertThat(value("runtime-guards", "Statistics.variance(x)")).isEqualTo("2.0");
  }

  @Test
  void logProbabilityUnderflowsOnlyForTheNaiveProduct() {
    assertThat(value("naive", "log(prod p), double, 300 tokens")).isEqualTo("-690.7755278982137");
    assertThat(value("naive", "log(prod p), float, 300 tokens")).isEqualTo("-Infinity");
    assertThat(value("naive", "log(prod p), double, 400 tokens")).isEqualTo("-Infinity");
    assertThat(Double.parseDouble(value("runtime-guards", "LogSpace.logProduct(p), 300 tokens")))
        .isCloseTo(-690.7755278982137, offset(1e-12));
    assertThat(Double.parseDouble(value("runtime-guards", "LogSpace.logProduct(p), 400 tokens")))
        .isCloseTo(-921.0340371976182, offset(1e-12));
  }

  @Test
  void fp16TableShowsRoundingAndTheRealOverflowThreshold() {
    assertThat(row("65505.0", "")).containsSubsequence("65505.0", "65504.0", "65504.0", "65536.0");
    assertThat(row("65520.0", "")).containsSubsequence("65520.0", "65504.0", "Infinity", "65536.0");
    assertThat(row("2051.0", "")).containsSubsequence("2051.0", "2050.0", "2052.0", "2048.0");
  }

  @Test
  void lossScalingRescuesTheTinyGradient() {
    assertThat(value("naive", "store the gradient as fp16")).isEqualTo("0.0");
    String guarded = value("runtime-guards", "LossScaler: scale 65536, unscale in fp32");
    float unscaled = Float.parseFloat(guarded.substring(0, guarded.indexOf(' ')));
    assertThat(Math.abs(unscaled - 5e-9) / 5e-9).isLessThanOrEqualTo(0x1p-11);
    assertThat(guarded).contains("finite true, step taken");
  }

  @Test
  void numAcc4IsParsedAndOnlyTheGuardedStandardDeviationIsRight() {
    double[] y = Demo.readNumAcc4();
    assertThat(y).hasSize(1001);
    assertThat(y[0]).isEqualTo(10000000.2);
    assertThat(y[1000]).isEqualTo(10000000.3);
    double guarded =
        Double.parseDouble(value("runtime-guards", "Statistics.sampleStandardDeviation(y)"));
    // The exact standard deviation of the parsed doubles, computed with BigDecimal.
    assertThat(guarded)
        .isCloseTo(0.10000000055879354, offset(4 * Math.ulp(0.1)));
    double naive = Double.parseDouble(value("naive", "sqrt((sum x^2 - (sum x)^2/n) / (n-1))"));
    assertThat(Double.isNaN(naive) || Math.abs(naive - 0.1) > 0.01).isTrue();
  }
}
