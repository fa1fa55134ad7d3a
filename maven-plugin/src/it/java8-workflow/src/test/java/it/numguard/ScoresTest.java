package it.numguard;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * Hostile inputs with exact expected values. The naive code fails them (NaN for large logits, 0 for
 * a tiny rate); the fixed code passes.
 */
class ScoresTest {
    @Test
    void softmaxOfHugeEqualLogitsIsUniform() {
        assertArrayEquals(new double[] {0.5, 0.5}, Scores.softmax(new double[] {1000, 1000}), 0.0);
        assertArrayEquals(new double[] {1.0, 0.0}, Scores.softmax(new double[] {1e308, -1e308}), 0.0);
    }

    @Test
    void softmaxOfOrdinaryLogitsIsUnchanged() {
        double e = Math.exp(1);
        assertArrayEquals(new double[] {1 / (1 + e), e / (1 + e)}, Scores.softmax(new double[] {0, 1}), 1e-16);
    }

    @Test
    void logReturnOfATinyRateKeepsItsDigits() {
        // log1p(x) = x - x^2/2 + ...; for x = 1e-20 the correctly rounded result is x itself
        assertEquals(1e-20, Scores.logReturn(1e-20), 0.0);
        assertEquals(Math.log(2), Scores.logReturn(1), 0.0);
    }
}
