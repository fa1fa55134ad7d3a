package dev.numguard.rules.fixes;

import dev.numguard.rules.facts.Definition;
import dev.numguard.rules.facts.MethodFacts;
import dev.numguard.rules.facts.Nodes;
import dev.numguard.rules.model.AssignOp;
import dev.numguard.rules.model.Expr;
import dev.numguard.rules.model.LoopKind;
import dev.numguard.rules.model.Stmt;
import java.util.List;

/**
 * An array transformed in place, element by element, {@code x[i] = f(x[i])}: the loop's only write
 * to the array is at the induction index, and the exponent reads {@code x[i]} inside that very
 * write's value, so it sees the element's original value. A copy of the loop header placed before
 * the loop reads the same values.
 */
final class InPlaceElement {
    private InPlaceElement() {
    }

    /** True when {@code array} (read in {@code exponent}) is read only as {@code array[i]} before the loop's one write to it, {@code array[i] = ..}. */
    static boolean readBeforeItsWrite(Expr.VarRead array, Expr exponent, Stmt.Loop loop, MethodFacts facts) {
        String induction = loop.inductionVariable();
        if (loop.kind() != LoopKind.FOR || induction == null) {
            return false;
        }
        List<Definition> writes = facts.definitions(array.name()).stream()
                .filter(d -> d.element() && loop.span().contains(d.site().span())).toList();
        if (writes.size() != 1 || !(writes.get(0).site() instanceof Stmt.Assign write) || write.op() != AssignOp.ASSIGN
                || !atInduction(write.target(), array.name(), induction) || !write.value().span().contains(exponent.span())) {
            return false;
        }
        return Nodes.expressions(exponent).stream().filter(e -> e instanceof Expr.VarRead v && v.name().equals(array.name()))
                .allMatch(read -> Nodes.expressions(exponent).stream().anyMatch(e -> e instanceof Expr.ArrayElement element
                        && element.array().span().equals(read.span()) && atInduction(element, array.name(), induction)));
    }

    private static boolean atInduction(Expr e, String array, String induction) {
        return Nodes.stripCasts(e) instanceof Expr.ArrayElement element
                && Nodes.stripCasts(element.array()) instanceof Expr.VarRead a && a.name().equals(array)
                && Nodes.stripCasts(element.index()) instanceof Expr.VarRead i && i.name().equals(induction);
    }
}
