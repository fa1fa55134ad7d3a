package dev.numguard.guards;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link Statistics#norm2(Iterable, java.util.function.ToDoubleFunction)} and {@link Statistics#norm2(int, java.util.function.IntToDoubleFunction)}: the same norm as the array form
 * (exact oracles, a 60-digit reference) over values read from collections, and its edges.
 */
class IterableNorm2Test {

    @Test
    void valuesOfAMapAtScalesWhereTheirSquaresOverflowOrUnderflow() {
        Map<String, Number> features = new LinkedHashMap<>();
        features.put("a", 3e200);
        features.put("b", 4e200);
        assertThat(Statistics.norm2(features.values(), Number::doubleValue)).isEqualTo(Statistics.norm2(new double[] {3e200, 4e200}));
        double naive = 0;
        for (Number n : features.values()) {
            naive += n.doubleValue() * n.doubleValue();
        }
        assertThat(Math.sqrt(naive)).isInfinite();
        features.put("a", 3e-200);
        features.put("b", -4e-200);
        assertThat(ExactMoments.ulpsFrom(Statistics.norm2(features.values(), Number::doubleValue),
                Norm2Test.exactNorm(new double[] {3e-200, -4e-200}))).isLessThanOrEqualTo(1.0);
        Map<String, Integer> counts = Map.of("x", 3, "y", 4);
        assertThat(Statistics.norm2(counts.values(), Integer::doubleValue)).isEqualTo(5.0);
    }

    @Test
    void agreesWithTheArrayFormBitForBitOnEveryLength() {
        SplittableRandom random = new SplittableRandom(5);
        for (int trial = 0; trial < 300; trial++) {
            int n = random.nextInt(100); // crosses the buffer's growth points 16, 32, 64
            double[] x = new double[n];
            List<Double> boxed = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                x[i] = (random.nextDouble() - 0.5) * Math.pow(10, random.nextInt(-300, 300));
                boxed.add(x[i]);
            }
            assertThat(Statistics.norm2(boxed, Double::doubleValue)).isEqualTo(Statistics.norm2(x));
            if (n == 0) {
                assertThat(Statistics.norm2(boxed, v -> v)).isZero();
                continue;
            }
            assertThat(ExactMoments.ulpsFrom(Statistics.norm2(boxed, v -> v), Norm2Test.exactNorm(x)))
                    .isLessThanOrEqualTo(n / 2.0 + 1);
        }
    }

    @Test
    void edgesAsTheArrayForm() {
        assertThat(Statistics.norm2(List.<Double>of(), v -> v)).isZero();
        assertThat(Statistics.norm2(List.of(1.0, Double.NaN, Double.POSITIVE_INFINITY), v -> v)).isNaN();
        assertThat(Statistics.norm2(List.of(1.0, Double.NEGATIVE_INFINITY), v -> v)).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(Statistics.norm2(List.of(Double.MAX_VALUE, Double.MAX_VALUE), v -> v)).isInfinite();
        assertThatThrownBy(() -> Statistics.norm2((Iterable<Double>) null, v -> v)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> Statistics.norm2(List.of(1.0), null)).isInstanceOf(NullPointerException.class);
        List<Double> withNull = new ArrayList<>();
        withNull.add(null);
        assertThatThrownBy(() -> Statistics.norm2(withNull, v -> v)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void elementsReadByIndexGiveTheArrayFormsNorm() {
        SplittableRandom random = new SplittableRandom(6);
        for (int trial = 0; trial < 200; trial++) {
            int n = random.nextInt(60);
            double[] x = new double[n];
            for (int i = 0; i < n; i++) {
                x[i] = (random.nextDouble() - 0.5) * Math.pow(10, random.nextInt(-300, 300));
            }
            assertThat(Statistics.norm2(n, i -> x[i])).isEqualTo(Statistics.norm2(x));
        }
        double[] huge = {3e200, 4e200};
        assertThat(Math.sqrt(huge[0] * huge[0] + huge[1] * huge[1])).isInfinite();
        assertThat(ExactMoments.ulpsFrom(Statistics.norm2(2, i -> huge[i]), Norm2Test.exactNorm(huge))).isLessThanOrEqualTo(1.0);
        double[] tiny = {3e-200, -4e-200};
        assertThat(Math.sqrt(tiny[0] * tiny[0] + tiny[1] * tiny[1])).isZero();
        assertThat(ExactMoments.ulpsFrom(Statistics.norm2(2, i -> tiny[i]), Norm2Test.exactNorm(tiny))).isLessThanOrEqualTo(1.0);
        assertThat(Statistics.norm2(0, i -> { throw new AssertionError("no element to read"); })).isZero();
        assertThat(Statistics.norm2(2, i -> i == 0 ? Double.NaN : Double.POSITIVE_INFINITY)).isNaN();
        assertThatThrownBy(() -> Statistics.norm2(-1, i -> 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Statistics.norm2(1, null)).isInstanceOf(NullPointerException.class);
    }
}
