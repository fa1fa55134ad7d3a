package dev.numguard.rules.idioms.exp;

import dev.numguard.rules.facts.MethodFacts;
import dev.numguard.rules.model.Expr;
import java.util.List;

/**
 * What protects the exponentials of a sum (and of further exponents, a softmax's numerator) from
 * overflow and underflow, all checks together: a shift by the maximum inside the exp or in place
 * in the array, bounded exponents, or nothing that works.
 */
public enum ShiftVerdict {
    /** Every exponent is shifted by a value of the data, or bounded: nothing to report. */
    SAFE,
    /** Some exponent is not shifted. */
    UNSHIFTED,
    /** Shifted by a constant, which protects nothing. */
    CONSTANT,
    /** Shifted by the first or the smallest value, not the maximum. */
    MISPLACED,
    /** Shifted by a running maximum that starts at 0: max(0, max x), so all-negative inputs still underflow. */
    ZERO_STARTED;

    /** The verdict for the exponents of {@code sum} (read in {@code sumFacts}) and {@code others} (read in {@code facts}). */
    public static ShiftVerdict of(ExpSum sum, MethodFacts sumFacts, List<Expr> others, MethodFacts facts) {
        if (Exponents.allBounded(sum, sumFacts, others, facts) || InPlaceShift.allShifted(sum, sumFacts, others, facts)) {
            return SAFE;
        }
        return switch (Exponents.shiftState(sum, sumFacts, others, facts)) {
            case REAL -> ZeroStartedMax.anyShift(sum, sumFacts, others, facts) ? ZERO_STARTED : SAFE;
            case CONSTANT -> CONSTANT;
            case MISPLACED -> MISPLACED;
            case NONE -> UNSHIFTED;
        };
    }

    /**
     * The start of a finding's message on {@code idiom} ("softmax", "log-sum-exp") with this
     * verdict; {@code overflow} says when the unshifted form overflows, {@code underflow} what
     * all-negative inputs do to it.
     */
    public String message(String idiom, String overflow, String underflow) {
        return switch (this) {
            case ZERO_STARTED -> idiom + " shifted by a running maximum that starts at 0, so by max(0, max x): when every "
                    + "input is below -745 (-103 in float) nothing is subtracted and " + underflow;
            case CONSTANT -> idiom + " shifted by a constant, not by the maximum of its inputs: " + overflow;
            case MISPLACED -> idiom + " shifted by the first or smallest input, not by the maximum: " + overflow;
            default -> idiom + " without a max shift: " + overflow;
        };
    }
}
