package dev.numguard.rules.fixes;

import dev.numguard.rules.Fix;
import dev.numguard.rules.TextEdit;
import dev.numguard.rules.facts.ClassFacts;
import dev.numguard.rules.idioms.exp.ZeroStartedMax;
import dev.numguard.rules.model.NumericType;
import java.util.List;
import java.util.Optional;

/**
 * A max shift whose running maximum starts at 0 becomes a real one by starting it at -Infinity:
 * the loop then finds max x instead of max(0, max x), so all-negative inputs are shifted too. Only
 * start values written in the finding's own file are edited (a fix edits one file).
 */
public final class RunningMaxStart {
    private RunningMaxStart() {
    }

    /** Starts every maximum in {@code starts} at -Infinity; empty when there is none or one lies in another file. */
    public static Optional<Fix> atNegativeInfinity(List<ZeroStartedMax.Start> starts, ClassFacts context) {
        if (starts.isEmpty() || starts.stream().anyMatch(s -> s.facts().context().file() != context.file())) {
            return Optional.empty();
        }
        List<TextEdit> edits = starts.stream().map(s -> TextEdit.replace(s.value().span(),
                (s.type() == NumericType.FLOAT ? "Float" : "Double") + ".NEGATIVE_INFINITY")).toList();
        // Review: a maximum kept for another use (returned, printed) changes for all-negative inputs,
        // and an input of -Infinity everywhere now gives NaN where 0/0 was NaN already.
        return Optional.of(Fix.review("Start the running maximum at -Infinity, so it shifts by max x", edits, List.of()));
    }
}
