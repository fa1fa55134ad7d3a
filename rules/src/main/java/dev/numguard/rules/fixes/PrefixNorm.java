package dev.numguard.rules.fixes;

import dev.numguard.rules.facts.MathCalls;
import dev.numguard.rules.facts.MethodFacts;
import dev.numguard.rules.facts.Nodes;
import dev.numguard.rules.model.BinaryOp;
import dev.numguard.rules.model.Expr;
import dev.numguard.rules.model.LoopKind;
import dev.numguard.rules.model.Stmt;
import dev.numguard.rules.model.UnaryOp;
import dev.numguard.rules.model.VarKind;
import java.util.Optional;

/**
 * The arguments {@code a, 0, n} of a scaled norm over the first {@code n} elements of an array the
 * sum of squares read as {@code a[i]} in {@code for (int i = 0; i < n; i++)}: an array held in a field
 * of a local or parameter ({@code desc.data}) and a bound that is a local, or a call without
 * arguments on the same object ({@code desc.size()}). Only where nothing between the loop and the
 * root can change them: no assignment to an element or to the object, and no call but a Math one.
 */
public final class PrefixNorm {
    private PrefixNorm() {
    }

    /** The text {@code a, 0, n}, or empty when the loop and the element are not of that form. */
    public static Optional<String> arguments(Expr element, Stmt.Loop loop, Expr.Call root, MethodFacts facts) {
        if (!(Nodes.stripCasts(element) instanceof Expr.ArrayElement read)
                || !(Nodes.stripCasts(read.array()) instanceof Expr.VarRead array)
                || !(Nodes.stripCasts(read.index()) instanceof Expr.VarRead index)
                || loop == null || loop.kind() != LoopKind.FOR || !index.name().equals(loop.inductionVariable())
                || loop.init().size() != 1 || !(loop.init().get(0) instanceof Stmt.LocalDecl start)
                || !MathCalls.isLiteral(start.init(), 0) || loop.update().size() != 1
                || !(loop.update().get(0) instanceof Stmt.ExprStmt step && step.expr() instanceof Expr.Unary u
                        && (u.op() == UnaryOp.POST_INCREMENT || u.op() == UnaryOp.PRE_INCREMENT))
                || !(loop.condition() instanceof Expr.Binary bound) || bound.op() != BinaryOp.LESS
                || !Nodes.isLocal(bound.left(), index.name())) {
            return Optional.empty();
        }
        Optional<String> owner = unchangedOwner(array, facts);
        Expr n = Nodes.stripCasts(bound.right());
        boolean boundOk = n instanceof Expr.VarRead local && local.kind() != VarKind.FIELD && local.qualifier() == null
                && facts.definitions(local.name()).stream().noneMatch(d -> loop.span().contains(d.site().span()))
                || n instanceof Expr.Call size && size.args().isEmpty() && size.target() != null && owner.isPresent()
                        && Nodes.stripCasts(size.target()) instanceof Expr.VarRead target && target.qualifier() == null
                        && target.name().equals(owner.get());
        if (owner.isEmpty() || !boundOk || !quietBetween(loop, root, facts)) {
            return Optional.empty();
        }
        String text = facts.context().text(array);
        return Optional.of(text + ", 0, " + facts.context().text(n));
    }

    /** The local or parameter whose field the array is, never reassigned in the method. */
    private static Optional<String> unchangedOwner(Expr.VarRead array, MethodFacts facts) {
        if (array.kind() != VarKind.FIELD || !(Nodes.stripCasts(array.qualifier()) instanceof Expr.VarRead owner)
                || owner.kind() == VarKind.FIELD || owner.qualifier() != null
                || facts.definitions(owner.name()).stream().anyMatch(d -> !d.element()
                        && !(d.site() instanceof Stmt.LocalDecl))) {
            return Optional.empty();
        }
        return Optional.of(owner.name());
    }

    /** No write to an element or a field, and no call but Math's, between the end of the loop and the root. */
    private static boolean quietBetween(Stmt.Loop loop, Expr.Call root, MethodFacts facts) {
        int from = loop.span().end();
        int to = root.span().start();
        boolean calls = Nodes.expressions(facts.method().body()).stream().anyMatch(e -> e instanceof Expr.Call c
                && c.span().start() >= from && c.span().end() <= to && !MathCalls.isMathOwner(c.ownerType()));
        boolean writes = Nodes.statements(facts.method().body()).stream().anyMatch(s -> s instanceof Stmt.Assign a
                && a.span().start() >= from && a.span().end() <= to
                && !(Nodes.stripCasts(a.target()) instanceof Expr.VarRead v && v.kind() == VarKind.LOCAL));
        return !calls && !writes && from <= to;
    }
}
