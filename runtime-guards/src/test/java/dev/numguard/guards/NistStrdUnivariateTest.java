package dev.numguard.guards;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The NIST Statistical Reference Datasets, univariate summary statistics
 * (https://www.itl.nist.gov/div898/strd/univ/), scored with the log relative error
 * {@code LRE = −log10(|estimate − certified| / |certified|)}, capped at 15.
 *
 * <p>NumAcc3 and NumAcc4 cannot reach LRE 13 for the standard deviation in binary64 with any
 * algorithm: their values (1000000.1, 10000000.2, …) are not doubles, and the parsed doubles'
 * own exact standard deviation differs from the certified 0.1 at LRE 9.46 and 8.25. For them the
 * certified mean is still met to LRE ≥ 13, and the standard deviation is held to LRE ≥ 13 against
 * the exact statistic of the parsed doubles (BigDecimal) — which is what an algorithm controls.
 */
class NistStrdUnivariateTest {

    private static final double LRE_CAP = 15;

    static Stream<NistUnivariateDataset> datasets() {
        return NistUnivariateDataset.NAMES.stream().map(NistUnivariateDataset::load);
    }

    static double logRelativeError(double estimate, BigDecimal reference) {
        BigDecimal error = new BigDecimal(estimate).subtract(reference).abs();
        if (error.signum() == 0) {
            return LRE_CAP;
        }
        BigDecimal relative = error.divide(reference.abs(), MathContext.DECIMAL64);
        return Math.min(LRE_CAP, -Math.log10(relative.doubleValue()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("datasets")
    void meanMeetsTheCertifiedValueToThirteenDigits(NistUnivariateDataset data) {
        double mean = Statistics.mean(data.values);
        assertThat(logRelativeError(mean, new BigDecimal(data.certifiedMean))).isGreaterThanOrEqualTo(13);
        assertThat(logRelativeError(mean, ExactMoments.mean(data.values))).isGreaterThanOrEqualTo(13);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("datasets")
    void standardDeviationMeetsTheExactStatisticOfTheParsedDataToThirteenDigits(NistUnivariateDataset data) {
        double sd = Statistics.sampleStandardDeviation(data.values);
        BigDecimal exact = ExactMoments.standardDeviation(data.values, 1);
        assertThat(logRelativeError(sd, exact)).isGreaterThanOrEqualTo(13);
        assertThat(logRelativeError(Statistics.sampleVariance(data.values), ExactMoments.variance(data.values, 1)))
                .isGreaterThanOrEqualTo(13);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("datasets")
    void standardDeviationMeetsTheCertifiedValueAsFarAsTheParsedDataAllows(NistUnivariateDataset data) {
        BigDecimal certified = new BigDecimal(data.certifiedStandardDeviation);
        double sd = Statistics.sampleStandardDeviation(data.values);
        double attainable = logRelativeError(ExactMoments.standardDeviation(data.values, 1).doubleValue(), certified);
        if (data.name.equals("NumAcc3") || data.name.equals("NumAcc4")) {
            assertThat(attainable).isLessThan(10);
            assertThat(logRelativeError(sd, certified)).isGreaterThanOrEqualTo(attainable - 0.01);
        } else {
            assertThat(attainable).isGreaterThanOrEqualTo(13);
            assertThat(logRelativeError(sd, certified)).isGreaterThanOrEqualTo(13);
        }
    }

    @Test
    void numAcc3AndNumAcc4AgreeWithTheirExactParsedStatisticsToTheLastDigits() {
        for (String name : new String[] {"NumAcc3", "NumAcc4"}) {
            double[] values = NistUnivariateDataset.load(name).values;
            assertThat(ExactMoments.ulpsFrom(Statistics.mean(values), ExactMoments.mean(values))).isLessThanOrEqualTo(1);
            assertThat(ExactMoments.ulpsFrom(Statistics.sampleStandardDeviation(values),
                    ExactMoments.standardDeviation(values, 1))).isLessThanOrEqualTo(2);
            assertThat(ExactMoments.ulpsFrom(Statistics.variance(values), ExactMoments.variance(values, 0)))
                    .isLessThanOrEqualTo(2);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("datasets")
    void runningStatsMeetsTheSameBar(NistUnivariateDataset data) {
        RunningStats streamed = new RunningStats();
        for (double v : data.values) {
            streamed.accept(v);
        }
        BigDecimal exactSd = ExactMoments.standardDeviation(data.values, 1);
        assertThat(logRelativeError(streamed.mean(), new BigDecimal(data.certifiedMean))).isGreaterThanOrEqualTo(13);
        assertThat(logRelativeError(streamed.sampleStandardDeviation(), exactSd)).isGreaterThanOrEqualTo(13);
        RunningStats batch = RunningStats.of(data.values);
        assertThat(logRelativeError(batch.sampleStandardDeviation(), exactSd)).isGreaterThanOrEqualTo(13);
    }

    @Test
    void theTextbookOnePassFormulaFailsNumAcc4() {
        double[] values = NistUnivariateDataset.load("NumAcc4").values;
        double sum = 0;
        double sumOfSquares = 0;
        for (double v : values) {
            sum += v;
            sumOfSquares += v * v;
        }
        int n = values.length;
        double mean = sum / n;
        double naivePopulationVariance = sumOfSquares / n - mean * mean;
        double naiveSampleVariance = (sumOfSquares - n * mean * mean) / (n - 1);
        // The true variance is 0.00999…; the naive formula is negative, so its "standard deviation"
        // is NaN.
        assertThat(naivePopulationVariance).isEqualTo(-2.0);
        assertThat(naiveSampleVariance).isEqualTo(-2.0);
        assertThat(Math.sqrt(naiveSampleVariance)).isNaN();
        assertThat(Statistics.sampleStandardDeviation(values)).isCloseTo(0.1, org.assertj.core.data.Offset.offset(1e-8));
    }

    @Test
    void theTextbookOnePassFormulaLosesNumAcc3() {
        double[] values = NistUnivariateDataset.load("NumAcc3").values;
        double sum = 0;
        double sumOfSquares = 0;
        for (double v : values) {
            sum += v;
            sumOfSquares += v * v;
        }
        double mean = sum / values.length;
        double naivePopulationVariance = sumOfSquares / values.length - mean * mean;
        assertThat(naivePopulationVariance).isEqualTo(0.011474609375);
        assertThat(logRelativeError(naivePopulationVariance, ExactMoments.variance(values, 0))).isLessThan(1);
        assertThat(logRelativeError(Statistics.variance(values), ExactMoments.variance(values, 0)))
                .isGreaterThanOrEqualTo(13);
    }

    @Test
    void parserReadsEveryCertificateAndObservationCount() {
        assertThat(NistUnivariateDataset.load("Lew").values).hasSize(200);
        assertThat(NistUnivariateDataset.load("Lottery").values).hasSize(218);
        assertThat(NistUnivariateDataset.load("Mavro").values).hasSize(50);
        assertThat(NistUnivariateDataset.load("Michelso").values).hasSize(100);
        assertThat(NistUnivariateDataset.load("NumAcc1").values).containsExactly(10000001, 10000003, 10000002);
        assertThat(NistUnivariateDataset.load("PiDigits").values).hasSize(5000);
        NistUnivariateDataset lew = NistUnivariateDataset.load("Lew");
        assertThat(lew.certifiedMean).isEqualTo("-177.435000000000");
        assertThat(lew.certifiedStandardDeviation).isEqualTo("277.332168044316");
        NistUnivariateDataset numAcc4 = NistUnivariateDataset.load("NumAcc4");
        assertThat(numAcc4.certifiedMean).isEqualTo("10000000.2");
        assertThat(numAcc4.certifiedStandardDeviation).isEqualTo("0.1");
        assertThat(numAcc4.values).hasSize(1001);
    }
}
