package dev.numguard.examples;

import dev.numguard.guards.BFloat16;
import dev.numguard.guards.Half;
import dev.numguard.guards.LogSpace;
import dev.numguard.guards.LossScaler;
import dev.numguard.guards.StableMath;
import dev.numguard.guards.Statistics;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Prints, side by side, what the naive textbook formula and runtime-guards give on the classic
 * numerical failures. Run it with the README's main command.
 *
 * <p>The naive versions are written here, next to the output they produce, so the demo reads on
 * its own; the naive code base that numguard analyses lives in the other packages of this module.
 * They are wrong on purpose, so numguard is told to leave this class alone.
 */
@SuppressWarnings("numguard")
public final class Demo {

  private static final String NUMACC4 = "/NumAcc4.txt";
  private static final int LABEL_WIDTH = 18;
  private static final int HOW_WIDTH = 42;

  private final PrintStream out;

  private Demo(PrintStream out) {
    this.out = out;
  }

  /**
   * Runs the demo.
   *
   * @param args ignored
   */
  public static void main(String[] args) {
    print(System.out);
  }

  /** Writes the whole demo to {@code out}. */
  static void print(PrintStream out) {
    new Demo(out).run();
  }

  private void run() {
    out.println("numguard demo: the naive formula vs runtime-guards on the classic failures");
    softmax();
    variance();
    logProbability();
    fp16Storage();
    lossScaling();
    numAcc4();
  }

  // ---- 1. softmax ------------------------------------------------------------------------------

  private void softmax() {
    double[] logits = {1000, 1001, 1002};
    section("1. softmax of [1000, 1001, 1002]");
    row("naive", "exp(x[i]) / sum(exp(x))", format(naiveSoftmax(logits)));
    row("runtime-guards", "StableMath.softmax(x)", format(StableMath.softmax(logits)));
    row("exact", "softmax([0, 1, 2])", "[0.09003057317038046, 0.24472847105479764, 0.6652409557748219]");
    note("exp overflows to Infinity above 709.78, and Infinity / Infinity is NaN.");
  }

  private static double[] naiveSoftmax(double[] x) {
    double sum = 0;
    for (double v : x) {
      sum += Math.exp(v);
    }
    double[] p = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      p[i] = Math.exp(x[i]) / sum;
    }
    return p;
  }

  // ---- 2. variance -----------------------------------------------------------------------------

  private void variance() {
    double[] x = new double[5];
    for (int i = 0; i < 5; i++) {
      x[i] = 1e8 + (i + 1);
    }
    section("2. variance of 1e8 + [1, 2, 3, 4, 5] (population)");
    row("naive", "E[X^2] - E[X]^2", format(naiveVariance(x)));
    row("runtime-guards", "Statistics.variance(x)", format(Statistics.variance(x)));
    row("exact", "", "2");
    note("X^2 is about 1e16, where doubles are 2 apart: the subtraction cancels every correct digit.");
  }

  private static double naiveVariance(double[] x) {
    double sum = 0;
    double sumOfSquares = 0;
    for (double v : x) {
      sum += v;
      sumOfSquares += v * v;
    }
    double mean = sum / x.length;
    return sumOfSquares / x.length - mean * mean;
  }

  // ---- 3. log-probability ----------------------------------------------------------------------

  private void logProbability() {
    section("3. log-probability of a sequence of tokens, each of probability 0.1");
    row("naive", "log(prod p), double, 300 tokens", format(Math.log(naiveProduct(0.1, 300))));
    row("naive", "log(prod p), float, 300 tokens", format(Math.log(naiveProduct(0.1f, 300))));
    row("naive", "log(prod p), double, 400 tokens", format(Math.log(naiveProduct(0.1, 400))));
    row("runtime-guards", "LogSpace.logProduct(p), 300 tokens", format(LogSpace.logProduct(repeat(0.1, 300))));
    row("runtime-guards", "LogSpace.logProduct(p), 400 tokens", format(LogSpace.logProduct(repeat(0.1, 400))));
    // Exact for the double nearest 0.1 (0.1000000000000000055...), rounded once.
    row("exact", "300 and 400 times ln(0.1 as a double)", "-690.7755278982137 and -921.0340371976182");
    note("0.1^300 = 1e-300 still fits a double (smallest normal 2.2e-308); a float underflows to 0");
    note("after 45 factors, a double after 323; log(0) is -Infinity. Summing logs never underflows.");
  }

  private static double naiveProduct(double p, int n) {
    double product = 1;
    for (int i = 0; i < n; i++) {
      product *= p;
    }
    return product;
  }

  private static float naiveProduct(float p, int n) {
    float product = 1;
    for (int i = 0; i < n; i++) {
      product *= p;
    }
    return product;
  }

  private static double[] repeat(double value, int n) {
    double[] values = new double[n];
    Arrays.fill(values, value);
    return values;
  }

  // ---- 4. fp16 storage -------------------------------------------------------------------------

  private void fp16Storage() {
    section("4. storing values as fp16 (largest finite fp16: 65504; bf16 keeps 8 significant bits)");
    out.println(
        String.format(
            Locale.ROOT,
            "   %-10s %-26s %-26s %-12s",
            "value",
            "naive: truncate the bits",
            "runtime-guards: Half",
            "BFloat16"));
    for (float value : new float[] {65505f, 65519f, 65520f, 2051f, 1e-8f}) {
      out.println(
          String.format(
              Locale.ROOT,
              "   %-10s %-26s %-26s %-12s",
              format(value),
              format(Half.toFloat(truncatingHalf(value))),
              format(Half.toFloat(Half.fromFloat(value))),
              format(BFloat16.toFloat(BFloat16.fromFloat(value)))));
    }
    note("65505 rounds to 65504: it does not overflow (fp16 overflows from 65520, the midpoint to");
    note("2^16, up). Truncation never rounds up, so it misses that overflow and is biased towards 0.");
  }

  /** A float-to-fp16 conversion as often written by hand: it drops the extra fraction bits. */
  private static short truncatingHalf(float value) {
    int bits = Float.floatToRawIntBits(value);
    int sign = (bits >>> 16) & 0x8000;
    int exponent = ((bits >>> 23) & 0xff) - 127 + 15;
    int fraction = bits & 0x7fffff;
    if (exponent >= 31) {
      return (short) (sign | 0x7c00); // too large (or Infinity/NaN, simplified to Infinity)
    }
    if (exponent <= 0) {
      if (exponent < -10) {
        return (short) sign;
      }
      return (short) (sign | ((fraction | 0x800000) >>> (14 - exponent)));
    }
    return (short) (sign | (exponent << 10) | (fraction >>> 13));
  }

  // ---- 5. loss scaling -------------------------------------------------------------------------

  private void lossScaling() {
    float gradient = 5e-9f;
    section("5. a gradient of 5e-9 stored as fp16 (smallest fp16 subnormal: 5.96e-8)");
    float stored = Half.toFloat(Half.fromFloat(gradient));
    row("naive", "store the gradient as fp16", format(stored));

    LossScaler scaler = new LossScaler();
    short[] halfGradients = {Half.fromFloat(gradient * scaler.scale())};
    float[] fp32Gradients = new float[1];
    boolean finite = scaler.unscaleHalf(halfGradients, fp32Gradients);
    boolean stepped = scaler.step(() -> { });
    scaler.update();
    row(
        "runtime-guards",
        "LossScaler: scale 65536, unscale in fp32",
        format(fp32Gradients[0])
            + String.format(
                Locale.ROOT,
                "  (relative error %.1e; finite %s, step %s)",
                Math.abs(fp32Gradients[0] - (double) gradient) / gradient,
                finite,
                stepped ? "taken" : "skipped"));
    row("exact", "", "5.0E-9");
    note("Scaled by 65536 the gradient is 3.3e-4, well inside fp16's range; unscaling in fp32");
    note("returns it within fp16's relative precision (2^-11 = 4.9e-4).");
  }

  // ---- 6. NumAcc4 ------------------------------------------------------------------------------

  private void numAcc4() {
    double[] y = readNumAcc4();
    section("6. NIST StRD NumAcc4: sample standard deviation of " + y.length + " values near 1e7");
    row("naive", "sqrt((sum x^2 - (sum x)^2/n) / (n-1))", format(naiveSampleStandardDeviation(y)));
    row(
        "runtime-guards",
        "Statistics.sampleStandardDeviation(y)",
        format(Statistics.sampleStandardDeviation(y)));
    row("exact", "of the parsed doubles (BigDecimal)", "0.10000000055879354");
    row("certified", "of the decimal data", "0.1");
    note("The sums of squares are about 1e17, where doubles are 16 apart; their difference, about");
    note("10, is lost entirely (here it even comes out negative, so the square root is NaN).");
    note("The data are decimals no double holds exactly, so the exact result for the doubles read");
    note("differs from the certified 0.1 in the tenth digit.");
  }

  private static double naiveSampleStandardDeviation(double[] x) {
    double sum = 0;
    double sumOfSquares = 0;
    for (double v : x) {
      sum += v;
      sumOfSquares += v * v;
    }
    double n = x.length;
    return Math.sqrt((sumOfSquares - sum * sum / n) / (n - 1));
  }

  /** Reads the data lines of the NIST file: the numbers after the "Data: Y" header and its rule. */
  static double[] readNumAcc4() {
    InputStream stream = Demo.class.getResourceAsStream(NUMACC4);
    if (stream == null) {
      throw new IllegalStateException(NUMACC4 + " is missing from the classpath");
    }
    List<Double> values = new ArrayList<>();
    try (BufferedReader reader =
        new BufferedReader(new InputStreamReader(stream, StandardCharsets.US_ASCII))) {
      boolean sawDataHeader = false;
      boolean inData = false;
      String line;
      while ((line = reader.readLine()) != null) {
        String trimmed = line.trim();
        if (!inData) {
          sawDataHeader |= trimmed.startsWith("Data: Y");
          inData = sawDataHeader && trimmed.startsWith("---");
          continue;
        }
        if (!trimmed.isEmpty()) {
          values.add(Double.parseDouble(trimmed));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return values.stream().mapToDouble(Double::doubleValue).toArray();
  }

  // ---- output ----------------------------------------------------------------------------------

  private void section(String title) {
    out.println();
    out.println(title);
  }

  private void row(String who, String how, String value) {
    out.println(
        String.format(Locale.ROOT, "   %-" + LABEL_WIDTH + "s %-" + HOW_WIDTH + "s %s", who, how, value));
  }

  private void note(String text) {
    out.println("   " + text);
  }

  private static String format(double value) {
    return Double.toString(value);
  }

  private static String format(float value) {
    return Float.toString(value);
  }

  private static String format(double[] values) {
    StringBuilder text = new StringBuilder("[");
    for (int i = 0; i < values.length; i++) {
      if (i > 0) {
        text.append(", ");
      }
      text.append(values[i]);
    }
    return text.append(']').toString();
  }
}
