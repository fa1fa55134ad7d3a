package dev.numguard.guards;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Property tests of {@link StableMath} against the 60-digit {@link HighPrecision} reference, over
 * seeded random inputs in several regimes (moderate, wide, huge up to ±1e300, tiny down to 1e-300,
 * large offsets with small spread, ties, and −Infinity entries).
 *
 * <p>Error bounds asserted, with u = 2^-53 and n the length:
 * <ul>
 *   <li>logSumExp: {@code |err| ≤ ulp(lse) + u·|L| + (n+2)·u}, where {@code L = log1p(rest)} ≤ log n
 *       is the part added to the maximum (the n term is the worst case of the plain sum of n
 *       positive terms ≤ 1; on the moderate regime with n ≤ 32 the error is also checked to be
 *       ≤ 2 ulps);</li>
 *   <li>softmax entries: relative error ≤ (3 + |x_i − max| + n)·u, i.e. that many ulps at most: the
 *       |x_i − max| part is the rounding of the shifted argument, which no double algorithm avoids;
 *       ≤ 3 ulps is checked on the moderate regime with n ≤ 32 wherever x_i − max is exact;</li>
 *   <li>logSoftmax entries: {@code |err| ≤ 1.5·ulp + u·|L| + (n+2)·u};</li>
 *   <li>float versions: within 0.5 float ulp of the exact value (plus 2^-20 ulp of slack for the
 *       double intermediate), softmax within 2 float ulps (its exponentials are stored as float
 *       before the division: two roundings).</li>
 * </ul>
 */
class StableMathPropertyTest {

    private static final double U = 0x1p-53;

    enum Regime { MODERATE, WIDE, HUGE, TINY, OFFSET, TIES, WITH_MINUS_INFINITY }

    static Stream<Arguments> cases() {
        return Arrays.stream(Regime.values())
                .flatMap(regime -> IntStream.range(0, 30).mapToObj(i -> Arguments.of(regime, 1000L * regime.ordinal() + i)));
    }

    static double[] draw(Regime regime, SplittableRandom random) {
        int n = regime == Regime.MODERATE && random.nextBoolean() ? 1 + random.nextInt(32) : 1 + random.nextInt(200);
        double[] x = new double[n];
        switch (regime) {
            case MODERATE -> fill(x, i -> random.nextDouble(-5, 5));
            case WIDE -> fill(x, i -> random.nextDouble(-1000, 1000));
            case HUGE -> fill(x, i -> (random.nextBoolean() ? 1 : -1)
                    * Math.pow(10, random.nextDouble(3, 300)));
            case TINY -> fill(x, i -> (random.nextBoolean() ? 1 : -1)
                    * Math.pow(10, -random.nextDouble(10, 300)));
            case OFFSET -> {
                double base = (random.nextBoolean() ? 1 : -1) * Math.pow(10, random.nextDouble(3, 6));
                fill(x, i -> base + random.nextDouble(-20, 20));
            }
            case TIES -> {
                double top = random.nextDouble(-50, 50);
                fill(x, i -> random.nextInt(3) == 0 ? top : top - random.nextDouble(0, 30));
            }
            case WITH_MINUS_INFINITY -> {
                fill(x, i -> random.nextInt(3) == 0 ? Double.NEGATIVE_INFINITY : random.nextDouble(-30, 30));
                x[random.nextInt(n)] = random.nextDouble(-30, 30); // at least one finite entry
            }
        }
        return x;
    }

    private interface IndexToDouble {
        double at(int i);
    }

    private static void fill(double[] x, IndexToDouble f) {
        for (int i = 0; i < x.length; i++) {
            x[i] = f.at(i);
        }
    }

    private static double max(double[] x) {
        return Arrays.stream(x).max().orElseThrow();
    }

    /** L = log1p(Σ_{i≠argmax} exp(x_i − max)) = lse − max, an upper bound of it is log n. */
    private static double logRestBound(double[] x) {
        return Math.log(x.length);
    }

    private static boolean moderateAndShort(Regime regime, double[] x) {
        return regime == Regime.MODERATE && x.length <= 32;
    }

    @ParameterizedTest(name = "{0} seed {1}")
    @MethodSource("cases")
    void logSumExpIsWithinItsBound(Regime regime, long seed) {
        double[] x = draw(regime, new SplittableRandom(seed));
        BigDecimal exact = HighPrecision.logSumExp(x);
        double computed = StableMath.logSumExp(x);
        double bound = Math.ulp(exact.doubleValue()) + U * logRestBound(x) + (x.length + 2) * U;
        assertThat(HighPrecision.absError(computed, exact)).as("x=%s", Arrays.toString(x)).isLessThanOrEqualTo(bound);
        if (moderateAndShort(regime, x) && Math.abs(exact.doubleValue()) >= 1) {
            assertThat(HighPrecision.ulpError(computed, exact)).isLessThanOrEqualTo(2.0);
        }
        // the slice overload and the float version
        assertThat(StableMath.logSumExp(withPadding(x), 1, x.length)).isEqualTo(computed);
    }

    private static double[] withPadding(double[] x) {
        double[] padded = new double[x.length + 2];
        System.arraycopy(x, 0, padded, 1, x.length);
        padded[0] = Double.POSITIVE_INFINITY;
        padded[x.length + 1] = Double.NaN;
        return padded;
    }

    @ParameterizedTest(name = "{0} seed {1}")
    @MethodSource("cases")
    void weightedLogSumExpWithPositiveWeightsIsWithinItsBound(Regime regime, long seed) {
        SplittableRandom random = new SplittableRandom(seed ^ 0x77L);
        double[] x = draw(regime, random);
        double[] b = random.doubles(x.length, 0.01, 100).toArray();
        BigDecimal exact = HighPrecision.logSumExp(x, b);
        double computed = StableMath.logSumExp(x, b);
        double bound = Math.ulp(exact.doubleValue()) + U * (Math.log(x.length) + 5) + (x.length + 2) * U * 2;
        assertThat(HighPrecision.absError(computed, exact)).isLessThanOrEqualTo(bound);
    }

    @ParameterizedTest(name = "{0} seed {1}")
    @MethodSource("cases")
    void softmaxEntriesAreWithinTheirBound(Regime regime, long seed) {
        double[] x = draw(regime, new SplittableRandom(seed));
        BigDecimal[] exact = HighPrecision.softmax(x);
        double[] p = StableMath.softmax(x);
        double m = max(x);
        for (int i = 0; i < x.length; i++) {
            double shift = Math.abs(x[i] - m);
            double allowedUlps = Double.isFinite(shift) ? 3 + shift + x.length : 0.5;
            assertThat(HighPrecision.ulpError(p[i], exact[i])).as("entry %d of %s", i, Arrays.toString(x))
                    .isLessThanOrEqualTo(allowedUlps);
            boolean shiftIsExact = Double.isFinite(shift)
                    && HighPrecision.exact(x[i]).subtract(HighPrecision.exact(m)).compareTo(HighPrecision.exact(x[i] - m)) == 0;
            if (moderateAndShort(regime, x) && shiftIsExact) {
                assertThat(HighPrecision.ulpError(p[i], exact[i])).isLessThanOrEqualTo(3.0);
            }
        }
    }

    @ParameterizedTest(name = "{0} seed {1}")
    @MethodSource("cases")
    void softmaxSumsToOneAndIsShiftInvariant(Regime regime, long seed) {
        SplittableRandom random = new SplittableRandom(seed ^ 0x51L);
        double[] x = draw(regime, random);
        double[] p = StableMath.softmax(x);
        // the exact sum of the computed entries is 1 within n·u (+ the rounding of each entry)
        assertThat(Math.abs(Summation.exactSum(p) - 1.0)).isLessThanOrEqualTo((2 * x.length + 2) * U);

        // shift invariance: with x on a grid of 2^-20 and an integer shift, x + c is exact, so the
        // two results are both within their error bound of the same exact softmax
        double[] grid = new double[x.length];
        double[] shifted = new double[x.length];
        double c = random.nextInt(-1_000_000, 1_000_000);
        for (int i = 0; i < x.length; i++) {
            grid[i] = Math.rint(random.nextDouble(-700, 700) * 0x1p20) * 0x1p-20;
            shifted[i] = grid[i] + c;
        }
        double gridMax = max(grid);
        double[] p0 = StableMath.softmax(grid);
        double[] p1 = StableMath.softmax(shifted);
        double[] l0 = StableMath.logSoftmax(grid);
        double[] l1 = StableMath.logSoftmax(shifted);
        for (int i = 0; i < x.length; i++) {
            double ulps = 2 * (3 + Math.abs(grid[i] - gridMax) + x.length);
            assertThat(Math.abs(p0[i] - p1[i])).isLessThanOrEqualTo(ulps * Math.ulp(p0[i]));
            // grid − max is exact on both sides, so log-softmax is bit-identical
            assertThat(l1[i]).isEqualTo(l0[i]);
        }
    }

    @ParameterizedTest(name = "{0} seed {1}")
    @MethodSource("cases")
    void logSoftmaxEntriesAreWithinTheirBound(Regime regime, long seed) {
        double[] x = draw(regime, new SplittableRandom(seed));
        BigDecimal[] exact = HighPrecision.logSoftmax(x);
        double[] out = StableMath.logSoftmax(x);
        for (int i = 0; i < x.length; i++) {
            if (x[i] == Double.NEGATIVE_INFINITY) {
                assertThat(out[i]).isEqualTo(Double.NEGATIVE_INFINITY);
                continue;
            }
            double bound = 1.5 * Math.ulp(exact[i].doubleValue()) + U * logRestBound(x) + (x.length + 2) * U;
            assertThat(HighPrecision.absError(out[i], exact[i])).isLessThanOrEqualTo(bound);
        }
    }

    @ParameterizedTest(name = "{0} seed {1}")
    @MethodSource("cases")
    void crossEntropyIsMinusLogSoftmaxOfTheTarget(Regime regime, long seed) {
        SplittableRandom random = new SplittableRandom(seed ^ 0xCEL);
        double[] x = draw(regime, random);
        int target = random.nextInt(x.length);
        double computed = StableMath.crossEntropy(x, target);
        if (x[target] == Double.NEGATIVE_INFINITY) {
            assertThat(computed).isEqualTo(Double.POSITIVE_INFINITY);
            return;
        }
        BigDecimal exact = HighPrecision.logSumExp(x).subtract(HighPrecision.exact(x[target]));
        double bound = 1.5 * Math.ulp(exact.doubleValue()) + U * logRestBound(x) + (x.length + 2) * U;
        assertThat(HighPrecision.absError(computed, exact)).isLessThanOrEqualTo(bound);
    }

    // ------------------------------------------------------------------ float versions

    private static float[] toFloats(double[] x) {
        float[] f = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            f[i] = (float) x[i];
        }
        return f;
    }

    private static double[] toDoubles(float[] f) {
        double[] x = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            x[i] = f[i];
        }
        return x;
    }

    /** Float inputs in the float range: huge values capped at 1e38, tiny ones at 1e-38. */
    private static float[] drawFloats(Regime regime, SplittableRandom random) {
        double[] x = draw(regime, random);
        for (int i = 0; i < x.length; i++) {
            if (Double.isFinite(x[i]) && Math.abs(x[i]) > 1e38) {
                x[i] = Math.copySign(Math.pow(10, random.nextDouble(3, 38)), x[i]);
            } else if (x[i] != 0 && Math.abs(x[i]) < 1e-38) {
                x[i] = Math.copySign(Math.pow(10, -random.nextDouble(10, 38)), x[i]);
            }
        }
        return toFloats(x);
    }

    @ParameterizedTest(name = "{0} seed {1}")
    @MethodSource("cases")
    void floatVersionsRoundTheExactValue(Regime regime, long seed) {
        SplittableRandom random = new SplittableRandom(seed ^ 0xF10A7L);
        float[] f = drawFloats(regime, random);
        double[] x = toDoubles(f);
        double slack = 0x1p-20;

        BigDecimal lse = HighPrecision.logSumExp(x);
        assertThat(HighPrecision.floatUlpError(StableMath.logSumExp(f), lse)).isLessThanOrEqualTo(0.5 + slack);

        BigDecimal[] p = HighPrecision.softmax(x);
        float[] pf = StableMath.softmax(f);
        float[] lpf = StableMath.logSoftmax(f);
        for (int i = 0; i < f.length; i++) {
            assertThat(HighPrecision.floatUlpError(pf[i], p[i])).isLessThanOrEqualTo(2.0);
            if (f[i] != Float.NEGATIVE_INFINITY) {
                BigDecimal lp = HighPrecision.exact(x[i]).subtract(lse);
                assertThat(HighPrecision.floatUlpError(lpf[i], lp)).isLessThanOrEqualTo(0.5 + slack);
            }
        }
        int target = random.nextInt(f.length);
        if (f[target] != Float.NEGATIVE_INFINITY) {
            BigDecimal ce = lse.subtract(HighPrecision.exact(x[target]));
            assertThat(HighPrecision.floatUlpError(StableMath.crossEntropy(f, target), ce))
                    .isLessThanOrEqualTo(0.5 + slack);
        }
    }

    // ------------------------------------------------------------------ sigmoid family

    static Stream<Double> sigmoidArguments() {
        SplittableRandom random = new SplittableRandom(0x516L);
        return Stream.concat(
                Stream.of(0.0, 1e-300, -1e-300, 1e-8, -1e-8, 0.5, -0.5, 20.0, -20.0, 36.7, -36.7, 700.0, -700.0, 744.0, -744.0),
                random.doubles(150, -750, 750).boxed());
    }

    private static BigDecimal softplusExact(double x) {
        return HighPrecision.log1p(HighPrecision.exp(HighPrecision.exact(x)));
    }

    @ParameterizedTest
    @MethodSource("sigmoidArguments")
    void sigmoidFamilyIsAccurateToAFewUlps(double x) {
        BigDecimal ex = HighPrecision.exp(HighPrecision.exact(x));
        BigDecimal sigmoid = ex.divide(BigDecimal.ONE.add(ex), HighPrecision.MC);
        assertThat(HighPrecision.ulpError(StableMath.sigmoid(x), sigmoid)).isLessThanOrEqualTo(2.0);
        assertThat(HighPrecision.ulpError(StableMath.softplus(x), softplusExact(x))).isLessThanOrEqualTo(2.0);
        assertThat(HighPrecision.ulpError(StableMath.logSigmoid(x), softplusExact(-x).negate())).isLessThanOrEqualTo(2.0);
        assertThat(HighPrecision.floatUlpError(StableMath.sigmoid((float) x),
                HighPrecision.exp(HighPrecision.exact((float) x)).divide(
                        BigDecimal.ONE.add(HighPrecision.exp(HighPrecision.exact((float) x))), HighPrecision.MC)))
                .isLessThanOrEqualTo(0.5 + 0x1p-20);
    }

    @ParameterizedTest
    @MethodSource("sigmoidArguments")
    void binaryCrossEntropyWithLogitsIsAccurate(double x) {
        SplittableRandom random = new SplittableRandom(Double.doubleToLongBits(x));
        for (double y : new double[] {0.0, 1.0, random.nextDouble(), 1 - 0x1p-30, 0x1p-30}) {
            // y·softplus(−x) + (1−y)·softplus(x)
            BigDecimal by = HighPrecision.exact(y);
            BigDecimal exact = by.multiply(softplusExact(-x)).add(BigDecimal.ONE.subtract(by).multiply(softplusExact(x)));
            assertThat(HighPrecision.ulpError(StableMath.binaryCrossEntropyWithLogits(x, y), exact))
                    .as("x=%s y=%s", x, y).isLessThanOrEqualTo(4.0);
        }
    }
}
