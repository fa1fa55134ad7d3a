package dev.numguard.guards;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link StableMath#binaryCrossEntropy(double, double)}: the cross-entropy of a probability with each
 * log floored at -100 (PyTorch's BCELoss). Oracles: the exact value −[t·ln p + (1−t)·ln(1−p)] computed in
 * 60 digits, and the floored value where p or 1 − p is below e^-100.
 */
class BinaryCrossEntropyTest {

    /** −[t·ln p + (1−t)·ln(1−p)] of exact doubles, 60 digits. */
    private static BigDecimal exact(double p, double t) {
        BigDecimal bp = HighPrecision.exact(p);
        BigDecimal bt = HighPrecision.exact(t);
        BigDecimal logP = HighPrecision.log(bp);
        BigDecimal logNotP = HighPrecision.log1p(bp.negate());
        return bt.multiply(logP).add(BigDecimal.ONE.subtract(bt).multiply(logNotP)).negate(HighPrecision.MC);
    }

    @Test
    void matchesTheExactCrossEntropyOverTheWholeUnclampedRange() {
        SplittableRandom random = new SplittableRandom(41);
        for (int i = 0; i < 2000; i++) {
            // p spread over magnitudes from 1e-40 to 1 - 1e-16, on both sides of 1/2
            double p = Math.pow(10, -40 * random.nextDouble());
            if (random.nextBoolean()) {
                p = 1 - p;
            }
            if (p <= 0 || p >= 1) {
                continue;
            }
            for (double t : new double[] {0, 1, random.nextDouble()}) {
                BigDecimal reference = exact(p, t);
                double got = StableMath.binaryCrossEntropy(p, t);
                // a few ulps of the larger term: the two terms are added after rounding
                double scale = Math.abs(t * Math.log(p)) + Math.abs((1 - t) * Math.log1p(-p));
                assertThat(Math.abs(got - HighPrecision.toDouble(reference)))
                        .as("p=%s t=%s", p, t).isLessThanOrEqualTo(4 * Math.ulp(Math.max(scale, Double.MIN_NORMAL)));
            }
        }
    }

    @Test
    void agreesWithTheNaiveFormWhereThatIsFinite() {
        SplittableRandom random = new SplittableRandom(42);
        for (int i = 0; i < 2000; i++) {
            double p = 0.001 + 0.998 * random.nextDouble();
            double t = random.nextDouble();
            double naive = -(t * Math.log(p) + (1 - t) * Math.log(1 - p));
            assertThat(StableMath.binaryCrossEntropy(p, t)).isCloseTo(naive, org.assertj.core.data.Offset.offset(1e-12));
        }
    }

    @Test
    void saturatedProbabilitiesGiveTheFlooredLossNotNaN() {
        // the naive form: 0·log(0) = NaN
        assertThat(-(0.0 * Math.log(0.0) + 1.0 * Math.log(1 - 0.0))).isNaN();
        assertThat(StableMath.binaryCrossEntropy(0.0, 0.0)).isEqualTo(0.0);
        assertThat(StableMath.binaryCrossEntropy(1.0, 1.0)).isEqualTo(0.0);
        assertThat(StableMath.binaryCrossEntropy(0.0, 1.0)).isEqualTo(100.0);
        assertThat(StableMath.binaryCrossEntropy(1.0, 0.0)).isEqualTo(100.0);
        assertThat(StableMath.binaryCrossEntropy(0.0, 0.25)).isEqualTo(25.0);
        assertThat(StableMath.binaryCrossEntropy(Double.MIN_VALUE, 1.0)).isEqualTo(100.0);
        // a float sigmoid that rounded to 1, read as double
        assertThat(StableMath.binaryCrossEntropy((double) 1f, 0.0)).isEqualTo(100.0);
    }

    @Test
    void theFloorActsOnlyBelowEToTheMinus100() {
        double justAbove = Math.exp(-99.5);
        BigDecimal reference = exact(justAbove, 1.0);
        assertThat(HighPrecision.ulpError(StableMath.binaryCrossEntropy(justAbove, 1.0), reference)).isLessThanOrEqualTo(1.0);
        assertThat(StableMath.binaryCrossEntropy(Math.exp(-100.5), 1.0)).isEqualTo(100.0);
        // 1 - p close to 1 - 2^-53: log1p keeps what log(1 - p) rounds
        double p = 1 - 0x1p-53;
        assertThat(HighPrecision.ulpError(StableMath.binaryCrossEntropy(p, 0.0), exact(p, 0.0))).isLessThanOrEqualTo(1.0);
        double tiny = 1e-20;
        assertThat(-Math.log(1 - tiny)).isEqualTo(0.0);
        assertThat(HighPrecision.ulpError(StableMath.binaryCrossEntropy(tiny, 0.0), exact(tiny, 0.0))).isLessThanOrEqualTo(1.0);
    }

    @Test
    void invalidInputsStayVisible() {
        assertThat(StableMath.binaryCrossEntropy(Double.NaN, 1.0)).isNaN();
        assertThat(StableMath.binaryCrossEntropy(0.5, Double.NaN)).isNaN();
        assertThat(StableMath.binaryCrossEntropy(-0.5, 1.0)).isNaN();
        assertThat(StableMath.binaryCrossEntropy(1.5, 0.0)).isNaN();
        assertThat(StableMath.binaryCrossEntropy(Double.POSITIVE_INFINITY, 0.0)).isNaN();
        assertThat(StableMath.binaryCrossEntropy(Double.NEGATIVE_INFINITY, 0.0)).isNaN();
        assertThat(StableMath.binaryCrossEntropy(0.5, Double.POSITIVE_INFINITY)).isNaN(); // ∞·log(.5) + (−∞)·log(.5)
    }
}
