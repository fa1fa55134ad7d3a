package dev.numguard.guards;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InvalidObjectException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * RunningStats as the state of a distributed task: partial results are serialized on the workers,
 * read back on the reducer and combined (Chan et al.), which must give what one pass over all values
 * gives — on NIST's certified data, on data offset by 1e9, and with NaN, infinities and empty parts.
 */
class RunningStatsSerializationTest {

    @Test
    void everyStateSurvivesTheRoundTripBitForBit() {
        List<RunningStats> states = new ArrayList<>();
        states.add(new RunningStats());
        states.add(RunningStats.of(42.5));
        states.add(RunningStats.of(1e9 + 1, 1e9 + 2, 1e9 + 4));
        states.add(RunningStats.of(1, Double.NaN, 3));
        states.add(RunningStats.of(1, Double.POSITIVE_INFINITY));
        states.add(RunningStats.of(Double.NEGATIVE_INFINITY, 2, Double.POSITIVE_INFINITY));
        states.add(RunningStats.of(Double.MAX_VALUE, -Double.MAX_VALUE));
        RunningStats weighted = new RunningStats();
        weighted.accept(3, 0.25);
        weighted.accept(5, 7);
        weighted.accept(11, 0);
        states.add(weighted);
        for (RunningStats original : states) {
            assertSameResults(roundTrip(original), original);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.numguard.guards.NistStrdUnivariateTest#datasets")
    void partialResultsShippedAndCombinedMeetTheNistStatistics(NistUnivariateDataset data) {
        double[] x = data.values;
        RunningStats reduced = new RunningStats();
        for (RunningStats part : shippedParts(x, 7)) {
            reduced.combine(part);
        }
        assertThat(reduced.count()).isEqualTo(x.length);
        assertThat(NistStrdUnivariateTest.logRelativeError(reduced.mean(), new BigDecimal(data.certifiedMean)))
                .isGreaterThanOrEqualTo(13);
        assertThat(NistStrdUnivariateTest.logRelativeError(reduced.sampleVariance(), ExactMoments.variance(x, 1)))
                .isGreaterThanOrEqualTo(13);
    }

    @Test
    void dataOffsetByABillionKeepsItsDigitsThroughShippingAndCombining() {
        SplittableRandom random = new SplittableRandom(12);
        double[] x = new double[10_000];
        for (int i = 0; i < x.length; i++) {
            x[i] = 1e9 + random.nextDouble();
        }
        RunningStats reduced = new RunningStats();
        for (RunningStats part : shippedParts(x, 13)) {
            reduced.combine(part);
        }
        BigDecimal exact = ExactMoments.variance(x, 1);
        assertThat(NistStrdUnivariateTest.logRelativeError(reduced.sampleVariance(), exact)).isGreaterThanOrEqualTo(12);
        // what the sums such a task used to ship give: (Σx² − (Σx)²/n)/(n − 1) has no correct digit left
        double sum = 0;
        double sumOfSquares = 0;
        for (double v : x) {
            sum += v;
            sumOfSquares += v * v;
        }
        double naive = (sumOfSquares - sum * sum / x.length) / (x.length - 1);
        assertThat(NistStrdUnivariateTest.logRelativeError(naive, exact)).isLessThan(3);
    }

    @Test
    void combiningIsAssociativeAndMatchesOnePass() {
        SplittableRandom random = new SplittableRandom(5);
        for (double offset : new double[] {0, 1e6, -1e9, 1e12}) {
            double[] x = new double[3000];
            for (int i = 0; i < x.length; i++) {
                x[i] = offset + random.nextGaussian();
            }
            RunningStats a = new RunningStats().acceptAll(x, 0, 700);
            RunningStats b = new RunningStats().acceptAll(x, 700, 1);
            RunningStats c = new RunningStats().acceptAll(x, 701, 2299);
            RunningStats left = RunningStats.merge(RunningStats.merge(roundTrip(a), roundTrip(b)), roundTrip(c));
            RunningStats right = RunningStats.merge(roundTrip(a), RunningStats.merge(roundTrip(b), roundTrip(c)));
            RunningStats onePass = new RunningStats();
            for (double v : x) {
                onePass.accept(v);
            }
            BigDecimal exact = ExactMoments.variance(x, 1);
            for (RunningStats s : List.of(left, right, onePass)) {
                assertThat(s.count()).isEqualTo(x.length);
                assertThat(NistStrdUnivariateTest.logRelativeError(s.sampleVariance(), exact))
                        .as("offset %s", offset).isGreaterThanOrEqualTo(13);
                assertThat(NistStrdUnivariateTest.logRelativeError(s.mean(), ExactMoments.mean(x)))
                        .isGreaterThanOrEqualTo(14);
            }
        }
    }

    @Test
    void nanInfinityAndEmptyPartsCombineAsDocumented() {
        RunningStats withNaN = roundTrip(RunningStats.of(1, Double.NaN));
        RunningStats withInfinity = roundTrip(RunningStats.of(Double.POSITIVE_INFINITY));
        RunningStats finite = roundTrip(RunningStats.of(2, 4));
        RunningStats empty = roundTrip(new RunningStats());

        RunningStats finiteAndEmpty = RunningStats.merge(finite, empty);
        assertSameResults(finiteAndEmpty, finite);
        assertSameResults(RunningStats.merge(empty, finite), finite);

        RunningStats poisoned = RunningStats.merge(finite, withNaN);
        assertThat(poisoned.count()).isEqualTo(4);
        assertThat(poisoned.mean()).isNaN();
        assertThat(poisoned.variance()).isNaN();

        RunningStats infinite = RunningStats.merge(finite, withInfinity);
        assertThat(infinite.mean()).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(infinite.variance()).isNaN();
        assertThat(infinite.max()).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(RunningStats.merge(infinite, roundTrip(RunningStats.of(Double.NEGATIVE_INFINITY))).mean()).isNaN();

        RunningStats emptyPair = RunningStats.merge(empty, roundTrip(new RunningStats()));
        assertThat(emptyPair.count()).isZero();
        assertThat(emptyPair.mean()).isNaN();
        assertThat(emptyPair.min()).isEqualTo(Double.POSITIVE_INFINITY);
    }

    @Test
    void aSerialFormWithANegativeCountIsRejectedWhereItIsRead() throws IOException {
        RunningStats stats = new RunningStats();
        long count = 123_457;                                   // 00 00 00 00 00 01 E2 41: found once in the form
        for (long i = 0; i < count; i++) {
            stats.accept(i % 10);
        }
        byte[] form = serialize(stats);
        byte[] marker = {0, 0, 0, 0, 0, 1, (byte) 0xE2, 0x41};
        int at = indexOf(form, marker);
        assertThat(at).isNotNegative();
        assertThat(indexOf(form, marker, at + 1)).isNegative();
        for (int i = 0; i < marker.length; i++) {
            form[at + i] = (byte) 0xFF;                         // count = -1
        }
        assertThatThrownBy(() -> deserialize(form)).isInstanceOf(InvalidObjectException.class)
                .hasMessageContaining("count=-1");
    }

    /** {@code x} cut into {@code parts} contiguous slices, each summarised, serialized and read back. */
    private static List<RunningStats> shippedParts(double[] x, int parts) {
        List<RunningStats> out = new ArrayList<>();
        int start = 0;
        for (int p = 0; p < parts; p++) {
            int end = (int) ((long) x.length * (p + 1) / parts);
            RunningStats part = new RunningStats();
            for (int i = start; i < end; i++) {
                part.accept(x[i]);
            }
            out.add(roundTrip(part));
            start = end;
        }
        return out;
    }

    private static void assertSameResults(RunningStats actual, RunningStats expected) {
        assertThat(actual.count()).isEqualTo(expected.count());
        for (double[] pair : new double[][] {
                {actual.mean(), expected.mean()}, {actual.variance(), expected.variance()},
                {actual.sampleVariance(), expected.sampleVariance()},
                {actual.reliabilityWeightedSampleVariance(), expected.reliabilityWeightedSampleVariance()},
                {actual.sum(), expected.sum()}, {actual.totalWeight(), expected.totalWeight()},
                {actual.min(), expected.min()}, {actual.max(), expected.max()}}) {
            assertThat(Double.doubleToLongBits(pair[0])).as(expected.toString())
                    .isEqualTo(Double.doubleToLongBits(pair[1]));
        }
        // the state, not only the results: further values and merges continue identically
        RunningStats continuedActual = actual.copy().combine(RunningStats.of(7, 8));
        RunningStats continuedExpected = expected.copy().combine(RunningStats.of(7, 8));
        assertThat(Double.doubleToLongBits(continuedActual.variance()))
                .isEqualTo(Double.doubleToLongBits(continuedExpected.variance()));
    }

    private static RunningStats roundTrip(RunningStats stats) {
        try {
            return deserialize(serialize(stats));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] serialize(RunningStats stats) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(stats);
        }
        return bytes.toByteArray();
    }

    private static RunningStats deserialize(byte[] form) throws IOException {
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(form))) {
            return (RunningStats) in.readObject();
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int indexOf(byte[] form, byte[] marker) {
        return indexOf(form, marker, 0);
    }

    private static int indexOf(byte[] form, byte[] marker, int from) {
        outer:
        for (int i = from; i <= form.length - marker.length; i++) {
            for (int j = 0; j < marker.length; j++) {
                if (form[i + j] != marker[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
