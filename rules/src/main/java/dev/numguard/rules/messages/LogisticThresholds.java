package dev.numguard.rules.messages;

import dev.numguard.rules.model.NumericType;

/** Where the logistic family breaks: the saturation of a sigmoid and the overflow of a softplus. */
public final class LogisticThresholds {
    private LogisticThresholds() {
    }

    /**
     * The logit above which {@code σ(z) = 1 / (1 + exp(-z))} rounds to exactly 1: {@code exp(-z)}
     * is then below half an ulp of 1 (z above ln 2^53 in double, ln 2^24 in float).
     */
    public static String sigmoidSaturation(NumericType type) {
        return type == NumericType.FLOAT ? "16.6 in float (36.7 in double)" : "36.7 in double (16.6 in float)";
    }

    /** The logit below which the hand-written sigmoid is exactly 0 (exp(-z) overflows, or exp(z) underflows). */
    public static String sigmoidUnderflow(NumericType type) {
        return type == NumericType.FLOAT ? "about -88.7 in float (-709.78 in double)"
                : "about -709.78 in double (-88.7 in float)";
    }
}
