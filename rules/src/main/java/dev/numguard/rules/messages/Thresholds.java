package dev.numguard.rules.messages;

import dev.numguard.rules.model.NumericType;

/**
 * The concrete failure thresholds findings quote, per floating-point type, so every message says
 * exactly when the code breaks.
 */
public final class Thresholds {
    private Thresholds() {
    }

    /** The largest argument whose exp is finite: ln(MAX_VALUE). */
    public static String expOverflow(NumericType type) {
        return switch (type) {
            case FLOAT -> "88.72";
            case HALF_IN_SHORT -> "11.09";
            default -> "709.78";
        };
    }

    /** exp overflow sentence: "exp overflows to Infinity above 709.78 in double (88.72 in float)". */
    public static String expOverflowSentence(NumericType type) {
        return type == NumericType.FLOAT
                ? "exp overflows to Infinity for arguments above 88.72 in float (709.78 in double, 11.09 in fp16)"
                : "exp overflows to Infinity for arguments above 709.78 in double (88.72 in float, 11.09 in fp16)";
    }

    /** Half the unit roundoff: below it, 1 + x rounds to 1. */
    public static String unitRoundoff(NumericType type) {
        return type == NumericType.FLOAT ? "5.96e-8" : "1.11e-16";
    }

    /** The type's name as messages print it. */
    public static String typeName(NumericType type) {
        return switch (type) {
            case FLOAT -> "float";
            case HALF_IN_SHORT -> "fp16";
            default -> "double";
        };
    }

    /** k·log10(1/p) beyond which a product of k probabilities p underflows to 0. */
    public static String productUnderflowDigits(NumericType type) {
        return type == NumericType.FLOAT ? "45" : "323";
    }

    /** Factors of about 0.1 after which a product turns subnormal (10^-308 in double, 10^-38 in float). */
    public static String productSubnormalFactors(NumericType type) {
        return type == NumericType.FLOAT ? "38" : "308";
    }

    /** |mean|/std beyond which E[X²]−E[X]² keeps no correct digit. */
    public static String varianceCancellationRatio(NumericType type) {
        return type == NumericType.FLOAT ? "about 3·10^3" : "about 10^8";
    }
}
