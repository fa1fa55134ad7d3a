package dev.numguard.rules.idioms.guards;

import dev.numguard.rules.SourceSpan;
import dev.numguard.rules.facts.MethodFacts;
import dev.numguard.rules.facts.MethodUses;
import dev.numguard.rules.facts.Nodes;
import dev.numguard.rules.model.Expr;
import dev.numguard.rules.model.Stmt;
import java.util.ArrayList;
import java.util.List;

/**
 * The branch conditions known at a point of a method: of each enclosing {@code if} or conditional (true
 * in its then-part, false in its else-part) and of each earlier {@code if} one of whose parts leaves
 * (after it the condition is false when the then-part leaves, true when only the else-part does).
 *
 * @param condition the condition as written
 * @param truth the value it has at the point
 */
public record PathConditions(Expr condition, boolean truth) {
    /** The conditions holding at {@code site}, in the order the method's branches are indexed. */
    public static List<PathConditions> at(SourceSpan site, MethodFacts facts) {
        return walk(site, facts, true);
    }

    /**
     * Only the conditions of the branches that enclose {@code site}: a question about the branch a
     * value is computed in (which of two operands it established as the larger), not about the
     * code that ran before it.
     */
    public static List<PathConditions> around(SourceSpan site, MethodFacts facts) {
        return walk(site, facts, false);
    }

    private static List<PathConditions> walk(SourceSpan site, MethodFacts facts, boolean earlierExits) {
        List<PathConditions> known = new ArrayList<>();
        for (Object node : MethodUses.of(facts).branches()) {
            if (node instanceof Stmt.If branch && !branch.condition().span().contains(site)) {
                boolean inThen = branch.then().span().contains(site);
                boolean inElse = branch.otherwise() != null && branch.otherwise().span().contains(site);
                boolean before = earlierExits && branch.span().end() <= site.start();
                if (inThen || inElse) {
                    known.add(new PathConditions(branch.condition(), inThen));
                } else if (before && EarlyExit.exits(branch.then())) {
                    known.add(new PathConditions(branch.condition(), false));
                } else if (before && branch.otherwise() != null && EarlyExit.exits(branch.otherwise())) {
                    known.add(new PathConditions(branch.condition(), true));
                }
            } else if (node instanceof Expr.Conditional c && !c.condition().span().contains(site)
                    && c.span().contains(site)) {
                known.add(new PathConditions(c.condition(), c.whenTrue().span().contains(site)));
            }
        }
        return known;
    }

    /** True when the condition reads {@code name} (a local, a parameter or a field). */
    public boolean tests(String name) {
        return Nodes.expressions(condition).stream()
                .anyMatch(x -> x instanceof Expr.VarRead v && v.name().equals(name));
    }
}
