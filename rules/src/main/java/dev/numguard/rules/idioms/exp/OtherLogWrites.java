package dev.numguard.rules.idioms.exp;

import dev.numguard.rules.facts.MethodFacts;
import dev.numguard.rules.facts.MethodUses;
import dev.numguard.rules.model.Stmt;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Per method, the statements that write a value holding the logarithm of something other than
 * {@code 1 ± y} into a variable or an element of it ({@link ResultUse#holdsOtherLog}), worked out
 * once per variable ({@link MethodFacts#index}).
 */
final class OtherLogWrites {
    private final MethodUses uses;
    private final Map<String, List<Stmt>> byVariable = new HashMap<>();

    private OtherLogWrites(MethodFacts facts) {
        this.uses = MethodUses.of(facts);
    }

    static List<Stmt> of(String variable, MethodFacts facts) {
        OtherLogWrites index = facts.index(OtherLogWrites.class, OtherLogWrites::new);
        return index.byVariable.computeIfAbsent(variable, name -> index.uses.writes(name).stream()
                .filter(s -> ResultUse.holdsOtherLog(s instanceof Stmt.Assign a ? a.value() : ((Stmt.LocalDecl) s).init()))
                .toList());
    }
}
