package dev.numguard.rules.fixes;

import dev.numguard.rules.facts.MathCalls;
import dev.numguard.rules.facts.MethodFacts;
import dev.numguard.rules.facts.Nodes;
import dev.numguard.rules.model.Expr;
import dev.numguard.rules.model.LoopKind;
import dev.numguard.rules.model.Stmt;
import dev.numguard.rules.model.VarKind;
import java.util.List;
import java.util.Optional;

/**
 * The arguments {@code elements, e -> value} of {@code Statistics.norm2(Iterable, ToDoubleFunction)} for a
 * sum of squares accumulated in an enhanced-for over a collection: {@code for (Number n : map.values())
 * { double v = n.doubleValue(); s += v * v; }} gives {@code map.values(), n -> n.doubleValue()}. The
 * value squared must be a function of the element alone (the element, getters without arguments called
 * on it, Math functions, literals and arithmetic, through locals of the loop), so the lambda computes it
 * again; the collection must be a local or parameter, or a getter without arguments on one, and the loop
 * body and everything between the loop and the root must leave it as it was: no call but Math's and the
 * element's getters, no write but to locals, and the variable naming it not reassigned there; nor may the
 * body reassign the element.
 */
public final class IterableNorm {
    private IterableNorm() {
    }

    /** The text {@code elements, e -> value}, or empty when the loop is not of that form. */
    public static Optional<String> arguments(Expr squared, Stmt.Loop loop, Expr.Call root, MethodFacts facts) {
        if (loop == null || loop.kind() != LoopKind.FOR_EACH || loop.element() == null || loop.iterable() == null
                || !loop.iterable().type().isScalar()) {
            return Optional.empty();
        }
        String element = loop.element().name();
        Expr value = Nodes.stripCasts(facts.resolve(squared));
        if (!ofElementAlone(value, element) || !Nodes.mentions(value, element)) {
            return Optional.empty();
        }
        Optional<String> owner = collectionOwner(Nodes.stripCasts(loop.iterable()));
        if (owner.isEmpty() || !quiet(loop.body().span().start(), loop.body().span().end(), element, facts)
                || !quiet(loop.span().end(), root.span().start(), element, facts)
                || facts.definitions(owner.get()).stream().anyMatch(d -> d.site() != null
                        && d.site().span().start() >= loop.span().start() && d.site().span().end() <= root.span().start())
                || elementNameTakenElsewhere(element, loop, facts)
                || facts.definitions(element).stream().anyMatch(d -> d.site() != null && d.site() != loop.element()
                        && loop.body().span().contains(d.site().span()))) {
            return Optional.empty();
        }
        return Optional.of(facts.context().text(loop.iterable()) + ", " + element + " -> " + facts.context().text(value));
    }

    /** The element, getters on it, Math functions, literals and arithmetic: nothing else is read or called. */
    private static boolean ofElementAlone(Expr value, String element) {
        for (Expr x : Nodes.expressions(value)) {
            if (x instanceof Expr.VarRead v) {
                boolean isElement = v.kind() == VarKind.LOCAL && v.qualifier() == null && v.name().equals(element);
                if (!isElement) {
                    return false;
                }
            } else if (x instanceof Expr.Call c) {
                boolean getter = c.args().isEmpty() && c.target() != null && Nodes.isLocal(c.target(), element);
                if (!getter && !MathCalls.isMathOwner(c.ownerType())) {
                    return false;
                }
            } else if (x instanceof Expr.Unary u && u.op().assigns() || x instanceof Expr.Other
                    || x instanceof Expr.Lambda || x instanceof Expr.MethodRef || x instanceof Expr.Conditional) {
                return false;
            }
        }
        return true;
    }

    /** A local or parameter ({@code list}), or a getter without arguments on one ({@code map.values()}). */
    private static Optional<String> collectionOwner(Expr iterable) {
        Expr owner = iterable instanceof Expr.Call getter && getter.args().isEmpty() && getter.target() != null
                ? Nodes.stripCasts(getter.target()) : iterable;
        return owner instanceof Expr.VarRead v && v.kind() != VarKind.FIELD && v.qualifier() == null
                ? Optional.of(v.name()) : Optional.empty();
    }

    /** No call but Math's and the element's getters, and no write but to a local, in [from, to). */
    private static boolean quiet(int from, int to, String element, MethodFacts facts) {
        boolean calls = Nodes.expressions(facts.method().body()).stream().anyMatch(e -> e instanceof Expr.Call c
                && c.span().start() >= from && c.span().end() <= to && !MathCalls.isMathOwner(c.ownerType())
                && !(c.args().isEmpty() && c.target() != null && Nodes.isLocal(c.target(), element)));
        boolean writes = Nodes.statements(facts.method().body()).stream().anyMatch(s -> s instanceof Stmt.Assign a
                && a.span().start() >= from && a.span().end() <= to
                && !(Nodes.stripCasts(a.target()) instanceof Expr.VarRead v && v.kind() == VarKind.LOCAL))
                || Nodes.expressions(facts.method().body()).stream().anyMatch(e -> e instanceof Expr.Unary u
                        && u.op().assigns() && u.span().start() >= from && u.span().end() <= to
                        && !(Nodes.stripCasts(u.operand()) instanceof Expr.VarRead v && v.kind() == VarKind.LOCAL));
        return !calls && !writes && from <= to;
    }

    /** Another local of the method with the element's name: the lambda's parameter could clash with it. */
    private static boolean elementNameTakenElsewhere(String element, Stmt.Loop loop, MethodFacts facts) {
        List<Stmt> statements = Nodes.statements(facts.method().body());
        return statements.stream().anyMatch(s -> s instanceof Stmt.LocalDecl d && d.name().equals(element)
                && d != loop.element())
                || statements.stream().anyMatch(s -> s instanceof Stmt.Loop other && other != loop
                        && other.element() != null && other.element().name().equals(element))
                || facts.method().parameters().stream().anyMatch(p -> p.name().equals(element));
    }
}
