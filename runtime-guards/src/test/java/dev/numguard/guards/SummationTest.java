package dev.numguard.guards;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SummationTest {

    private static final double EPS = 0x1p-53; // unit roundoff of double

    /** γ_n = n·u / (1 − n·u), the standard rounding-error constant. */
    private static double gamma(int n) {
        return n * EPS / (1 - n * EPS);
    }

    private static double naiveSum(double[] x) {
        double s = 0;
        for (double v : x) {
            s += v;
        }
        return s;
    }

    // ------------------------------------------------------------------ CPython test_math fsum vectors

    /** The vectors of CPython's Lib/test/test_math.py testFsum, with their published results. */
    static Stream<Arguments> cpythonFsumVectors() {
        List<Arguments> cases = new ArrayList<>();
        cases.add(Arguments.of("empty", new double[] {}, 0.0));
        cases.add(Arguments.of("zero", new double[] {0.0}, 0.0));
        cases.add(Arguments.of("1e100 cancellation",
                new double[] {1e100, 1.0, -1e100, 1e-100, 1e50, -1.0, -1e50}, 1e-100));
        cases.add(Arguments.of("2^53 - 0.5 - 2^-54",
                new double[] {0x1p53, -0.5, -0x1p-54}, 0x1p53 - 1.0));
        cases.add(Arguments.of("2^53 + 1 + 2^-100", new double[] {0x1p53, 1.0, 0x1p-100}, 0x1p53 + 2.0));
        cases.add(Arguments.of("2^53 + 10 + 1 + 2^-100",
                new double[] {0x1p53 + 10.0, 1.0, 0x1p-100}, 0x1p53 + 12.0));
        cases.add(Arguments.of("2^53 - 4 + 0.5 + 2^-54",
                new double[] {0x1p53 - 4.0, 0.5, 0x1p-54}, 0x1p53 - 3.0));
        cases.add(Arguments.of("harmonic 1..1000",
                IntStream.rangeClosed(1, 1000).mapToDouble(n -> 1.0 / n).toArray(), 0x1.df11f45f4e61ap+2));
        cases.add(Arguments.of("alternating harmonic 1..1000",
                IntStream.rangeClosed(1, 1000).mapToDouble(n -> (n % 2 == 0 ? 1.0 : -1.0) / n).toArray(),
                -0x1.62a2af1bd3624p-1));
        cases.add(Arguments.of("1e16 + 1 + 1e-16", new double[] {1e16, 1., 1e-16}, 10000000000000002.0));
        cases.add(Arguments.of("exact cancellation",
                new double[] {1e16 - 2., 1. - 0x1p-53, -(1e16 - 2.), -(1. - 0x1p-53)}, 0.0));
        List<Double> halfway = new ArrayList<>();
        for (int n = -1074; n < 972; n += 2) {
            halfway.add(Math.scalb(1.0, n) - Math.scalb(1.0, n + 50) + Math.scalb(1.0, n + 52));
        }
        halfway.add(-0x1p1022);
        cases.add(Arguments.of("half-even resolution across partials",
                halfway.stream().mapToDouble(Double::doubleValue).toArray(), 0x1.5555555555555p+970));
        double[] powers = new double[1001];
        for (int i = 0; i <= 1000; i++) {
            powers[i] = Math.pow(1.7, i);
        }
        double[] telescoping = new double[1001];
        for (int i = 0; i < 1000; i++) {
            telescoping[i] = powers[i + 1] - powers[i];
        }
        telescoping[1000] = -powers[1000];
        cases.add(Arguments.of("telescoping 1.7^i (Sterbenz-exact differences)", telescoping, -powers[0]));
        cases.add(Arguments.of("1 + 1e100 + 1 - 1e100", new double[] {1.0, 1e100, 1.0, -1e100}, 2.0));
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cpythonFsumVectors")
    void exactSumMatchesCpythonFsumVectors(String name, double[] values, double expected) {
        assertThat(Summation.exactSum(values)).isEqualTo(expected);
        // and the published value is indeed the correctly rounded exact sum
        assertThat(HighPrecision.toDouble(HighPrecision.exactSum(values))).isEqualTo(expected);
    }

    @Test
    void naiveLoopFailsWhereExactSumDoesNot() {
        double[] x = {1.0, 1e100, 1.0, -1e100};
        assertThat(naiveSum(x)).isEqualTo(0.0);
        assertThat(Summation.sum(x)).isEqualTo(2.0);
        assertThat(Summation.exactSum(x)).isEqualTo(2.0);

        double[] tenths = new double[10];
        java.util.Arrays.fill(tenths, 0.1);
        assertThat(naiveSum(tenths)).isEqualTo(0.9999999999999999);
        assertThat(Summation.exactSum(tenths)).isEqualTo(1.0);
        assertThat(Summation.sum(tenths)).isEqualTo(1.0);
    }

    @Nested
    class ExactSumSpecialValues {

        @Test
        void intermediateOverflowIsResolvedExactly() {
            // CPython raises OverflowError here; the exact sum 1e308 is representable.
            assertThat(Summation.exactSum(new double[] {1e308, 1e308, -1e308})).isEqualTo(1e308);
            assertThat(Summation.exactSum(new double[] {-1e308, -1e308, 1e308, 5e-324}))
                    .isEqualTo(-1e308);
            double max = Double.MAX_VALUE;
            assertThat(Summation.exactSum(new double[] {max, max, -max, -max, 5e-324})).isEqualTo(5e-324);
            assertThat(Summation.exactSum(new double[] {max, max, -max, -max})).isEqualTo(0.0);
            assertThat(Summation.exactSum(new double[] {max, 1e300, -1e300, 1.0})).isEqualTo(max);
        }

        @Test
        void totalBeyondRangeRoundsToInfinity() {
            assertThat(Summation.exactSum(new double[] {1e308, 1e308})).isEqualTo(Double.POSITIVE_INFINITY);
            assertThat(Summation.exactSum(new double[] {-1e308, -1e308})).isEqualTo(Double.NEGATIVE_INFINITY);
            double max = Double.MAX_VALUE;
            double halfUlp = Math.ulp(max) / 2; // 2^970: max + halfUlp is a tie that rounds to even → inf
            assertThat(Summation.exactSum(new double[] {max, halfUlp})).isEqualTo(Double.POSITIVE_INFINITY);
            assertThat(Summation.exactSum(new double[] {max, halfUlp, -5e-324})).isEqualTo(max);
            assertThat(Summation.exactSum(new double[] {max, halfUlp / 2})).isEqualTo(max);
        }

        @Test
        void infinitiesAndNaN() {
            double inf = Double.POSITIVE_INFINITY;
            assertThat(Summation.exactSum(new double[] {inf, 1.0})).isEqualTo(inf);
            assertThat(Summation.exactSum(new double[] {-inf, 1e308, 1e308})).isEqualTo(-inf);
            assertThat(Summation.exactSum(new double[] {inf, inf})).isEqualTo(inf);
            assertThat(Summation.exactSum(new double[] {inf, -inf})).isNaN();
            assertThat(Summation.exactSum(new double[] {Double.NaN, 1.0})).isNaN();
            assertThat(Summation.exactSum(new double[] {inf, Double.NaN})).isNaN();
        }

        @Test
        void signedZeros() {
            assertThat(Summation.exactSum(new double[] {})).isEqualTo(0.0).matches(v -> 1 / v > 0);
            assertThat(Summation.exactSum(new double[] {-0.0})).matches(v -> 1 / v < 0, "is -0.0");
            assertThat(Summation.exactSum(new double[] {-0.0, -0.0})).matches(v -> 1 / v < 0, "is -0.0");
            assertThat(Summation.exactSum(new double[] {-0.0, 0.0})).matches(v -> 1 / v > 0, "is +0.0");
            assertThat(Summation.exactSum(new double[] {1.5, -1.5})).matches(v -> 1 / v > 0, "is +0.0");
            assertThat(Summation.sum(new double[] {})).matches(v -> 1 / v > 0, "is +0.0");
            assertThat(Summation.sum(new double[] {-0.0, -0.0})).matches(v -> 1 / v < 0, "is -0.0");
            assertThat(Summation.sum(new double[] {-0.0, 0.0})).matches(v -> 1 / v > 0, "is +0.0");
        }

        @Test
        void subnormals() {
            double tiny = Double.MIN_VALUE;
            assertThat(Summation.exactSum(new double[] {tiny, tiny, tiny})).isEqualTo(3 * tiny);
            assertThat(Summation.exactSum(new double[] {1.0, tiny, -1.0})).isEqualTo(tiny);
            assertThat(Summation.sum(new double[] {1.0, tiny, -1.0})).isEqualTo(tiny);
            assertThat(Summation.exactSum(new double[] {Double.MIN_NORMAL, -tiny})).isEqualTo(Double.MIN_NORMAL - tiny);
        }
    }

    // ------------------------------------------------------------------ property tests

    /** Hostile arrays: wide exponent range, both signs, and deliberate near-total cancellation. */
    static double[] hostileArray(SplittableRandom random) {
        int n = 1 + random.nextInt(200);
        double[] x = new double[n];
        int maxExponent = random.nextBoolean() ? 60 : 1000;
        for (int i = 0; i < n; i++) {
            double mantissa = random.nextDouble(-1.0, 1.0);
            int exponent = random.nextInt(-maxExponent, maxExponent + 1);
            x[i] = Math.scalb(mantissa, exponent);
        }
        if (random.nextBoolean()) {
            // Append negations of a random subset so the large parts cancel exactly.
            double[] y = java.util.Arrays.copyOf(x, 2 * n);
            for (int i = 0; i < n; i++) {
                y[n + i] = random.nextInt(3) == 0 ? x[i] : -x[i];
            }
            shuffle(y, random);
            return y;
        }
        return x;
    }

    static void shuffle(double[] x, SplittableRandom random) {
        for (int i = x.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            double t = x[i];
            x[i] = x[j];
            x[j] = t;
        }
    }

    @RepeatedTest(400)
    void exactSumIsTheCorrectlyRoundedBigDecimalSum(RepetitionInfo info) {
        SplittableRandom random = new SplittableRandom(0x5EED_0000L + info.getCurrentRepetition());
        double[] x = hostileArray(random);
        BigDecimal exact = HighPrecision.exactSum(x);
        assertThat(Summation.exactSum(x)).isEqualTo(HighPrecision.toDouble(exact));
        // and the range overload agrees on a slice
        int from = random.nextInt(x.length);
        int length = random.nextInt(x.length - from + 1);
        double[] slice = java.util.Arrays.copyOfRange(x, from, from + length);
        assertThat(Summation.exactSum(x, from, length))
                .isEqualTo(HighPrecision.toDouble(HighPrecision.exactSum(slice)));
    }

    @RepeatedTest(100)
    void exactSumIsExactUnderIntermediateOverflow(RepetitionInfo info) {
        SplittableRandom random = new SplittableRandom(0x0F10_0000L + info.getCurrentRepetition());
        int n = 2 + random.nextInt(30);
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = random.nextInt(4) == 0
                    ? Math.scalb(random.nextDouble(-1, 1), random.nextInt(-1074, 0))
                    : random.nextDouble(-1.0, 1.0) * Double.MAX_VALUE;
        }
        double expected = HighPrecision.toDouble(HighPrecision.exactSum(x));
        assertThat(Summation.exactSum(x)).isEqualTo(expected);
    }

    @RepeatedTest(400)
    void compensatedSumMeetsItsErrorBound(RepetitionInfo info) {
        SplittableRandom random = new SplittableRandom(0xC0DE_0000L + info.getCurrentRepetition());
        double[] x = hostileArray(random);
        BigDecimal exact = HighPrecision.exactSum(x);
        double absSum = 0;
        for (double v : x) {
            absSum += Math.abs(v);
        }
        // Sum2 bound (Ogita, Rump, Oishi 2005): |res − s| ≤ u·|s| + γ_{n−1}²·Σ|x_i|
        double bound = EPS * Math.abs(exact.doubleValue()) + gamma(x.length - 1) * gamma(x.length - 1) * absSum * 1.01;
        assertThat(HighPrecision.absError(Summation.sum(x), exact)).isLessThanOrEqualTo(bound);
    }

    @RepeatedTest(200)
    void compensatedSumIsCorrectlyRoundedOnWellConditionedData(RepetitionInfo info) {
        SplittableRandom random = new SplittableRandom(0xAB_0000L + info.getCurrentRepetition());
        double[] x = random.doubles(1 + random.nextInt(5000), 0, 1e6).toArray();
        assertThat(HighPrecision.ulpError(Summation.sum(x), HighPrecision.exactSum(x))).isLessThanOrEqualTo(0.5 + 1e-9);
    }

    @RepeatedTest(200)
    void floatSumIsTheRoundedExactSum(RepetitionInfo info) {
        SplittableRandom random = new SplittableRandom(0xF1_0000L + info.getCurrentRepetition());
        int n = 1 + random.nextInt(300);
        float[] x = new float[n];
        double[] asDouble = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) Math.scalb(random.nextDouble(-1, 1), random.nextInt(-40, 40));
            asDouble[i] = x[i];
        }
        float expected = HighPrecision.exactSum(asDouble).floatValue();
        assertThat(Summation.sum(x)).isEqualTo(expected);
        int from = random.nextInt(n);
        float[] tail = java.util.Arrays.copyOfRange(x, from, n);
        assertThat(Summation.sum(x, from, n - from)).isEqualTo(Summation.sum(tail));
    }

    @Test
    void floatSumBeatsFloatAccumulation() {
        float[] x = new float[1_000_000];
        java.util.Arrays.fill(x, 0.1f);
        float naive = 0f;
        for (float v : x) {
            naive += v;
        }
        float expected = (float) (1_000_000 * (double) 0.1f);
        assertThat(naive).isNotEqualTo(expected); // 100958.34: float accumulation drifts by 1%
        assertThat(Summation.sum(x)).isEqualTo(expected);
    }

    @Test
    void compensatedSumSpecialValues() {
        double inf = Double.POSITIVE_INFINITY;
        assertThat(Summation.sum(new double[] {1.0, inf})).isEqualTo(inf);
        assertThat(Summation.sum(new double[] {-inf, 1.0, -inf})).isEqualTo(-inf);
        assertThat(Summation.sum(new double[] {inf, -inf})).isNaN();
        assertThat(Summation.sum(new double[] {1.0, Double.NaN})).isNaN();
        assertThat(Summation.sum(new double[] {1e308, 1e308})).isEqualTo(inf);
        assertThat(Summation.sum(new float[] {Float.MAX_VALUE, Float.MAX_VALUE})).isEqualTo(Float.POSITIVE_INFINITY);
        assertThat(Summation.sum(new float[] {Float.NaN})).isNaN();
        assertThat(Summation.sum(new float[] {})).isEqualTo(0.0f);
    }

    // ------------------------------------------------------------------ dot products

    @RepeatedTest(300)
    void dotMeetsTheDot2ErrorBound(RepetitionInfo info) {
        SplittableRandom random = new SplittableRandom(0xD07_0000L + info.getCurrentRepetition());
        int n = 1 + random.nextInt(200);
        double[] x = new double[2 * n];
        double[] y = new double[2 * n];
        for (int i = 0; i < n; i++) {
            x[i] = Math.scalb(random.nextDouble(-1, 1), random.nextInt(-100, 100));
            y[i] = Math.scalb(random.nextDouble(-1, 1), random.nextInt(-100, 100));
            // an ill-conditioned twin: x[n+i]·y[n+i] ≈ −x[i]·y[i]
            x[n + i] = -x[i];
            y[n + i] = y[i] * (1 + random.nextDouble(-1e-12, 1e-12));
        }
        BigDecimal exact = HighPrecision.exactDot(x, y);
        double absSum = 0;
        for (int i = 0; i < x.length; i++) {
            absSum += Math.abs(x[i] * y[i]);
        }
        double bound = EPS * Math.abs(exact.doubleValue()) + gamma(x.length) * gamma(x.length) * absSum * 1.01;
        double computed = Summation.dot(x, y);
        assertThat(HighPrecision.absError(computed, exact)).isLessThanOrEqualTo(bound);
        assertThat(Summation.dot(x, 0, y, 0, x.length)).isEqualTo(computed);
    }

    @Test
    void dotKeepsWhatTheNaiveLoopLoses() {
                double[] x = {1e8 + 1, -1e8};
        double[] y = {1e8 - 1, 1e8};
        // exact: (1e16 − 1) − 1e16 = −1; the first product is not representable
        double naive = x[0] * y[0] + x[1] * y[1];
        assertThat(naive).isNotEqualTo(-1.0);
        assertThat(Summation.dot(x, y)).isEqualTo(-1.0);
    }

    @Test
    void dotRangesAndSpecialValues() {
        double[] x = {9, 1, 2, 3, 9};
        double[] y = {4, 5, 6};
        assertThat(Summation.dot(x, 1, y, 0, 3)).isEqualTo(1 * 4 + 2 * 5 + 3 * 6);
        assertThat(Summation.dot(new double[] {}, new double[] {})).isEqualTo(0.0);
        assertThat(Summation.dot(new double[] {1e200, 1}, new double[] {1e200, 1})).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(Summation.dot(new double[] {Double.POSITIVE_INFINITY}, new double[] {0.0})).isNaN();
        assertThat(Summation.dot(new double[] {Double.NaN, 1}, new double[] {1, 1})).isNaN();
        assertThat(Summation.dot(new float[] {1e20f, 1f, -1e20f}, new float[] {1f, 1f, 1f})).isEqualTo(1f);
        assertThat(Summation.dot(new float[] {3e38f, 3e38f}, new float[] {1f, 1f})).isEqualTo(Float.POSITIVE_INFINITY);
    }

    @RepeatedTest(100)
    void floatDotIsTheRoundedExactDot(RepetitionInfo info) {
        SplittableRandom random = new SplittableRandom(0xFD07_0000L + info.getCurrentRepetition());
        int n = 1 + random.nextInt(100);
        float[] x = new float[n];
        float[] y = new float[n];
        double[] dx = new double[n];
        double[] dy = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) random.nextDouble(-10, 10);
            y[i] = (float) Math.scalb(random.nextDouble(-1, 1), random.nextInt(-20, 20));
            dx[i] = x[i];
            dy[i] = y[i];
        }
        assertThat(Summation.dot(x, y)).isEqualTo(HighPrecision.exactDot(dx, dy).floatValue());
    }

    // ------------------------------------------------------------------ argument checking

    @Test
    void badArgumentsAreRejected() {
        assertThatThrownBy(() -> Summation.sum((double[]) null)).isInstanceOf(NullPointerException.class).hasMessage("x");
        assertThatThrownBy(() -> Summation.sum((float[]) null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> Summation.exactSum(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> Summation.dot(new double[1], null)).isInstanceOf(NullPointerException.class).hasMessage("y");
        assertThatThrownBy(() -> Summation.dot(new double[2], new double[3]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("same length").hasMessageContaining("2 and 3");
        assertThatThrownBy(() -> Summation.dot(new float[2], new float[1])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Summation.sum(new double[3], 2, 2)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> Summation.sum(new double[3], -1, 1)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> Summation.sum(new float[3], 0, 4)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> Summation.exactSum(new double[3], 1, -1)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> Summation.dot(new double[3], 1, new double[3], 0, 3)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThat(Summation.sum(new double[3], 3, 0)).isEqualTo(0.0);
    }
}
