package dev.numguard.rules.idioms.moments;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class NamedMomentsTest {
    @Test
    void secondMomentsByTheirNames() {
        for (String name : List.of("sumSq", "sum2", "sumOfSquares", "squaredSum", "totalSqSum", "_xsumsqs", "sumXX")) {
            Monomial m = NamedMoments.ofName(name);
            assertThat(m).as(name).isNotNull();
            assertThat(m.sums()).as(name).singleElement().extracting(PowerSum::degree).isEqualTo(2);
            assertThat(m.nPower()).as(name).isZero();
        }
    }

    @Test
    void meansAreDividedByTheCount() {
        assertThat(NamedMoments.ofName("getMean").nPower()).isEqualTo(-1);
        assertThat(NamedMoments.ofName("avg").sums()).singleElement().extracting(PowerSum::degree).isEqualTo(1);
        Monomial meanOfSquares = NamedMoments.ofName("pow2mean");
        assertThat(meanOfSquares.nPower()).isEqualTo(-1);
        assertThat(meanOfSquares.sums()).singleElement().extracting(PowerSum::degree).isEqualTo(2);
    }

    @Test
    void theStemPairsSumsOfTheSameVariable() {
        assertThat(NamedMoments.ofName("sumX2").sums().get(0).values()).containsOnly("~x");
        assertThat(NamedMoments.ofName("sumX").sums().get(0).values()).containsOnly("~x");
        assertThat(NamedMoments.ofName("sumY").sums().get(0).values()).containsOnly("~y");
        assertThat(NamedMoments.ofName("mSum2").sums().get(0).values())
                .isEqualTo(NamedMoments.ofName("mSum").sums().get(0).values().stream().flatMap(v -> List.of(v, v).stream()).toList());
    }

    @Test
    void deviationsCountsAndSpreadsAreNotRawMoments() {
        for (String name : List.of("sumSqDev", "sumSquaredError", "variance", "count", "sqrtSum", "normSq", "x2", "total")) {
            assertThat(NamedMoments.ofName(name)).as(name).isNull();
        }
    }
}
