package dev.numguard.rules.fixes;

import dev.numguard.rules.Fix;
import dev.numguard.rules.TextEdit;
import dev.numguard.rules.facts.ClassFacts;
import dev.numguard.rules.facts.Nodes;
import dev.numguard.rules.model.Expr;
import java.util.List;
import java.util.Optional;

/**
 * A whole-array softmax {@code x.exp().div(x.exp().sum(..))} shifted by the maximum of {@code x}:
 * every {@code x.exp()} of the numerator and the sum becomes {@code x.sub(x.max()).exp()}. One
 * constant shift for the whole array leaves every ratio unchanged, whichever axes are summed, and
 * keeps every exponent at or below 0.
 */
public final class ArrayMaxShift {
    private ArrayMaxShift() {
    }

    /**
     * Shifts each of {@code exps} (instance calls {@code x.exp()} on the same variable {@code x});
     * empty when one has another form, since the numerator and the sum must move together.
     */
    public static Optional<Fix> of(List<Expr.Call> exps, ClassFacts context) {
        if (exps.isEmpty() || !exps.stream().allMatch(ArrayMaxShift::onVariable)) {
            return Optional.empty();
        }
        String x = context.text(exps.get(0).target());
        if (!exps.stream().allMatch(e -> context.text(e.target()).equals(x))) {
            return Optional.empty();
        }
        List<TextEdit> edits = exps.stream()
                .map(e -> TextEdit.replace(e.target().span(), x + ".sub(" + x + ".max())")).toList();
        // Review: one more pass over the array, and an array holding +Infinity now gives NaN.
        return Optional.of(Fix.review("Subtract the maximum of " + x + " before exp()", edits, List.of()));
    }

    private static boolean onVariable(Expr.Call exp) {
        return exp.args().isEmpty() && exp.target() != null && exp.target() instanceof Expr.VarRead
                && Nodes.stripCasts(exp.target()) == exp.target();
    }
}
