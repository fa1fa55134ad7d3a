package dev.numguard.rules.idioms.logistic;

import dev.numguard.rules.facts.Definition;
import dev.numguard.rules.facts.MathCalls;
import dev.numguard.rules.facts.MethodFacts;
import dev.numguard.rules.facts.Nodes;
import dev.numguard.rules.model.BinaryOp;
import dev.numguard.rules.model.Expr;
import dev.numguard.rules.model.Stmt;
import dev.numguard.rules.model.VarKind;
import java.util.List;
import java.util.Optional;

/**
 * Two locals that hold the smaller and the larger of the same two values, so that
 * {@code small − large ≤ 0}: {@code min(a, b)} and {@code max(a, b)}, or a swap by a comparison,
 * {@code if (a < b) { hi = b; lo = a; } else { hi = a; lo = b; }}. The ordered log-add
 * {@code hi + log(1 + exp(lo − hi))} is written this way.
 */
final class OrderedPair {
    private OrderedPair() {
    }

    /** True when {@code small} is provably at most {@code large}. */
    static boolean ordered(Expr small, Expr large, MethodFacts facts) {
        Expr s = Nodes.stripCasts(facts.resolve(small));
        Expr l = Nodes.stripCasts(facts.resolve(large));
        Optional<Expr.Call> min = MathCalls.call(s, "min", 2);
        Optional<Expr.Call> max = MathCalls.call(l, "max", 2);
        if (min.isPresent() && max.isPresent()) {
            List<Expr> m = min.get().args();
            List<Expr> n = max.get().args();
            return Nodes.sameShape(m.get(0), n.get(0)) && Nodes.sameShape(m.get(1), n.get(1))
                    || Nodes.sameShape(m.get(0), n.get(1)) && Nodes.sameShape(m.get(1), n.get(0));
        }
        return swapped(small, large, facts);
    }

    /** Both locals are assigned in the two branches of one comparison of the same two values, the larger to {@code large}. */
    private static boolean swapped(Expr small, Expr large, MethodFacts facts) {
        if (!(Nodes.stripCasts(small) instanceof Expr.VarRead lo) || lo.kind() != VarKind.LOCAL
                || !(Nodes.stripCasts(large) instanceof Expr.VarRead hi) || hi.kind() != VarKind.LOCAL) {
            return false;
        }
        List<Definition> los = facts.definitionsAt(lo);
        List<Definition> his = facts.definitionsAt(hi);
        if (los.size() != 2 || his.size() != 2) {
            return false;
        }
        for (Object node : facts.nodes()) {
            if (node instanceof Stmt.If branch && branch.otherwise() != null
                    && Nodes.stripCasts(branch.condition()) instanceof Expr.Binary test
                    && inBothBranches(los, branch) && inBothBranches(his, branch)) {
                boolean less = test.op() == BinaryOp.LESS || test.op() == BinaryOp.LESS_EQUAL;
                boolean greater = test.op() == BinaryOp.GREATER || test.op() == BinaryOp.GREATER_EQUAL;
                if (!less && !greater) {
                    return false;
                }
                Expr below = less ? test.left() : test.right();   // the smaller one where the test holds
                Expr above = less ? test.right() : test.left();
                return assigns(his, branch.then(), above) && assigns(los, branch.then(), below)
                        && assigns(his, branch.otherwise(), below) && assigns(los, branch.otherwise(), above);
            }
        }
        return false;
    }

    private static boolean inBothBranches(List<Definition> defs, Stmt.If branch) {
        return defs.stream().anyMatch(d -> branch.then().span().contains(d.site().span()))
                && defs.stream().anyMatch(d -> branch.otherwise().span().contains(d.site().span()));
    }

    private static boolean assigns(List<Definition> defs, Stmt arm, Expr value) {
        return defs.stream().filter(d -> arm.span().contains(d.site().span()))
                .allMatch(d -> d.isPlain() && d.value() != null && Nodes.sameShape(Nodes.stripCasts(d.value()),
                        Nodes.stripCasts(value)));
    }
}
