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
 * NaiveVariance's fix of weighted power sums set to zero and added to in pairs (in two loops, over a
 * histogram, with weights of any sign) and divided by a total the analysis cannot tie to them: a
 * ShiftedMoments fed beside the pairs, the subtraction read from it for the stated total. Both
 * versions are compiled and run: benign inputs (also negative weights, a total that is not Σw)
 * agree to rounding; values about 1e9 with a spread about 1, NIST StRD NumAcc4-style data, and bins
 * offset by 1e9 make the original lose every digit or go negative, where the fixed one matches
 * {@code Σw·x² − (Σw·x)²/n} computed with 60-digit BigDecimal.
 */
class ShiftedMomentsFixTest {
    private static final String MOMENTS = """
            package demo;

            public class Moments {
                public static double mergeCost(double[] a, double[] wa, double[] b, double[] wb, double total) {
                    double sum;
                    double sumSq;
                    double cost = 0.0;
                    for (int m = 0; m < 1; m++) {
                        sum = 0.0;
                        sumSq = 0.0;
                        for (int n = 0; n < a.length; n++) {
                            sum += a[n] * wa[n];
                            sumSq += a[n] * a[n] * wa[n];
                        }
                        for (int n = 0; n < b.length; n++) {
                            sum += b[n] * wb[n];
                            sumSq += b[n] * b[n] * wb[n];
                        }
                        cost += (sumSq - sum * sum / total);
                    }
                    return cost;
                }

                public static double histogramVariance(long[] counts, double[] bins, double total) {
                    double sum = 0;
                    double sqSum = 0;
                    for (int i = 0; i < counts.length; i++) {
                        final long count = counts[i];
                        final double bin = bins[i];
                        sum += count * bin;
                        sqSum += bin * count * bin;
                    }
                    final double mean = sum / total;
                    final double variance = sqSum / total - mean * mean;
                    return variance;
                }
            }
            """;
    private static final MathContext MC = new MathContext(60);

    @TempDir
    Path dir;

    @Test
    void feedsShiftedMomentsBesideThePairsAndRemovesTheSums() throws Exception {
        String fixed = fixed(write(dir.resolve("demo/Moments.java"), MOMENTS));
        assertThat(fixed).contains("ShiftedMoments moments = new ShiftedMoments();")
                .contains("moments.accept(a[n], wa[n]);").contains("moments.accept(b[n], wb[n]);")
                .contains("cost += PartialMoments.squaredDeviations(moments, total);")
                .contains("moments.accept(bin, count);")
                .contains("final double variance = PartialMoments.squaredDeviations(moments, total) / total;")
                .doesNotContain("sumSq").doesNotContain("sqSum").doesNotContain("double sum;")
                .doesNotContain("final double mean");
    }

    @Test
    void benignInputsAgreeWhateverTheSignOfTheWeightsAndTheTotal() throws Exception {
        Class<?>[] versions = compiled();
        Method before = mergeCost(versions[0]);
        Method after = mergeCost(versions[1]);
        SplittableRandom random = new SplittableRandom(31);
        for (int draw = 0; draw < 200; draw++) {
            double[] a = random.doubles(1 + random.nextInt(20), -3, 3).toArray();
            double[] b = random.doubles(random.nextInt(20), -3, 3).toArray();
            boolean signed = draw % 2 == 1;
            double[] wa = random.doubles(a.length, signed ? -1 : 0, 2).toArray();
            double[] wb = random.doubles(b.length, signed ? -1 : 0, 2).toArray();
            double total = draw % 4 < 2 ? weightSum(wa, wb) : random.nextDouble(0.5, 30);
            double x = (double) before.invoke(null, a, wa, b, wb, total);
            double y = (double) after.invoke(null, a, wa, b, wb, total);
            double scale = 0;                                   // the size of the terms the formula subtracts
            for (int i = 0; i < a.length; i++) {
                scale += Math.abs(wa[i]) * a[i] * a[i];
            }
            for (int i = 0; i < b.length; i++) {
                scale += Math.abs(wb[i]) * b[i] * b[i];
            }
            assertThat(y).isCloseTo(x, within(1e-12 * Math.max(1, scale)));
        }
    }

    @Test
    void valuesNearOneBillionMatchTheExactWeightedSquares() throws Exception {
        Class<?>[] versions = compiled();
        Method before = mergeCost(versions[0]);
        Method after = mergeCost(versions[1]);
        SplittableRandom random = new SplittableRandom(32);
        int brokenBefore = 0;
        for (int draw = 0; draw < 100; draw++) {
            double[] a = new double[2 + random.nextInt(20)];
            double[] b = new double[1 + random.nextInt(20)];
            for (int i = 0; i < a.length; i++) {
                a[i] = 1e9 + random.nextDouble(-1.7, 1.7);
            }
            for (int i = 0; i < b.length; i++) {
                b[i] = 1e9 + random.nextDouble(-1.7, 1.7);
            }
            // weights in eighths: Σw is exact, so the total is the weight of the values and the result their spread
            double[] wa = random.ints(a.length, 4, 17).asDoubleStream().map(w -> w / 8).toArray();
            double[] wb = random.ints(b.length, 4, 17).asDoubleStream().map(w -> w / 8).toArray();
            double total = weightSum(wa, wb);
            double exact = exactSquares(a, wa, b, wb, total);
            double fixedResult = (double) after.invoke(null, a, wa, b, wb, total);
            assertThat(fixedResult).isFinite().isCloseTo(exact, within(1e-9 * exact));
            double naive = (double) before.invoke(null, a, wa, b, wb, total);
            brokenBefore += !(Math.abs(naive - exact) <= 0.1 * exact) ? 1 : 0;
        }
        assertThat(brokenBefore).as("draws where the original is off by more than 10%").isGreaterThan(80);
    }

    @Test
    void nistNumAcc4StyleDataKeepsItsDigits() throws Exception {
        Class<?>[] versions = compiled();
        // NumAcc4: 1000000000.2, then 1000000000.1 and 1000000000.3 alternating; certified sd 0.1
        double[] a = new double[1001];
        a[0] = 1000000000.2;
        for (int i = 1; i < a.length; i++) {
            a[i] = i % 2 == 1 ? 1000000000.1 : 1000000000.3;
        }
        double[] wa = new double[a.length];
        java.util.Arrays.fill(wa, 1.0);
        double[] none = new double[0];
        double exact = exactSquares(a, wa, none, none, a.length);
        double fixedResult = (double) mergeCost(versions[1]).invoke(null, a, wa, none, none, (double) a.length);
        assertThat(fixedResult).isCloseTo(exact, within(1e-9 * exact));
        assertThat(Math.sqrt(fixedResult / (a.length - 1))).isCloseTo(0.1, within(1e-6));
        double naive = (double) mergeCost(versions[0]).invoke(null, a, wa, none, none, (double) a.length);
        assertThat(Math.abs(naive - exact)).as("the original's error").isGreaterThan(0.1 * exact);
    }

    @Test
    void binsOffsetByOneBillionMatchTheExactVariance() throws Exception {
        Class<?>[] versions = compiled();
        Method before = versions[0].getMethod("histogramVariance", long[].class, double[].class, double.class);
        Method after = versions[1].getMethod("histogramVariance", long[].class, double[].class, double.class);
        SplittableRandom random = new SplittableRandom(33);
        int brokenBefore = 0;
        for (int draw = 0; draw < 100; draw++) {
            long[] counts = random.longs(3 + random.nextInt(10), 0, 50).toArray();
            counts[0] += 1;
            long total = 0;
            for (long c : counts) {
                total += c;
            }
            int offset = draw < 20 ? 0 : 1_000_000_000;
            double[] bins = new double[counts.length];
            double[] weights = new double[counts.length];
            for (int i = 0; i < counts.length; i++) {
                bins[i] = offset + i;
                weights[i] = counts[i];
            }
            double exact = exactSquares(bins, weights, new double[0], new double[0], total) / total;
            double fixedResult = (double) after.invoke(null, counts, bins, (double) total);
            double naive = (double) before.invoke(null, counts, bins, (double) total);
            if (offset == 0) {
                assertThat(fixedResult).isCloseTo(naive, within(1e-12 * Math.max(1, counts.length * counts.length)));
            } else {
                assertThat(fixedResult).isCloseTo(exact, within(1e-9 * Math.max(1e-300, exact)));
                brokenBefore += !(Math.abs(naive - exact) <= 0.1 * exact) ? 1 : 0;
            }
        }
        assertThat(brokenBefore).as("offset draws where the original is off by more than 10%").isGreaterThan(60);
    }

    private static Method mergeCost(Class<?> type) throws Exception {
        return type.getMethod("mergeCost", double[].class, double[].class, double[].class, double[].class, double.class);
    }

    private static double weightSum(double[] wa, double[] wb) {
        BigDecimal s = BigDecimal.ZERO;
        for (double w : wa) {
            s = s.add(new BigDecimal(w));
        }
        for (double w : wb) {
            s = s.add(new BigDecimal(w));
        }
        return s.doubleValue();
    }

    /** Σw·x² − (Σw·x)²/n over both groups, exact until the last rounding. */
    private static double exactSquares(double[] a, double[] wa, double[] b, double[] wb, double n) {
        BigDecimal s1 = BigDecimal.ZERO;
        BigDecimal s2 = BigDecimal.ZERO;
        for (int g = 0; g < 2; g++) {
            double[] x = g == 0 ? a : b;
            double[] w = g == 0 ? wa : wb;
            for (int i = 0; i < x.length; i++) {
                BigDecimal v = new BigDecimal(x[i]);
                BigDecimal wv = new BigDecimal(w[i]).multiply(v);
                s1 = s1.add(wv);
                s2 = s2.add(wv.multiply(v));
            }
        }
        return s2.subtract(s1.multiply(s1).divide(new BigDecimal(n), MC)).doubleValue();
    }

    private Class<?>[] compiled() throws Exception {
        Path original = write(dir.resolve("demo/Moments.java"), MOMENTS);
        Path rewritten = write(dir.resolve("fixed/demo/Moments.java"), fixed(original));
        return new Class<?>[] {InMemoryCompiler.compileAndLoad(original), InMemoryCompiler.compileAndLoad(rewritten)};
    }

    private String fixed(Path source) throws Exception {
        String text = Files.readString(source);
        List<Finding> findings = new ArrayList<>(new SpoonFrontEnd().analyze(List.of(source), List.of(),
                List.of(RuleRegistry.byId("NaiveVariance").orElseThrow())).findings());
        assertThat(findings).extracting(f -> f.span().line()).containsExactly(19, 34);
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
