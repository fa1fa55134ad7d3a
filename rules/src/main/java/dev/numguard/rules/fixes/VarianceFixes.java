package dev.numguard.rules.fixes;

import dev.numguard.rules.Fix;
import dev.numguard.rules.facts.ClassFacts;
import dev.numguard.rules.facts.MethodFacts;
import dev.numguard.rules.facts.Reduction;
import dev.numguard.rules.idioms.moments.Cancellation;
import dev.numguard.rules.model.Expr;
import dev.numguard.rules.model.NumericType;
import dev.numguard.rules.model.VarKind;
import java.util.Optional;

/**
 * Which fix a naive variance or covariance gets, tried from the widest rewrite to the narrowest:
 * a Statistics call over a whole array or matrix, a RunningStats field for field sums, shifted sums
 * where a loop also sums a product of two values, a local RunningStats, shifted sums, an array of
 * RunningStats for per-column arrays of sums; then, where none applies, a RunningStats fed beside the
 * sums of one loop or kept by each part of a partitioned sum, read for the count the formula states
 * ({@link StatedCountMomentsFix}, {@link PartitionMomentsFix}). Shared by
 * NaiveVariance and by FloatAccumulation, which leaves a float sum that feeds such a formula to it.
 */
public final class VarianceFixes {

    private VarianceFixes() {
    }

    /** The fix of the cancelling {@code subtraction} that {@code c} describes, if one is sound. */
    public static Optional<Fix> of(Expr.Binary subtraction, Cancellation c, MethodFacts facts) {
        ClassFacts context = facts.context();
        NumericType type = subtraction.type().numeric() == NumericType.FLOAT ? NumericType.FLOAT : NumericType.DOUBLE;
        boolean inFields = inFields(c);
        boolean running = c.left().reductions().stream().anyMatch(r -> r instanceof Reduction red
                && red.loop() != null && red.loop().span().contains(subtraction.span()));
        Optional<Fix> wholeArray = running || c.weighted() ? Optional.empty()
                : inFields ? RunningStatsFix.of(context, facts, subtraction)
                        .or(() -> FieldMomentsFix.of(context, facts, subtraction, c))
                : MomentFixes.statisticsCall(context, facts, subtraction, c, type)
                        .or(() -> ColumnVarianceFix.of(context, facts, subtraction, c));
        return wholeArray.or(() -> inFields || c.weighted() ? Optional.empty() : ShiftedSumsFix.ofJointSums(facts, c))
                .or(() -> inFields ? Optional.empty() : LoopRunningStatsFix.of(facts, subtraction, c))
                .or(() -> inFields || c.weighted() ? Optional.empty() : ShiftedSumsFix.of(facts, c))
                .or(() -> inFields ? Optional.empty() : ShiftedMassMomentsFix.of(facts, subtraction, c))
                .or(() -> inFields ? Optional.empty() : ColumnSumsFix.of(facts, subtraction, c))
                .or(() -> inFields ? Optional.empty() : SeededShiftFix.of(facts, subtraction, c))
                .or(() -> inFields ? Optional.empty() : PrefixSumsShiftFix.of(facts, subtraction, c))
                .or(() -> inFields ? Optional.empty() : StatedCountMomentsFix.of(facts, subtraction, c))
                .or(() -> inFields ? Optional.empty() : PartitionMomentsFix.of(facts, subtraction, c))
                .or(() -> inFields ? Optional.empty() : ShiftedMomentsFix.of(facts, subtraction, c))
                .or(() -> FieldArrayShiftFix.of(facts, subtraction, c));
    }

    /** Some sum of the formula is a field updated across calls. */
    public static boolean inFields(Cancellation c) {
        return c.left().reductions().stream().anyMatch(r -> r instanceof Reduction red
                && red.variableKind() == VarKind.FIELD);
    }
}
