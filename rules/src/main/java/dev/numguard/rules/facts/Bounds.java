package dev.numguard.rules.facts;

import dev.numguard.rules.facts.MethodSummary.Shape;
import dev.numguard.rules.model.BinaryOp;
import dev.numguard.rules.model.Expr;
import dev.numguard.rules.model.Stmt;
import dev.numguard.rules.model.UnaryOp;
import dev.numguard.rules.model.VarId;
import dev.numguard.rules.model.VarKind;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/** Sign facts: whether a value is bounded above by 0 (or below by 0) where it is evaluated. */
final class Bounds {
    private static final int MAX_DEPTH = 6;

    private Bounds() {
    }

    static boolean isNonPositive(Expr e, MethodFacts facts, int depth) {
        if (e == null || depth > MAX_DEPTH) {
            return false;
        }
        Expr x = Nodes.stripCasts(e);
        if (x instanceof Expr.Literal l) {
            return l.numericValue() <= 0;
        }
        if (x instanceof Expr.Unary u && u.op() == UnaryOp.NEGATE) {
            return isNonNegative(u.operand(), facts, depth + 1);
        }
        if (x instanceof Expr.Binary b && b.op() == BinaryOp.SUBTRACT) {
            return isUpperBoundOf(b.right(), b.left(), facts, depth + 1)
                    || isNonPositive(b.left(), facts, depth + 1) && isNonNegative(b.right(), facts, depth + 1);
        }
        if (x instanceof Expr.Binary b && b.op() == BinaryOp.ADD) {
            return isNonPositive(b.left(), facts, depth + 1) && isNonPositive(b.right(), facts, depth + 1);
        }
        Optional<Expr.Call> min = MathCalls.call(x, "min", 2);
        if (min.isPresent()) {
            return min.get().args().stream().anyMatch(a -> isNonPositive(a, facts, depth + 1));
        }
        if (x instanceof Expr.Conditional c) {
            return isNonPositive(c.whenTrue(), facts, depth + 1) && isNonPositive(c.whenFalse(), facts, depth + 1);
        }
        if (x instanceof Expr.VarRead v && v.kind() != VarKind.FIELD && underSignTest(v, facts, true)) {
            return true;
        }
        if (x instanceof Expr.VarRead v && v.kind() == VarKind.LOCAL) {
            return everyDefinition(v, facts, value -> isNonPositive(value, facts, depth + 1));
        }
        return false;
    }

    static boolean isNonNegative(Expr e, MethodFacts facts, int depth) {
        if (e == null || depth > MAX_DEPTH) {
            return false;
        }
        Expr x = Nodes.stripCasts(e);
        if (x instanceof Expr.Literal l) {
            return l.numericValue() >= 0;
        }
        if (x instanceof Expr.Call c && MathCalls.function(c).filter(f -> f.equals("abs") || f.equals("exp")
                || f.equals("sqrt")).isPresent()) {
            return true;
        }
        if (MathCalls.squared(x).isPresent()) {
            return true;
        }
        if (x instanceof Expr.Unary u && u.op() == UnaryOp.NEGATE) {
            return isNonPositive(u.operand(), facts, depth + 1);
        }
        Optional<Expr.Call> max = MathCalls.call(x, "max", 2);
        if (max.isPresent()) {
            return max.get().args().stream().anyMatch(a -> isNonNegative(a, facts, depth + 1));
        }
        if (x instanceof Expr.VarRead v && v.kind() != VarKind.FIELD && underSignTest(v, facts, false)) {
            return true;
        }
        if (x instanceof Expr.VarRead v && v.kind() == VarKind.LOCAL) {
            return everyDefinition(v, facts, value -> isNonNegative(value, facts, depth + 1));
        }
        return false;
    }

    /** Every definition of local {@code v} reaching it is a plain assignment of a value that {@code holds}. */
    private static boolean everyDefinition(Expr.VarRead v, MethodFacts facts, Predicate<Expr> holds) {
        List<Definition> defs = facts.definitionsAt(v);
        return !defs.isEmpty() && defs.stream().allMatch(d -> d.isPlain() && !d.element() && holds.test(d.value()));
    }

    /** {@code max} is the maximum of the values {@code value} ranges over ({@code value − max ≤ 0}). */
    private static boolean isUpperBoundOf(Expr max, Expr value, MethodFacts facts, int depth) {
        Expr m = Nodes.stripCasts(max);
        Optional<Expr.Call> mathMax = MathCalls.call(m, "max", 2);
        if (mathMax.isPresent() && mathMax.get().args().stream().anyMatch(a -> Nodes.sameShape(a, value))) {
            return true;
        }
        Optional<VarId> over = Summaries.elementOf(value, facts, depth);
        if (over.isEmpty()) {
            return false;
        }
        Optional<ValueShape> described = Summaries.describe(m, facts, depth);
        if (described.isPresent() && described.get().shape() == Shape.MAX && described.get().over().equals(over.get())) {
            return true;
        }
        if (m instanceof Expr.VarRead v && v.kind() == VarKind.LOCAL) {
            return everyDefinition(v, facts, definition -> isUpperBoundOf(definition, value, facts, depth + 1));
        }
        return false;
    }

    /**
     * {@code v} read where a sign test holds: in the then-branch of {@code if (v < 0)}, the else-branch
     * of {@code if (v > 0)}, or the matching arm of {@code v <= 0 ? v : …}. (No check that {@code v}
     * is not reassigned inside the branch: the test reads the value the branch starts with.)
     */
    private static boolean underSignTest(Expr.VarRead v, MethodFacts facts, boolean nonPositive) {
        for (Object node : facts.nodes()) {
            if (node instanceof Stmt.If branch && (branch.then().span().contains(v.span())
                    && testsSign(branch.condition(), v, true, nonPositive) || branch.otherwise() != null
                    && branch.otherwise().span().contains(v.span()) && testsSign(branch.condition(), v, false, nonPositive))) {
                return true;
            }
            if (node instanceof Expr.Conditional c && (c.whenTrue().span().contains(v.span())
                    && testsSign(c.condition(), v, true, nonPositive)
                    || c.whenFalse().span().contains(v.span()) && testsSign(c.condition(), v, false, nonPositive))) {
                return true;
            }
        }
        return false;
    }

    /** {@code condition} (when {@code holds}, or its negation) implies {@code v ≤ 0} ({@code v ≥ 0} when not {@code nonPositive}). */
    private static boolean testsSign(Expr condition, Expr.VarRead v, boolean holds, boolean nonPositive) {
        if (!(Nodes.stripCasts(condition) instanceof Expr.Binary cmp)) {
            return false;
        }
        boolean leftV = Nodes.stripCasts(cmp.left()) instanceof Expr.VarRead l && l.id().equals(v.id());
        boolean rightV = Nodes.stripCasts(cmp.right()) instanceof Expr.VarRead r && r.id().equals(v.id());
        Expr other = leftV ? cmp.right() : rightV ? cmp.left() : null;
        if (other == null || !MathCalls.isLiteral(other, 0)) {
            return false;
        }
        BinaryOp op = cmp.op();
        // v ≤ 0 where v < 0 (or v <= 0, 0 > v) holds and where v > 0 (or v >= 0) does not; the mirror for v ≥ 0
        boolean vBelow = leftV ? op == BinaryOp.LESS || op == BinaryOp.LESS_EQUAL
                : op == BinaryOp.GREATER || op == BinaryOp.GREATER_EQUAL;
        boolean vAbove = leftV ? op == BinaryOp.GREATER || op == BinaryOp.GREATER_EQUAL
                : op == BinaryOp.LESS || op == BinaryOp.LESS_EQUAL;
        return holds == nonPositive ? vBelow : vAbove;
    }
}
