package dev.numguard.guards;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link StableMath#logProbability(double)} and its float overload: {@code Math.log(p)} except that an
 * underflowed probability (±0) gives the log of the smallest positive value of its type. Oracles: the
 * natural log of the exact double, 60 digits, and the exact floors ln(2^-1074), ln(2^-149).
 */
class LogProbabilityTest {

    private static double exactLog(double p) {
        return HighPrecision.log(HighPrecision.exact(p)).doubleValue();
    }

    @Test
    void isTheCorrectlyRoundedLogWithinAnUlpOverTheWholePositiveRange() {
        SplittableRandom random = new SplittableRandom(12);
        for (int i = 0; i < 3000; i++) {
            // p spread over every binade from the smallest subnormal to 1 (and a few above)
            double p = Math.scalb(1.0 + random.nextDouble(), random.nextInt(-1074, 4));
            double got = StableMath.logProbability(p);
            assertThat(got).isEqualTo(Math.log(p));
            assertThat(Math.abs(got - exactLog(p))).isLessThanOrEqualTo(Math.ulp(got));
        }
    }

    @Test
    void floatOverloadIsTheLogOfTheFloatValueInDouble() {
        SplittableRandom random = new SplittableRandom(13);
        for (int i = 0; i < 3000; i++) {
            float p = (float) Math.scalb(1.0 + random.nextDouble(), random.nextInt(-149, 2));
            if (p == 0f) {
                continue;
            }
            double got = StableMath.logProbability(p);
            assertThat(got).isEqualTo(Math.log(p));
            assertThat(Math.abs(got - exactLog(p))).isLessThanOrEqualTo(Math.ulp(got));
        }
    }

    @Test
    void anUnderflowedProbabilityGivesTheLogOfTheSmallestPositiveValueOfItsType() {
        // ln(2^-1074) and ln(2^-149), 60 digits
        BigDecimal ln2 = HighPrecision.log(BigDecimal.valueOf(2));
        double minDouble = ln2.multiply(BigDecimal.valueOf(-1074), HighPrecision.MC).doubleValue();
        double minFloat = ln2.multiply(BigDecimal.valueOf(-149), HighPrecision.MC).doubleValue();
        assertThat(StableMath.logProbability(0.0)).isEqualTo(minDouble).isEqualTo(StableMath.LOG_MIN_DOUBLE);
        assertThat(StableMath.logProbability(-0.0)).isEqualTo(minDouble);
        assertThat(StableMath.logProbability(0.0f)).isEqualTo(minFloat).isEqualTo(StableMath.LOG_MIN_FLOAT);
        assertThat(StableMath.logProbability(-0.0f)).isEqualTo(minFloat);
        assertThat(minDouble).isBetween(-744.45, -744.43);
        assertThat(minFloat).isBetween(-103.29, -103.27);
        // the floor is at most the log of any probability that did not underflow
        assertThat(StableMath.logProbability(Double.MIN_VALUE)).isEqualTo(StableMath.LOG_MIN_DOUBLE);
        assertThat(StableMath.logProbability(Float.MIN_VALUE)).isEqualTo(StableMath.LOG_MIN_FLOAT);
    }

    @Test
    void hostileInputs() {
        assertThat(StableMath.logProbability(Double.NaN)).isNaN();
        assertThat(StableMath.logProbability(Float.NaN)).isNaN();
        assertThat(StableMath.logProbability(-1e-300)).isNaN();
        assertThat(StableMath.logProbability(-Double.MIN_VALUE)).isNaN();
        assertThat(StableMath.logProbability(-0.5f)).isNaN();
        assertThat(StableMath.logProbability(Double.NEGATIVE_INFINITY)).isNaN();
        assertThat(StableMath.logProbability(Double.POSITIVE_INFINITY)).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(StableMath.logProbability(Float.POSITIVE_INFINITY)).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(StableMath.logProbability(1.0)).isEqualTo(0.0);
        assertThat(StableMath.logProbability(Double.MAX_VALUE)).isEqualTo(Math.log(Double.MAX_VALUE));
        // a one-hot term 0 · log p of an underflowed non-target class is 0, not NaN
        assertThat(0.0 * StableMath.logProbability(0.0)).isEqualTo(-0.0);
        assertThat(0.0 * Math.log(0.0)).isNaN();
    }
}
