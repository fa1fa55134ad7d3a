package dev.numguard.rules.messages;

import dev.numguard.rules.model.NumericType;

/** Where squaring breaks: x² overflows above sqrt(MAX_VALUE) and underflows below sqrt(MIN_NORMAL·ε). */
public final class SquareThresholds {
    private SquareThresholds() {
    }

    /** The sentence quoting both thresholds, the given type first. */
    public static String sentence(NumericType type) {
        return type == NumericType.FLOAT
                ? "the squares overflow to Infinity once a value exceeds 1.84e19 in float (1.34e154 in double) and "
                        + "underflow to 0 below 1.08e-19 (1.49e-154 in double)"
                : "the squares overflow to Infinity once a value exceeds 1.34e154 in double (1.84e19 in float) and "
                        + "underflow to 0 below 1.49e-154 (1.08e-19 in float)";
    }

    /** The overflow threshold alone, for a square shifted by a constant (which cannot underflow to 0). */
    public static String overflowSentence(NumericType type) {
        return type == NumericType.FLOAT
                ? "the square overflows to Infinity once the value exceeds 1.84e19 in float (1.34e154 in double)"
                : "the square overflows to Infinity once the value exceeds 1.34e154 in double (1.84e19 in float)";
    }
}
