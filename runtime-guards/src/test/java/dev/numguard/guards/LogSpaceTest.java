package dev.numguard.guards;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * {@link LogSpace} and {@link LogProduct} against the 60-digit reference. Bound asserted for the
 * log of a product: within 2 ulps of the exact {@code Σ log p_i} (compensated product: the product
 * carries ~106 bits, so only the final log and the exponent·ln 2 assembly round).
 */
class LogSpaceTest {

    private static final double INF = Double.POSITIVE_INFINITY;

    @Nested
    class NaiveProductsUnderflow {

        @Test
        void fourHundredTokensOfProbabilityTenthInDouble() {
            double[] p = new double[400];
            Arrays.fill(p, 0.1);
            double product = 1;
            for (double v : p) {
                product *= v;
            }
            assertThat(product).isEqualTo(0.0);
            assertThat(Math.log(product)).isEqualTo(Double.NEGATIVE_INFINITY);
            BigDecimal exact = HighPrecision.log(HighPrecision.exact(0.1)).multiply(BigDecimal.valueOf(400));
            double stable = LogSpace.logProduct(p);
            assertThat(stable).isCloseTo(-921.0340371976183, within(1e-12));
            assertThat(HighPrecision.ulpError(stable, exact)).isLessThanOrEqualTo(1.0);
        }

        @Test
        void threeHundredTokensInFloat() {
            float[] p = new float[300];
            Arrays.fill(p, 0.1f);
            float product = 1f;
            for (float v : p) {
                product *= v;
            }
            assertThat((float) Math.log(product)).isEqualTo(Float.NEGATIVE_INFINITY);
            BigDecimal exact = HighPrecision.log(HighPrecision.exact(0.1f)).multiply(BigDecimal.valueOf(300));
            assertThat(LogSpace.logProduct(p)).isEqualTo(exact.floatValue());
            // the demo value: 300 tokens of probability 0.1 in double
            double[] d = new double[300];
            Arrays.fill(d, 0.1);
            assertThat(LogSpace.logProduct(d)).isCloseTo(300 * Math.log(0.1), within(1e-12));
        }
    }

    @Nested
    class EdgeCases {

        @Test
        void emptyZeroInfinityNaN() {
            assertThat(LogSpace.logProduct(new double[0])).isEqualTo(0.0);
            assertThat(LogSpace.logProduct(new float[0])).isEqualTo(0.0f);
            assertThat(LogSpace.logProduct(0.5, 0.0, 0.25)).isEqualTo(Double.NEGATIVE_INFINITY);
            assertThat(LogSpace.logProduct(0.5, -0.0)).isEqualTo(Double.NEGATIVE_INFINITY);
            assertThat(LogSpace.logProduct(0.5, INF)).isEqualTo(INF);
            assertThat(LogSpace.logProduct(0.0, INF)).isNaN();
            assertThat(LogSpace.logProduct(0.5, Double.NaN)).isNaN();
            assertThat(LogSpace.logProduct(Double.NaN, 0.0)).isNaN();
            assertThat(LogSpace.logProduct(1.0, 1.0)).isEqualTo(0.0);
            assertThat(LogSpace.logProduct(2.0, 0.5)).isEqualTo(0.0);
            assertThat(LogSpace.logProduct(0.5f, 0f)).isEqualTo(Float.NEGATIVE_INFINITY);
        }

        @Test
        void extremeFactorsAreExact() {
            assertThat(LogSpace.logProduct(Double.MIN_VALUE)).isEqualTo(Math.log(Double.MIN_VALUE));
            assertThat(LogSpace.logProduct(Double.MIN_VALUE, Double.MIN_VALUE)).isEqualTo(2 * Math.log(Double.MIN_VALUE));
            assertThat(LogSpace.logProduct(Double.MAX_VALUE, Double.MAX_VALUE, Double.MIN_VALUE))
                    .isCloseTo(2 * Math.log(Double.MAX_VALUE) + Math.log(Double.MIN_VALUE), within(1e-12));
            assertThat(LogSpace.logProduct(1e300, 1e-300)).isCloseTo(0.0, within(1e-15));
            BigDecimal exact = HighPrecision.log(HighPrecision.exact(1e300)).add(HighPrecision.log(HighPrecision.exact(1e-300)));
            assertThat(HighPrecision.absError(LogSpace.logProduct(1e300, 1e-300), exact)).isLessThanOrEqualTo(0x1p-60);
        }

        @Test
        void aMillionHalvesIsExactlyAMillionTimesLn2() {
            double[] half = new double[1_000_000];
            Arrays.fill(half, 0.5);
            BigDecimal exact = HighPrecision.ln2().multiply(BigDecimal.valueOf(-1_000_000));
            assertThat(HighPrecision.ulpError(LogSpace.logProduct(half), exact)).isLessThanOrEqualTo(0.5);
        }

        @Test
        void factorsCloseToOneKeepTheirDigits() {
            // Π (1 − 2^-40) over 1000 factors: the plain product drifts, the compensated one does not
            double[] p = new double[1000];
            Arrays.fill(p, 1 - 0x1p-40);
            BigDecimal exact = HighPrecision.log1p(HighPrecision.exact(0x1p-40).negate())
                    .multiply(BigDecimal.valueOf(1000));
            assertThat(HighPrecision.ulpError(LogSpace.logProduct(p), exact)).isLessThanOrEqualTo(1.0);
        }

        @Test
        void ln2SplitConstantIsRight() {
            BigDecimal split = HighPrecision.exact(Math.log(2)).add(HighPrecision.exact(2.3190468138462996e-17));
            assertThat(split.subtract(HighPrecision.ln2()).abs()).isLessThan(new BigDecimal("1e-33"));
        }

        @Test
        void badArguments() {
            assertThatThrownBy(() -> LogSpace.logProduct(0.5, -0.25))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("factor at index 1 is negative (-0.25); probabilities must be >= 0");
            assertThatThrownBy(() -> LogSpace.logProduct(0.5f, 0.5f, -1f))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("index 2");
            assertThatThrownBy(() -> LogSpace.logProduct(-INF)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> LogSpace.logProduct((double[]) null)).isInstanceOf(NullPointerException.class);
            assertThatThrownBy(() -> LogSpace.logProduct((float[]) null)).isInstanceOf(NullPointerException.class);
            assertThatThrownBy(() -> LogSpace.logProduct(new double[3], 2, 2)).isInstanceOf(IndexOutOfBoundsException.class);
            assertThatThrownBy(() -> LogSpace.logMean(null)).isInstanceOf(NullPointerException.class);
        }
    }

    /** Random factors: probabilities, tiny and subnormal values, likelihood ratios above 1. */
    @RepeatedTest(300)
    void logProductIsWithinTwoUlps(RepetitionInfo info) {
        SplittableRandom random = new SplittableRandom(0x10C0_0000L + info.getCurrentRepetition());
        int n = 1 + random.nextInt(random.nextBoolean() ? 50 : 2000);
        double[] p = new double[n];
        int kind = random.nextInt(4);
        for (int i = 0; i < n; i++) {
            p[i] = switch (kind) {
                case 0 -> random.nextDouble(Double.MIN_NORMAL, 1.0);
                case 1 -> Math.scalb(random.nextDouble(0.5, 1.0), -random.nextInt(0, 1075));
                case 2 -> Math.exp(random.nextDouble(-700, 700));
                default -> 1 - random.nextDouble(0, 1e-6);
            };
            if (p[i] == 0) {
                p[i] = Double.MIN_VALUE;
            }
        }
        BigDecimal exact = HighPrecision.logProduct(p);
        double computed = LogSpace.logProduct(p);
        assertThat(HighPrecision.ulpError(computed, exact)).as("kind %d, n %d", kind, n).isLessThanOrEqualTo(2.0);

        int from = random.nextInt(n);
        int length = random.nextInt(n - from + 1);
        assertThat(LogSpace.logProduct(p, from, length))
                .isEqualTo(LogSpace.logProduct(Arrays.copyOfRange(p, from, from + length)));
    }

    @RepeatedTest(100)
    void floatLogProductIsTheRoundedExactValue(RepetitionInfo info) {
        SplittableRandom random = new SplittableRandom(0xF10C_0000L + info.getCurrentRepetition());
        int n = 1 + random.nextInt(3000);
        float[] p = new float[n];
        double[] asDouble = new double[n];
        for (int i = 0; i < n; i++) {
            p[i] = (float) random.nextDouble(1e-30, 1.0);
            asDouble[i] = p[i];
        }
        assertThat(HighPrecision.floatUlpError(LogSpace.logProduct(p), HighPrecision.logProduct(asDouble)))
                .isLessThanOrEqualTo(0.5 + 0x1p-20);
    }

    @Nested
    class Accumulator {

        @Test
        void incrementalEqualsWholeArrayAndMergesInAnyOrder() {
            SplittableRandom random = new SplittableRandom(42);
            double[] p = random.doubles(5000, 1e-5, 1.0).toArray();
            double whole = LogSpace.logProduct(p);

            LogProduct oneByOne = new LogProduct();
            for (double v : p) {
                oneByOne.multiply(v);
            }
            assertThat(oneByOne.log()).isCloseTo(whole, within(Math.ulp(whole)));
            assertThat(oneByOne.count()).isEqualTo(5000);

            LogProduct first = new LogProduct().multiplyAll(p, 0, 1234);
            LogProduct second = new LogProduct().multiplyAll(p, 1234, 5000 - 1234);
            assertThat(new LogProduct().multiply(second).multiply(first).log()).isCloseTo(whole, within(2 * Math.ulp(whole)));
            assertThat(first.multiply(second).count()).isEqualTo(5000);
        }

        @Test
        void logFactorsMixWithPlainOnes() {
            LogProduct product = new LogProduct().multiply(0.25).multiplyLog(Math.log(0.5)).multiplyLog(-1000.0);
            assertThat(product.log()).isCloseTo(Math.log(0.125) - 1000, within(1e-12));
            assertThat(product.count()).isEqualTo(3);
            assertThat(product.value()).isEqualTo(0.0); // e^-1002 underflows; that is why log() exists
            assertThat(new LogProduct().multiply(0.25).multiplyLog(Math.log(2)).value()).isCloseTo(0.5, within(1e-16));
            assertThat(new LogProduct().multiplyLog(Double.NEGATIVE_INFINITY).log()).isEqualTo(Double.NEGATIVE_INFINITY);
            assertThat(new LogProduct().multiplyLog(INF).multiply(0.0).log()).isNaN();
            assertThat(new LogProduct().multiplyLog(Double.NaN).multiply(0.5).log()).isNaN();
            LogProduct withLogs = new LogProduct().multiplyLog(-3.0);
            assertThat(new LogProduct().multiply(0.5).multiply(withLogs).log()).isCloseTo(Math.log(0.5) - 3, within(1e-15));
        }

        @Test
        void emptyAndSpecialFactors() {
            assertThat(new LogProduct().log()).isEqualTo(0.0);
            assertThat(new LogProduct().value()).isEqualTo(1.0);
            assertThat(new LogProduct().multiply(0.0).log()).isEqualTo(Double.NEGATIVE_INFINITY);
            assertThat(new LogProduct().multiply(INF).log()).isEqualTo(INF);
            assertThat(new LogProduct().multiply(Double.NaN).log()).isNaN();
            assertThat(new LogProduct().multiply(Double.MIN_VALUE).log()).isEqualTo(Math.log(Double.MIN_VALUE));
            assertThat(new LogProduct().multiply(0.0).multiply(new LogProduct().multiply(INF)).log()).isNaN();
        }

        @Test
        void aRejectedFactorLeavesTheProductUnchanged() {
            LogProduct product = new LogProduct().multiply(0.5);
            assertThatThrownBy(() -> product.multiply(-0.1))
                    .isInstanceOf(IllegalArgumentException.class).hasMessage("factor must be non-negative, got -0.1");
            assertThatThrownBy(() -> product.multiplyAll(new double[] {0.0, 0.5, -1}))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("index 2");
            assertThat(product.log()).isEqualTo(Math.log(0.5));
            assertThat(product.count()).isEqualTo(1);
            assertThatThrownBy(() -> product.multiplyAll(null)).isInstanceOf(NullPointerException.class);
            assertThatThrownBy(() -> product.multiply((LogProduct) null)).isInstanceOf(NullPointerException.class);
        }
    }

    @Nested
    class Log1mExpAndFriends {

        @ParameterizedTest
        @ValueSource(doubles = {-1e-300, -1e-20, -1e-10, -1e-5, -0.1, -0.5, -0.6931471805599453, -0.6931471805599454,
                -0.7, -1, -5, -20, -36, -40, -100, -700, -745})
        void log1mExpIsAccurate(double x) {
            BigDecimal bx = HighPrecision.exact(x);
            // 1 − e^x; for tiny |x| by its series −x·(1 + x/2 + x²/6 + x³/24), as 1 − exp at 60 digits
            // would cancel to 0
            BigDecimal oneMinus = Math.abs(x) < 1e-10
                    ? bx.negate().multiply(BigDecimal.ONE.add(bx.divide(BigDecimal.valueOf(2)))
                            .add(bx.pow(2).divide(BigDecimal.valueOf(6), HighPrecision.MC))
                            .add(bx.pow(3).divide(BigDecimal.valueOf(24), HighPrecision.MC)))
                    : BigDecimal.ONE.subtract(HighPrecision.exp(bx));
            double computed = LogSpace.log1mExp(x);
            if (x < -40) {
                // 1 − e^x is 1 − tiny: log1p(−e^x) ≈ −e^x, compare through the series instead
                BigDecimal exact = HighPrecision.log1p(HighPrecision.exp(HighPrecision.exact(x)).negate());
                assertThat(HighPrecision.ulpError(computed, exact)).isLessThanOrEqualTo(2.0);
            } else {
                assertThat(HighPrecision.ulpError(computed, HighPrecision.log(oneMinus))).isLessThanOrEqualTo(2.0);
            }
        }

        @Test
        void naiveFormulaFailsAtBothEnds() {
            assertThat(Math.log(1 - Math.exp(-1e-20))).isEqualTo(Double.NEGATIVE_INFINITY);
            assertThat(LogSpace.log1mExp(-1e-20)).isCloseTo(Math.log(1e-20), within(1e-13));
            assertThat(Math.log(1 - Math.exp(-40))).isEqualTo(0.0);
            assertThat(LogSpace.log1mExp(-40)).isEqualTo(-Math.exp(-40));
        }

        @Test
        void log1mExpEdges() {
            assertThat(LogSpace.log1mExp(0.0)).isEqualTo(Double.NEGATIVE_INFINITY);
            assertThat(LogSpace.log1mExp(-0.0)).isEqualTo(Double.NEGATIVE_INFINITY);
            assertThat(LogSpace.log1mExp(Double.NEGATIVE_INFINITY)).isEqualTo(0.0).matches(v -> 1 / v > 0, "is +0.0");
            assertThat(LogSpace.log1mExp(1e-10)).isNaN();
            assertThat(LogSpace.log1mExp(INF)).isNaN();
            assertThat(LogSpace.log1mExp(Double.NaN)).isNaN();
        }

        @Test
        void logDiffExp() {
            assertThat(LogSpace.logDiffExp(Math.log(5), Math.log(3))).isCloseTo(Math.log(2), within(4e-16));
            BigDecimal exact = HighPrecision.log(HighPrecision.exp(HighPrecision.exact(1000.0))
                    .subtract(HighPrecision.exp(HighPrecision.exact(999.0))));
            assertThat(HighPrecision.ulpError(LogSpace.logDiffExp(1000, 999), exact)).isLessThanOrEqualTo(1.0);
            assertThat(LogSpace.logDiffExp(3, 3)).isEqualTo(Double.NEGATIVE_INFINITY);
            assertThat(LogSpace.logDiffExp(3, Double.NEGATIVE_INFINITY)).isEqualTo(3.0);
            assertThat(LogSpace.logDiffExp(Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY)).isEqualTo(Double.NEGATIVE_INFINITY);
            assertThat(LogSpace.logDiffExp(INF, 3)).isEqualTo(INF);
            assertThat(LogSpace.logDiffExp(INF, INF)).isNaN();
            assertThat(LogSpace.logDiffExp(2, 3)).isNaN();
            assertThat(LogSpace.logDiffExp(Double.NaN, 3)).isNaN();
            assertThat(LogSpace.logDiffExp(3, Double.NaN)).isNaN();
            assertThat(LogSpace.logDiffExp(INF, Double.NaN)).isNaN();
        }

        @Test
        void logSumAndLogMean() {
            assertThat(LogSpace.logSum(new double[] {1000, 1000})).isEqualTo(1000 + Math.log(2));
            assertThat(LogSpace.logSum(new double[0])).isEqualTo(Double.NEGATIVE_INFINITY);
            assertThat(LogSpace.logMean(new double[] {Math.log(1), Math.log(3)})).isCloseTo(Math.log(2), within(4e-16));
            assertThat(LogSpace.logMean(new double[] {-1000, -1000, -1000})).isCloseTo(-1000, within(1.2e-13));
            assertThat(LogSpace.logMean(new double[] {800, 800})).isEqualTo(800.0);
            assertThat(LogSpace.logMean(new double[0])).isNaN();
            assertThat(LogSpace.logMean(new double[] {Double.NEGATIVE_INFINITY})).isEqualTo(Double.NEGATIVE_INFINITY);
        }
    }

    @Nested
    class RelativeWeights {

        /** Naive Bayes over 600 features: class scores near 10^-600, far below double's range. */
        @Test
        void posteriorsOfUnderflowingScoresMatchTheReference() {
            SplittableRandom random = new SplittableRandom(12);
            double[] logScores = new double[4];
            BigDecimal[] exactScores = new BigDecimal[logScores.length];
            BigDecimal exactTotal = BigDecimal.ZERO;
            for (int c = 0; c < logScores.length; c++) {
                double[] factors = new double[600];
                exactScores[c] = BigDecimal.ONE;
                for (int k = 0; k < factors.length; k++) {
                    factors[k] = random.nextDouble(0.1, 0.2);
                    exactScores[c] = exactScores[c].multiply(HighPrecision.exact(factors[k]), HighPrecision.MC);
                }
                exactTotal = exactTotal.add(exactScores[c]);
                logScores[c] = LogSpace.logProduct(factors);
                assertThat(Math.exp(logScores[c])).isZero();    // the linear score is gone
            }
            double[] weights = logScores.clone();
            double sum = LogSpace.toRelativeWeights(weights);
            assertThat(sum).isBetween(1.0, 4.0);
            for (int c = 0; c < weights.length; c++) {
                double exact = exactScores[c].divide(exactTotal, HighPrecision.MC).doubleValue();
                // each log is within 2 ulps of about 1200 (5e-13): the ratios within a few of those
                assertThat(weights[c] / sum).isCloseTo(exact, within(2e-12 * exact));
            }
            assertThat(exactScores[0].doubleValue()).isZero();
        }

        @Test
        void benignWeightsKeepTheirRatios() {
            double[] linear = {0.2, 0.05, 0.5, 0.25};
            double[] weights = Arrays.stream(linear).map(Math::log).toArray();
            double sum = LogSpace.toRelativeWeights(weights);
            assertThat(weights[2]).isEqualTo(1.0);
            for (int i = 0; i < linear.length; i++) {
                assertThat(weights[i] / sum).isCloseTo(linear[i], within(4e-16));
            }
        }

        @Test
        void zeroInfiniteAndNaNWeights() {
            double[] allZero = {Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY};
            assertThat(LogSpace.toRelativeWeights(allZero)).isZero();
            assertThat(allZero).containsExactly(0.0, 0.0);
            double[] oneZero = {Double.NEGATIVE_INFINITY, -2000};
            assertThat(LogSpace.toRelativeWeights(oneZero)).isEqualTo(1.0);
            assertThat(oneZero).containsExactly(0.0, 1.0);
            double[] infinite = {INF, -3};
            assertThat(LogSpace.toRelativeWeights(infinite)).isNaN();
            assertThat(infinite[1]).isNaN();
            double[] nan = {-3, Double.NaN, 5};
            assertThat(LogSpace.toRelativeWeights(nan)).isNaN();
            assertThat(nan[0]).isNaN();
            assertThat(LogSpace.toRelativeWeights(new double[0])).isZero();
            assertThatThrownBy(() -> LogSpace.toRelativeWeights(null)).isInstanceOf(NullPointerException.class);
        }
    }
}
