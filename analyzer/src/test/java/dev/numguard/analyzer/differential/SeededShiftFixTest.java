package dev.numguard.analyzer.differential;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.numguard.analyzer.fix.FixPlanner;
import dev.numguard.analyzer.spoon.SpoonFrontEnd;
import dev.numguard.rules.Finding;
import dev.numguard.rules.RuleRegistry;
import java.lang.reflect.Method;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * NaiveVariance's fix of running moments seeded with a first value and updated branch by branch
 * (region growing): every summed value becomes {@code v − seed}, means get the seed back. Both
 * versions are compiled and run: benign results agree to rounding; values about 1e9 with a spread
 * of about 1 make the original lose every digit, where the fixed one matches the population
 * standard deviation of the accepted values computed exactly with BigDecimal. Float pixels whose
 * squares the original rounds to float keep their digits too, the shift being taken in double.
 */
class SeededShiftFixTest {
    private static final String REGION = """
            package demo;

            public class Region {
                public static double[] spread(double[] values, int seedAt) {
                    double seed = values[seedAt];
                    int count = 0;
                    double sum = 0.0;
                    double sumOfSquares = 0.0;
                    double mean = 0.0;
                    double stdDev = 0.0;
                    if (seed == seed) {
                        count++;
                        sum = seed;
                        sumOfSquares = seed * seed;
                    }
                    for (int i = 0; i < values.length; i++) {
                        double val = values[i];
                        if (i != seedAt && Math.abs(val - seed) < 10.0) {
                            count++;
                            sum += val;
                            sumOfSquares += val * val;
                            mean = sum / count;
                            stdDev = Math.sqrt((sumOfSquares - (sum * sum / count)) / count);
                        }
                    }
                    return new double[] {mean, stdDev};
                }

                public static double pixelSpread(float[] pixels, int seedAt) {
                    float initialValue = pixels[seedAt];
                    int count = 0;
                    double sum = 0.0;
                    double sumOfSquares = 0.0;
                    double stdDev = 0.0;
                    count++;
                    sum = initialValue;
                    sumOfSquares = initialValue * initialValue;
                    for (int i = 0; i < pixels.length; i++) {
                        float val = pixels[i];
                        if (i != seedAt && val >= initialValue - 10f && val <= initialValue + 10f) {
                            count++;
                            sum += val;
                            sumOfSquares += val * val;
                            stdDev = Math.sqrt((sumOfSquares - (sum * sum / count)) / count);
                        }
                    }
                    return stdDev;
                }
            }
            """;
    private static final MathContext MC = new MathContext(60);

    @TempDir
    Path dir;

    @Test
    void shiftsEveryValueBySeedAndAddsItBackToTheMean() throws Exception {
        assertThat(fixed(write(dir.resolve("demo/Region.java"), REGION))).isEqualTo(REGION
                .replace("            sum = seed;\n            sumOfSquares = seed * seed;",
                        "            sum = 0.0;\n            sumOfSquares = 0.0;")
                .replace("                sum += val;\n                sumOfSquares += val * val;\n                mean = sum / count;",
                        "                sum += val - seed;\n                sumOfSquares += (val - seed) * (val - seed);\n"
                                + "                mean = seed + sum / count;")
                .replace("        sum = initialValue;\n        sumOfSquares = initialValue * initialValue;",
                        "        sum = 0.0;\n        sumOfSquares = 0.0;")
                .replace("                sum += val;\n                sumOfSquares += val * val;\n                stdDev",
                        "                sum += (double) val - initialValue;\n"
                                + "                sumOfSquares += ((double) val - initialValue) * ((double) val - initialValue);\n"
                                + "                stdDev"));
    }

    @Test
    void benignAgreesAndValuesNearOneBillionMatchTheExactSpread() throws Exception {
        Class<?>[] versions = compiled();
        Method before = versions[0].getMethod("spread", double[].class, int.class);
        Method after = versions[1].getMethod("spread", double[].class, int.class);
        SplittableRandom random = new SplittableRandom(21);
        for (int draw = 0; draw < 100; draw++) {
            double[] values = random.doubles(2 + random.nextInt(30), -3, 3).toArray();
            int seedAt = random.nextInt(values.length);
            double[] a = (double[]) before.invoke(null, values, seedAt);
            double[] b = (double[]) after.invoke(null, values, seedAt);
            assertThat(b[0]).isCloseTo(a[0], within(1e-12 * Math.max(1, Math.abs(a[0]))));
            assertThat(b[1]).isCloseTo(a[1], within(1e-12 * Math.max(1, a[1])));
        }
        int brokenBefore = 0;
        for (int draw = 0; draw < 100; draw++) {
            double[] values = new double[2 + random.nextInt(30)];
            for (int i = 0; i < values.length; i++) {
                values[i] = 1e9 + random.nextDouble(-1.7, 1.7);          // mean 1e9, std about 1
            }
            int seedAt = random.nextInt(values.length);
            double exact = exactStd(values);                               // every value is within the band
            double[] fixedResult = (double[]) after.invoke(null, values, seedAt);
            assertThat(fixedResult[1]).isFinite().isCloseTo(exact, within(1e-9 * Math.max(1, exact)));
            assertThat(fixedResult[0]).isCloseTo(exactMean(values), within(1e-6));
            double naive = ((double[]) before.invoke(null, values, seedAt))[1];
            brokenBefore += !(Math.abs(naive - exact) <= 0.1 * exact) ? 1 : 0;
        }
        assertThat(brokenBefore).as("draws where the original is off by more than 10%").isGreaterThan(80);
    }

    @Test
    void floatPixelsKeepTheirDigits() throws Exception {
        Class<?>[] versions = compiled();
        Method before = versions[0].getMethod("pixelSpread", float[].class, int.class);
        Method after = versions[1].getMethod("pixelSpread", float[].class, int.class);
        SplittableRandom random = new SplittableRandom(22);
        int brokenBefore = 0;
        for (int draw = 0; draw < 100; draw++) {
            float[] pixels = new float[2 + random.nextInt(30)];
            double[] wide = new double[pixels.length];
            for (int i = 0; i < pixels.length; i++) {
                pixels[i] = 30000f + random.nextInt(-16, 17) / 8f;          // exact in float, spread about 1
                wide[i] = pixels[i];
            }
            int seedAt = random.nextInt(pixels.length);
            double exact = exactStd(wide);
            double fixedResult = (double) after.invoke(null, pixels, seedAt);
            assertThat(fixedResult).isFinite().isCloseTo(exact, within(1e-9 * Math.max(1, exact)));
            double naive = (double) before.invoke(null, pixels, seedAt);
            brokenBefore += !(Math.abs(naive - exact) <= 0.1 * exact) ? 1 : 0;
        }
        assertThat(brokenBefore).as("draws where the original is off by more than 10%").isGreaterThan(50);
    }

    private static double exactMean(double[] x) {
        BigDecimal s = BigDecimal.ZERO;
        for (double v : x) {
            s = s.add(new BigDecimal(v));
        }
        return s.divide(BigDecimal.valueOf(x.length), MC).doubleValue();
    }

    /** The population standard deviation of x, in exact arithmetic until the final square root. */
    private static double exactStd(double[] x) {
        BigDecimal mean = new BigDecimal(exactMean(x));
        BigDecimal s = BigDecimal.ZERO;
        for (double v : x) {
            s = s.add(new BigDecimal(v));
        }
        mean = s.divide(BigDecimal.valueOf(x.length), MC);
        BigDecimal m2 = BigDecimal.ZERO;
        for (double v : x) {
            BigDecimal d = new BigDecimal(v).subtract(mean);
            m2 = m2.add(d.multiply(d));
        }
        return Math.sqrt(m2.divide(BigDecimal.valueOf(x.length), MC).doubleValue());
    }

    private Class<?>[] compiled() throws Exception {
        Path original = write(dir.resolve("demo/Region.java"), REGION);
        Path rewritten = write(dir.resolve("fixed/demo/Region.java"), fixed(original));
        return new Class<?>[] {InMemoryCompiler.compileAndLoad(original), InMemoryCompiler.compileAndLoad(rewritten)};
    }

    private String fixed(Path source) throws Exception {
        String text = Files.readString(source);
        List<Finding> findings = new ArrayList<>(new SpoonFrontEnd().analyze(List.of(source), List.of(),
                List.of(RuleRegistry.byId("NaiveVariance").orElseThrow())).findings());
        assertThat(findings).extracting(f -> f.span().line()).containsExactly(23, 44);
        assertThat(findings).allSatisfy(f -> assertThat(f.fix()).isPresent());
        var plan = new FixPlanner().plan(text, findings);
        assertThat(plan.skipped()).isEmpty();
        return plan.fixed();
    }

    private static Path write(Path file, String text) throws Exception {
        Files.createDirectories(file.getParent());
        return Files.writeString(file, text);
    }
}
