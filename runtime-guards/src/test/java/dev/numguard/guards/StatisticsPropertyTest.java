package dev.numguard.guards;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Statistics against the exact BigDecimal statistics of the same doubles, over seeded random data
 * of every awkward shape: huge offsets with small noise, tiny magnitudes, mixed signs over many
 * decades, values near the overflow threshold.
 */
class StatisticsPropertyTest {

    private static final int CASES_PER_SHAPE = 25;

    enum Shape {
        STANDARD_NORMAL(r -> r.nextGaussian()),
        OFFSET_1E8_UNIT_NOISE(r -> 1e8 + r.nextDouble()),
        OFFSET_1E15_NOISE(r -> 1e15 + r.nextInt(1000) * 0.125),
        OFFSET_1E9_TINY_NOISE(r -> 1e9 + r.nextGaussian() * 1e-6),
        TINY_1E_MINUS_300(r -> r.nextGaussian() * 1e-300),
        MIXED_SIGN_TWENTY_DECADES(r -> (r.nextBoolean() ? 1 : -1) * Math.pow(10, r.nextDouble(-10, 10))),
        POSITIVE_LOG_UNIFORM(r -> Math.exp(r.nextDouble(-30, 30))),
        INTEGERS(r -> (double) r.nextInt(-1000, 1000)),
        NEAR_1E300(r -> 1e300 * (1 + r.nextDouble()));

        final Function<SplittableRandom, Double> draw;

        Shape(Function<SplittableRandom, Double> draw) {
            this.draw = draw;
        }

        double[] sample(SplittableRandom random, int n) {
            double[] x = new double[n];
            for (int i = 0; i < n; i++) {
                x[i] = draw.apply(random);
            }
            return x;
        }
    }

    static Stream<Arguments> cases() {
        return Stream.of(Shape.values()).flatMap(shape -> {
            SplittableRandom random = new SplittableRandom(shape.ordinal() * 7919L + 13);
            return Stream.generate(() -> {
                int n = 2 + random.nextInt(400);
                return Arguments.of(shape, shape.sample(random.split(), n));
            }).limit(CASES_PER_SHAPE);
        });
    }

    @ParameterizedTest(name = "{0} #{index}")
    @MethodSource("cases")
    void meanIsWithinOneUlpOfExact(Shape shape, double[] x) {
        assertThat(ExactMoments.ulpsFrom(Statistics.mean(x), ExactMoments.mean(x))).isLessThanOrEqualTo(1.0);
    }

    @ParameterizedTest(name = "{0} #{index}")
    @MethodSource("cases")
    void varianceAndStandardDeviationAreWithinAFewUlpsOfExact(Shape shape, double[] x) {
        for (int ddof = 0; ddof <= 1; ddof++) {
            double variance = ddof == 0 ? Statistics.variance(x) : Statistics.sampleVariance(x);
            double sd = ddof == 0 ? Statistics.standardDeviation(x) : Statistics.sampleStandardDeviation(x);
            if (shape != Shape.NEAR_1E300 && shape != Shape.TINY_1E_MINUS_300) {
                assertThat(ExactMoments.ulpsFrom(variance, ExactMoments.variance(x, ddof))).as("variance ddof=%d", ddof)
                        .isLessThanOrEqualTo(4.0);
            }
            assertThat(ExactMoments.ulpsFrom(sd, ExactMoments.standardDeviation(x, ddof))).as("sd ddof=%d", ddof)
                    .isLessThanOrEqualTo(3.0);
        }
    }

    @ParameterizedTest(name = "{0} #{index}")
    @MethodSource("cases")
    void covarianceIsWithinAFewUlpsOfExact(Shape shape, double[] x) {
        SplittableRandom random = new SplittableRandom(x.length);
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            // Correlated with x, plus independent noise of the same shape.
            y[i] = (random.nextBoolean() ? x[i] : -x[i]) * 0.5 + shape.draw.apply(random) * 0.5;
        }
        for (int ddof = 0; ddof <= 1; ddof++) {
            double covariance = ddof == 0 ? Statistics.covariance(x, y) : Statistics.sampleCovariance(x, y);
            java.math.BigDecimal exact = ExactMoments.covariance(x, y, ddof);
            if (Double.isInfinite(exact.doubleValue()) || exact.doubleValue() == 0) {
                assertThat(covariance).isCloseTo(exact.doubleValue(), org.assertj.core.data.Offset.offset(0.0));
                continue;
            }
            // Covariance can cancel (it has no sign constraint): the error bound is relative to
            // sqrt(var x · var y), not to the covariance itself.
            double scale = Math.sqrt(ExactMoments.variance(x, ddof).doubleValue())
                    * Math.sqrt(ExactMoments.variance(y, ddof).doubleValue());
            double error = new java.math.BigDecimal(covariance).subtract(exact).abs().doubleValue();
            if (Double.isFinite(scale) && scale > 0) {
                assertThat(error / scale).as("ddof=%d", ddof).isLessThanOrEqualTo(8 * Math.ulp(1.0));
            }
        }
    }

    @ParameterizedTest(name = "{0} #{index}")
    @MethodSource("cases")
    void floatOverloadsRoundTheDoubleResultOfTheSameValues(Shape shape, double[] x) {
        if (shape == Shape.NEAR_1E300) {
            return; // not floats
        }
        float[] f = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            f[i] = (float) x[i];
        }
        double[] wide = ExactMoments.widen(f);
        assertThat(ExactMoments.floatUlpsFrom(Statistics.mean(f), ExactMoments.mean(wide))).isLessThanOrEqualTo(0.5 + 1e-6);
        if (Double.isFinite(ExactMoments.variance(wide, 1).floatValue())) {
            assertThat(ExactMoments.floatUlpsFrom(Statistics.sampleVariance(f), ExactMoments.variance(wide, 1)))
                    .isLessThanOrEqualTo(0.5 + 1e-6);
        }
        assertThat(ExactMoments.floatUlpsFrom(Statistics.standardDeviation(f), ExactMoments.standardDeviation(wide, 0)))
                .isLessThanOrEqualTo(0.5 + 1e-6);
    }
}
