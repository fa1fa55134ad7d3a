package dev.numguard.examples.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

class RunningMomentsTest {

    /** The textbook sample with mean 5 and population standard deviation 2. */
    private static final double[] SAMPLE = {2, 4, 4, 4, 5, 5, 7, 9};

    private static RunningMoments of(double offset) {
        RunningMoments moments = new RunningMoments();
        for (double x : SAMPLE) {
            moments.add(offset + x);
        }
        return moments;
    }

    @Test
    void meanVarianceAndStandardDeviationOfASmallSample() {
        RunningMoments moments = of(0);
        assertThat(moments.count()).isEqualTo(8);
        assertThat(moments.mean()).isEqualTo(5.0);
        assertThat(moments.variance()).isEqualTo(4.0);
        assertThat(moments.standardDeviation()).isEqualTo(2.0);
    }

    @Test
    void addAllEqualsAddingOneByOne() {
        RunningMoments moments = new RunningMoments();
        moments.addAll(SAMPLE);
        assertThat(moments.mean()).isEqualTo(of(0).mean());
        assertThat(moments.variance()).isEqualTo(of(0).variance());
    }

    @Test
    void singleObservationHasZeroVariance() {
        RunningMoments moments = new RunningMoments();
        moments.add(3.25);
        assertThat(moments.mean()).isEqualTo(3.25);
        assertThat(moments.variance()).isEqualTo(0.0);
    }

    @Test
    void noObservationGivesNaN() {
        RunningMoments moments = new RunningMoments();
        assertThat(moments.count()).isZero();
        assertThat(moments.mean()).isNaN();
        assertThat(moments.variance()).isNaN();
    }

    @Test
    @Tag("hostile")
    void varianceOfValuesAroundALargeOffset() {
        // nanosecond timestamps one second into a run: the spread is what matters, not the offset
        RunningMoments moments = of(1e9);
        assertThat(moments.mean()).isEqualTo(1e9 + 5);
        assertThat(moments.variance()).isCloseTo(4.0, within(1e-6));
        assertThat(moments.standardDeviation()).isCloseTo(2.0, within(1e-6));
    }

    @Test
    @Tag("hostile")
    void varianceOfALongStreamWithALargeOffsetIsNeitherNegativeNorNoise() {
        RunningMoments moments = new RunningMoments();
        for (int i = 0; i < 999; i++) {
            moments.add(1e8 + 0.5 * (i % 3)); // exactly representable: 1e8, 1e8 + 0.5, 1e8 + 1
        }
        // the population variance of {0, 0.5, 1}, each 333 times, is exactly 1/6
        assertThat(moments.variance()).isCloseTo(1.0 / 6.0, within(1e-9));
        assertThat(moments.standardDeviation()).isCloseTo(Math.sqrt(1.0 / 6.0), within(1e-9));
    }
}
