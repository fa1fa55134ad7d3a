package dev.numguard.rules.facts;

import dev.numguard.rules.model.AssignOp;
import dev.numguard.rules.model.BinaryOp;
import dev.numguard.rules.model.Expr;
import dev.numguard.rules.model.Stmt;
import dev.numguard.rules.model.UnaryOp;
import dev.numguard.rules.model.VarKind;
import java.util.Optional;

/** Recognises the update statement of an accumulator, whatever way it is written. */
public final class Reductions {
    private Reductions() {
    }

    /** The variable {@code s} updates from itself, with what, or empty. Loop is filled in later. */
    public static Optional<Reduction> update(Stmt s) {
        if (s instanceof Stmt.ExprStmt es && es.expr() instanceof Expr.Unary u && u.op().assigns()
                && u.operand() instanceof Expr.VarRead v) {
            return Optional.of(new Reduction(v.name(), kindOf(v), ReductionKind.COUNT, null, s, null,
                    u.op() == UnaryOp.PRE_DECREMENT || u.op() == UnaryOp.POST_DECREMENT));
        }
        if (s instanceof Stmt.If branch && branch.otherwise() == null) {
            return maxByComparison(branch);
        }
        if (!(s instanceof Stmt.Assign a) || !(a.target() instanceof Expr.VarRead v)) {
            return Optional.empty();
        }
        String name = v.name();
        Expr value = a.value();
        return switch (a.op()) {
            case ADD -> Optional.of(of(v, isOne(value) ? ReductionKind.COUNT : ReductionKind.SUM, value, s, false));
            case SUBTRACT -> Optional.of(of(v, ReductionKind.SUM, value, s, true));
            case MULTIPLY -> Optional.of(of(v, ReductionKind.PRODUCT, value, s, false));
            case ASSIGN -> fromPlainAssignment(v, name, Nodes.stripCasts(value), s);
            default -> Optional.empty();
        };
    }

    private static Optional<Reduction> fromPlainAssignment(Expr.VarRead v, String name, Expr value, Stmt s) {
        if (value instanceof Expr.Binary b) {
            boolean leftSelf = isSelf(b.left(), v);
            boolean rightSelf = isSelf(b.right(), v);
            if (b.op() == BinaryOp.ADD && (leftSelf || rightSelf)) {
                Expr term = leftSelf ? b.right() : b.left();
                return Optional.of(of(v, isOne(term) ? ReductionKind.COUNT : ReductionKind.SUM, term, s, false));
            }
            if (b.op() == BinaryOp.SUBTRACT && leftSelf) {
                return Optional.of(of(v, ReductionKind.SUM, b.right(), s, true));
            }
            if (b.op() == BinaryOp.MULTIPLY && (leftSelf || rightSelf)) {
                return Optional.of(of(v, ReductionKind.PRODUCT, leftSelf ? b.right() : b.left(), s, false));
            }
        }
        if (value instanceof Expr.Call c && c.args().size() == 2 && MathCalls.isMathOwner(c.ownerType())
                && (c.name().equals("max") || c.name().equals("min"))) {
            ReductionKind kind = c.name().equals("max") ? ReductionKind.MAX : ReductionKind.MIN;
            if (isSelf(c.args().get(0), v)) {
                return Optional.of(of(v, kind, c.args().get(1), s, false));
            }
            if (isSelf(c.args().get(1), v)) {
                return Optional.of(of(v, kind, c.args().get(0), s, false));
            }
        }
        if (value instanceof Expr.Conditional c && c.condition() instanceof Expr.Binary cmp) {
            ReductionKind kind = comparisonKind(cmp, v, c.whenTrue(), c.whenFalse());
            if (kind != null) {
                return Optional.of(of(v, kind, isSelf(c.whenTrue(), v) ? c.whenFalse() : c.whenTrue(), s, false));
            }
        }
        return Optional.empty();
    }

    /** {@code if (t > m) m = t;} is a max, {@code if (t < m) m = t;} a min. */
    private static Optional<Reduction> maxByComparison(Stmt.If branch) {
        Stmt then = branch.then();
        if (then instanceof Stmt.Block block && block.statements().size() == 1) {
            then = block.statements().get(0);
        }
        if (!(then instanceof Stmt.Assign a) || a.op() != AssignOp.ASSIGN || !(a.target() instanceof Expr.VarRead v)
                || !(branch.condition() instanceof Expr.Binary cmp)) {
            return Optional.empty();
        }
        Expr self = v;
        ReductionKind kind = comparisonKind(cmp, v, a.value(), self);
        return kind == null ? Optional.empty() : Optional.of(of(v, kind, a.value(), branch, false));
    }

    /** For {@code cmp ? chosen : other}: MAX when it picks the larger of the term and the variable. */
    private static ReductionKind comparisonKind(Expr.Binary cmp, Expr.VarRead v, Expr chosen, Expr other) {
        boolean greater = cmp.op() == BinaryOp.GREATER || cmp.op() == BinaryOp.GREATER_EQUAL;
        boolean less = cmp.op() == BinaryOp.LESS || cmp.op() == BinaryOp.LESS_EQUAL;
        if (!greater && !less) {
            return null;
        }
        Expr term = isSelf(chosen, v) ? other : chosen;
        boolean termIsChosen = !isSelf(chosen, v);
        boolean leftIsTerm = Nodes.sameShape(cmp.left(), term) && isSelf(cmp.right(), v);
        boolean rightIsTerm = Nodes.sameShape(cmp.right(), term) && isSelf(cmp.left(), v);
        if (!leftIsTerm && !rightIsTerm) {
            return null;
        }
        boolean termLarger = greater == leftIsTerm;
        return termLarger == termIsChosen ? ReductionKind.MAX : ReductionKind.MIN;
    }

    private static Reduction of(Expr.VarRead v, ReductionKind kind, Expr term, Stmt s, boolean subtracted) {
        return new Reduction(v.name(), kindOf(v), kind, kind == ReductionKind.COUNT ? null : term, s, null, subtracted);
    }

    private static VarKind kindOf(Expr.VarRead v) {
        return v.kind() == VarKind.FIELD ? VarKind.FIELD : VarKind.LOCAL;
    }

    private static boolean isSelf(Expr e, Expr.VarRead v) {
        return Nodes.stripCasts(e) instanceof Expr.VarRead r && r.name().equals(v.name()) && r.kind() == v.kind()
                && (r.kind() != VarKind.FIELD || r.ownField() == v.ownField());
    }

    private static boolean isOne(Expr e) {
        return MathCalls.isLiteral(e, 1) && e.type().numeric() != dev.numguard.rules.model.NumericType.DOUBLE
                && e.type().numeric() != dev.numguard.rules.model.NumericType.FLOAT;
    }
}
