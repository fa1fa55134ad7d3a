package dev.numguard.rules.idioms.guards;

import dev.numguard.rules.SourceSpan;
import dev.numguard.rules.facts.MethodFacts;
import dev.numguard.rules.facts.MethodUses;
import dev.numguard.rules.model.Expr;
import dev.numguard.rules.model.Stmt;
import java.util.ArrayList;
import java.util.List;

/**
 * The branch conditions known at a point of a method: of each enclosing {@code if} or conditional (true
 * in its then-part, false in its else-part) and of each earlier {@code if} without else whose then-part
 * leaves (false after it).
 *
 * @param condition the condition as written
 * @param truth the value it has at the point
 */
public record PathConditions(Expr condition, boolean truth) {
    /** The conditions holding at {@code site}, in the order the method's branches are indexed. */
    public static List<PathConditions> at(SourceSpan site, MethodFacts facts) {
        List<PathConditions> known = new ArrayList<>();
        for (Object node : MethodUses.of(facts).branches()) {
            if (node instanceof Stmt.If branch && !branch.condition().span().contains(site)) {
                boolean inThen = branch.then().span().contains(site);
                boolean inElse = branch.otherwise() != null && branch.otherwise().span().contains(site);
                boolean exitsBefore = branch.otherwise() == null && branch.span().end() <= site.start()
                        && EarlyExit.exits(branch.then());
                if (inThen || inElse || exitsBefore) {
                    known.add(new PathConditions(branch.condition(), inThen));
                }
            } else if (node instanceof Expr.Conditional c && !c.condition().span().contains(site)
                    && c.span().contains(site)) {
                known.add(new PathConditions(c.condition(), c.whenTrue().span().contains(site)));
            }
        }
        return known;
    }
}
