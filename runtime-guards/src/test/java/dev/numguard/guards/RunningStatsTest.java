package dev.numguard.guards;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;

class RunningStatsTest {

    private static final double INF = Double.POSITIVE_INFINITY;

    @Test
    void emptyStatisticsAreDocumentedValues() {
        RunningStats empty = new RunningStats();
        assertThat(empty.count()).isZero();
        assertThat(empty.sum()).isZero();
        assertThat(empty.mean()).isNaN();
        assertThat(empty.variance()).isNaN();
        assertThat(empty.sampleVariance()).isNaN();
        assertThat(empty.standardDeviation()).isNaN();
        assertThat(empty.sampleStandardDeviation()).isNaN();
        assertThat(empty.min()).isEqualTo(INF);
        assertThat(empty.max()).isEqualTo(-INF);
        assertThat(RunningStats.of().mean()).isNaN();
    }

    @Test
    void oneValueHasZeroPopulationAndNaNSampleVariance() {
        RunningStats one = RunningStats.of(-3.25);
        assertThat(one.count()).isEqualTo(1);
        assertThat(one.mean()).isEqualTo(-3.25);
        assertThat(one.sum()).isEqualTo(-3.25);
        assertThat(one.variance()).isZero();
        assertThat(one.standardDeviation()).isZero();
        assertThat(one.sampleVariance()).isNaN();
        assertThat(one.sampleStandardDeviation()).isNaN();
        assertThat(one.min()).isEqualTo(-3.25);
        assertThat(one.max()).isEqualTo(-3.25);
    }

    @Test
    void smallExampleMatchesStatistics() {
        RunningStats stats = new RunningStats();
        for (double v : new double[] {1, 2, 3, 4}) {
            stats.accept(v);
        }
        assertThat(stats.count()).isEqualTo(4);
        assertThat(stats.mean()).isEqualTo(2.5);
        assertThat(stats.variance()).isEqualTo(1.25);
        assertThat(stats.sampleVariance()).isEqualTo(5.0 / 3);
        assertThat(stats.standardDeviation()).isEqualTo(Math.sqrt(1.25));
        assertThat(stats.sampleStandardDeviation()).isEqualTo(Math.sqrt(5.0 / 3));
        assertThat(stats.sum()).isEqualTo(10);
        assertThat(stats.min()).isEqualTo(1);
        assertThat(stats.max()).isEqualTo(4);
        assertThat(stats.toString()).contains("count=4", "mean=2.5");
    }

    @Test
    void hugeOffsetDoesNotCancel() {
        RunningStats stats = new RunningStats();
        for (int i = 1; i <= 5; i++) {
            stats.accept(1e8 + i);
        }
        assertThat(stats.variance()).isEqualTo(2.0);
        assertThat(stats.sampleVariance()).isEqualTo(2.5);
        assertThat(stats.mean()).isEqualTo(1e8 + 3);
    }

    @Test
    void nanPoisonsEverythingButTheCount() {
        RunningStats stats = RunningStats.of(1, 2);
        stats.accept(Double.NaN);
        stats.accept(3);
        assertThat(stats.count()).isEqualTo(4);
        assertThat(stats.mean()).isNaN();
        assertThat(stats.sum()).isNaN();
        assertThat(stats.variance()).isNaN();
        assertThat(stats.sampleStandardDeviation()).isNaN();
        assertThat(stats.min()).isNaN();
        assertThat(stats.max()).isNaN();
    }

    @Test
    void infinitiesFollowIeeeAdditionForTheMeanAndMakeTheVarianceNaN() {
        RunningStats positive = RunningStats.of(1, INF, 2);
        assertThat(positive.mean()).isEqualTo(INF);
        assertThat(positive.sum()).isEqualTo(INF);
        assertThat(positive.variance()).isNaN();
        assertThat(positive.max()).isEqualTo(INF);
        assertThat(positive.min()).isEqualTo(1);
        RunningStats negative = RunningStats.of(-INF, 5);
        assertThat(negative.mean()).isEqualTo(-INF);
        assertThat(negative.sampleVariance()).isNaN();
        RunningStats both = RunningStats.merge(positive, negative);
        assertThat(both.mean()).isNaN();
        assertThat(both.sum()).isNaN();
        assertThat(both.count()).isEqualTo(5);
        assertThat(positive.mean()).isEqualTo(INF); // merge leaves its inputs alone
        RunningStats streamed = new RunningStats();
        streamed.accept(INF);
        assertThat(streamed.mean()).isEqualTo(INF);
        assertThat(streamed.variance()).isNaN();
    }

    @Test
    void meanOfHugeOppositeValuesDoesNotOverflow() {
        RunningStats stats = new RunningStats();
        stats.accept(Double.MAX_VALUE);
        stats.accept(-Double.MAX_VALUE);
        assertThat(stats.mean()).isZero();
        assertThat(stats.variance()).isEqualTo(INF); // the true variance, ~3.2e616, overflows
        stats.accept(Double.MAX_VALUE);
        assertThat(stats.mean()).isCloseTo(Double.MAX_VALUE / 3, within(Math.ulp(Double.MAX_VALUE / 3) * 2));
        RunningStats same = new RunningStats();
        same.accept(Double.MAX_VALUE);
        same.accept(Double.MAX_VALUE);
        assertThat(same.mean()).isEqualTo(Double.MAX_VALUE);
        assertThat(same.variance()).isZero();
        assertThat(same.sum()).isEqualTo(INF); // the sum itself overflows
        RunningStats left = RunningStats.of(-Double.MAX_VALUE);
        RunningStats right = new RunningStats();
        right.accept(Double.MAX_VALUE);
        right.accept(Double.MAX_VALUE);
        right.accept(Double.MAX_VALUE);
        RunningStats merged = RunningStats.merge(left, right);
        assertThat(merged.mean()).isCloseTo(Double.MAX_VALUE / 2, within(Math.ulp(Double.MAX_VALUE) * 2));
        assertThat(merged.variance()).isEqualTo(INF);
        RunningStats batch = RunningStats.of(Double.MAX_VALUE, -Double.MAX_VALUE, Double.MAX_VALUE, Double.MAX_VALUE);
        assertThat(batch.mean()).isCloseTo(merged.mean(), within(Math.ulp(merged.mean()) * 2));
    }

    @Test
    void squaredDeviationsBelowTheNormalRangeVanishAsDocumented() {
        double[] tiny = {1e-300, 2e-300, 3e-300};
        assertThat(RunningStats.of(tiny).sampleStandardDeviation()).isZero();
        RunningStats streamed = new RunningStats();
        for (double v : tiny) {
            streamed.accept(v);
        }
        assertThat(streamed.sampleStandardDeviation()).isZero();
        assertThat(streamed.mean()).isCloseTo(2e-300, within(Math.ulp(2e-300)));
        assertThat(Statistics.sampleStandardDeviation(tiny)).isCloseTo(1e-300, within(Math.ulp(1e-300) * 2));
    }

    @Test
    void acceptAllOverloadsAndStreamsAgree() {
        double[] x = {3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5};
        RunningStats batch = new RunningStats().acceptAll(x);
        RunningStats window = new RunningStats().acceptAll(new double[] {0, 3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5, 0}, 1, 11);
        RunningStats stream = Arrays.stream(x).collect(RunningStats::new, RunningStats::accept, RunningStats::combine);
        RunningStats parallel = Arrays.stream(x).parallel()
                .collect(RunningStats::new, RunningStats::accept, RunningStats::combine);
        float[] f = {3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5};
        RunningStats floats = new RunningStats().acceptAll(f);
        for (RunningStats s : List.of(window, stream, parallel, floats)) {
            assertThat(s.count()).isEqualTo(11);
            assertThat(s.mean()).isCloseTo(batch.mean(), within(1e-15));
            assertThat(s.variance()).isCloseTo(batch.variance(), within(1e-14));
            assertThat(s.sum()).isEqualTo(44);
            assertThat(s.min()).isEqualTo(1);
            assertThat(s.max()).isEqualTo(9);
        }
        assertThat(batch.mean()).isEqualTo(Statistics.mean(x));
        assertThat(batch.variance()).isEqualTo(Statistics.variance(x));
        assertThatThrownBy(() -> new RunningStats().acceptAll(x, 5, 10)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> new RunningStats().acceptAll((double[]) null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new RunningStats().combine(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void combiningWithEmptyOrIntoEmptyKeepsTheOther() {
        RunningStats data = RunningStats.of(1, 2, 3);
        RunningStats empty = new RunningStats();
        assertThat(RunningStats.merge(data, empty).variance()).isEqualTo(data.variance());
        assertThat(RunningStats.merge(empty, data).variance()).isEqualTo(data.variance());
        assertThat(RunningStats.merge(empty, data).min()).isEqualTo(1);
        assertThat(RunningStats.merge(empty, empty).mean()).isNaN();
        RunningStats copy = data.copy();
        copy.accept(100);
        assertThat(data.count()).isEqualTo(3);
        RunningStats onlyInfinity = RunningStats.of(INF);
        RunningStats mixed = RunningStats.merge(onlyInfinity, data);
        assertThat(mixed.mean()).isEqualTo(INF);
        assertThat(mixed.variance()).isNaN();
        assertThat(RunningStats.merge(data, onlyInfinity).mean()).isEqualTo(INF);
    }

    /**
     * Property: however the data is split and in whatever order the parts are accepted and merged,
     * the result equals the whole-array corrected two-pass result to a tight tolerance.
     */
    @RepeatedTest(60)
    void anyPartitionMergedInAnyOrderEqualsTheWholeArrayResult(RepetitionInfo repetition) {
        SplittableRandom random = new SplittableRandom(7_000 + repetition.getCurrentRepetition());
        int n = 1 + random.nextInt(2000);
        double offset = new double[] {0, 1e3, 1e6, -1e8}[repetition.getCurrentRepetition() % 4];
        double spread = Math.pow(10, random.nextDouble(-3, 3));
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = offset + spread * random.nextGaussian();
        }
        List<RunningStats> parts = new ArrayList<>();
        int start = 0;
        while (start < n) {
            int length = 1 + random.nextInt(Math.max(1, n / 4));
            length = Math.min(length, n - start);
            RunningStats part = new RunningStats();
            if (random.nextBoolean()) {
                part.acceptAll(x, start, length);
            } else {
                for (int i = start; i < start + length; i++) {
                    part.accept(x[i]);
                }
            }
            parts.add(part);
            start += length;
        }
        Collections.shuffle(parts, new java.util.Random(random.nextLong()));
        // Merge as a random binary tree: repeatedly combine two random parts.
        while (parts.size() > 1) {
            RunningStats a = parts.remove(random.nextInt(parts.size()));
            RunningStats b = parts.remove(random.nextInt(parts.size()));
            parts.add(random.nextBoolean() ? a.combine(b) : RunningStats.merge(b, a));
        }
        RunningStats merged = parts.get(0);
        assertThat(merged.count()).isEqualTo(n);
        double condition = 1 + Math.abs(offset) / spread;
        assertThat(merged.mean()).isCloseTo(Statistics.mean(x), within(Math.abs(Statistics.mean(x)) * 1e-15 + spread * 1e-15));
        if (n >= 2) {
            double variance = Statistics.sampleVariance(x);
            assertThat(merged.sampleVariance()).isCloseTo(variance, within(variance * 1e-14 * condition));
        }
        assertThat(merged.sum()).isCloseTo(Statistics.mean(x) * n, within(Math.abs(offset * n) * 1e-15 + spread * n * 1e-14));
        assertThat(merged.min()).isEqualTo(Arrays.stream(x).min().getAsDouble());
        assertThat(merged.max()).isEqualTo(Arrays.stream(x).max().getAsDouble());
    }

    /** Property: accepting values one at a time matches the batch result for the same values. */
    @RepeatedTest(30)
    void streamingMatchesTheBatchResult(RepetitionInfo repetition) {
        SplittableRandom random = new SplittableRandom(31 * repetition.getCurrentRepetition());
        int n = 2 + random.nextInt(5000);
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = 1e8 + random.nextDouble();
        }
        RunningStats streamed = new RunningStats();
        for (double v : x) {
            streamed.accept(v);
        }
        double exactVariance = ExactMoments.variance(x, 1).doubleValue();
        // Welford's single updates: relative error grows slowly with n and the offset/spread ratio.
        assertThat(streamed.sampleVariance()).isCloseTo(exactVariance, within(exactVariance * 1e-9));
        assertThat(RunningStats.of(x).sampleVariance()).isCloseTo(exactVariance, within(exactVariance * 1e-15));
        assertThat(streamed.mean()).isCloseTo(ExactMoments.mean(x).doubleValue(), within(1e-7));
    }

    @Test
    void newArrayHoldsIndependentEmptyInstances() {
        RunningStats[] columns = RunningStats.newArray(3);
        assertThat(columns).hasSize(3).doesNotContainNull();
        columns[0].accept(1e9 + 1);
        columns[0].accept(1e9 + 3);
        columns[2].accept(5);
        assertThat(columns[0].sampleVariance()).isEqualTo(2.0);
        assertThat(columns[1].count()).isZero();
        assertThat(columns[1].mean()).isNaN();
        assertThat(columns[2].count()).isEqualTo(1);
        assertThat(RunningStats.newArray(0)).isEmpty();
        assertThatThrownBy(() -> RunningStats.newArray(-1)).isInstanceOf(NegativeArraySizeException.class);
    }
}
