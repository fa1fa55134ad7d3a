package dev.numguard.rules.idioms.summation;

import dev.numguard.rules.facts.MethodFacts;
import dev.numguard.rules.facts.Nodes;
import dev.numguard.rules.facts.Reduction;
import dev.numguard.rules.model.BinaryOp;
import dev.numguard.rules.model.Expr;
import dev.numguard.rules.model.Stmt;
import java.util.Collections;
import java.util.EnumSet;
import java.util.IdentityHashMap;
import java.util.Set;

/**
 * How the value of a running sum is used. A sum whose value is only ever tested against a constant
 * ({@code r -= p[i]; if (r < 0) return i;}, inverse-CDF sampling) is not read as a number: its
 * rounding moves a boundary by n·5.96e-8 of the mass, and no digits of a result are lost.
 */
public final class SumUses {
    private static final Set<BinaryOp> COMPARISONS = EnumSet.of(BinaryOp.LESS, BinaryOp.LESS_EQUAL, BinaryOp.GREATER,
            BinaryOp.GREATER_EQUAL, BinaryOp.EQUAL, BinaryOp.NOT_EQUAL);

    private SumUses() {
    }

    /** True when every read of the accumulator outside its own updates compares it with a literal. */
    public static boolean onlyTestedAgainstConstants(Reduction sum, MethodFacts facts) {
        String name = sum.variable();
        Set<Expr> tested = Collections.newSetFromMap(new IdentityHashMap<>());
        Set<Expr> updating = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Object node : facts.nodes()) {
            if (node instanceof Expr.Binary b && COMPARISONS.contains(b.op())) {
                if (Nodes.isLocal(b.left(), name) && Nodes.stripCasts(b.right()) instanceof Expr.Literal) {
                    tested.add(Nodes.stripCasts(b.left()));
                } else if (Nodes.isLocal(b.right(), name) && Nodes.stripCasts(b.left()) instanceof Expr.Literal) {
                    tested.add(Nodes.stripCasts(b.right()));
                }
            }
            if (node instanceof Stmt.Assign a && Nodes.isLocal(a.target(), name)) {
                updating.addAll(Nodes.expressions(a.target()));
                updating.addAll(Nodes.expressions(a.value()));
            }
        }
        boolean anyTest = false;
        for (Object node : facts.nodes()) {
            if (node instanceof Expr.VarRead v && v.name().equals(name) && !updating.contains(v)) {
                if (!tested.contains(v)) {
                    return false;
                }
                anyTest = true;
            }
        }
        return anyTest;
    }
}
