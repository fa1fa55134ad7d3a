package dev.numguard.rules.idioms.exp;

import dev.numguard.rules.SourceSpan;
import dev.numguard.rules.facts.MathCalls;
import dev.numguard.rules.facts.MethodFacts;
import dev.numguard.rules.facts.MethodUses;
import dev.numguard.rules.facts.Nodes;
import dev.numguard.rules.model.AssignOp;
import dev.numguard.rules.model.BinaryOp;
import dev.numguard.rules.model.Expr;
import dev.numguard.rules.model.Stmt;
import dev.numguard.rules.model.UnaryOp;
import dev.numguard.rules.model.VarKind;
import java.util.Optional;

/**
 * Where the digits that {@code log1p}/{@code expm1} would recover cannot matter for the value
 * computed: the code already takes another path for arguments near the cancelling point (a
 * guard on the argument), the result is added to a term of order one that absorbs the error, or
 * the expression is an exponential ramp normalised by e − 1 over [0, 1].
 */
public final class NegligibleDigits {
    private static final int MAX_SCALING_STEPS = 4;

    private NegligibleDigits() {
    }

    /**
     * True when {@code site} lies in a branch whose condition keeps {@code subject} away from
     * {@code pivot} (the value where the digits cancel: 0 for the x of {@code log(1 + x)}, 1 for a
     * local holding {@code 1 + x}): {@code if (|x| > 0.5) … else series}, {@code x < -c || x > c},
     * a comparison with a named constant. Sign tests ({@code x > 0}) and equality tests keep
     * small arguments and are not guards.
     */
    public static boolean guarded(Expr subject, double pivot, SourceSpan site, MethodFacts facts) {
        Optional<String> name = variable(subject);
        if (name.isEmpty()) {
            return false;
        }
        for (Object node : MethodUses.of(facts).branches()) {
            if (node instanceof Stmt.If branch) {
                if (inside(branch.then(), site) && keepsAway(branch.condition(), true, name.get(), pivot)
                        || inside(branch.otherwise(), site) && keepsAway(branch.condition(), false, name.get(), pivot)) {
                    return true;
                }
            } else if (node instanceof Expr.Conditional c) {
                if (c.whenTrue().span().contains(site) && keepsAway(c.condition(), true, name.get(), pivot)
                        || c.whenFalse().span().contains(site) && keepsAway(c.condition(), false, name.get(), pivot)) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * True when {@code e}, scaled (multiplied, divided, negated) at most a few times, is added to
     * or subtracted from a literal of order one ({@code 1 - 0.75 * (1 - exp(-d))}), or added into
     * an array entry that the method also sets to 1: the lost digits are below that term's ulp.
     */
    public static boolean absorbed(Expr e, MethodFacts facts) {
        Expr current = e;
        for (int step = 0; step <= MAX_SCALING_STEPS; step++) {
            Object parent = parent(current, facts);
            if (parent instanceof Expr.Binary b && (b.op() == BinaryOp.ADD || b.op() == BinaryOp.SUBTRACT)) {
                Expr other = b.left() == current ? b.right() : b.left();
                return Nodes.stripCasts(other) instanceof Expr.Literal l && l.value() instanceof Number
                        && Math.abs(l.numericValue()) >= 0.5;
            }
            if (parent instanceof Stmt.Assign a && a.op() == AssignOp.ADD && a.value() == current) {
                return isEntrySetToOne(a.target(), facts);
            }
            if (parent instanceof Expr.Binary b && (b.op() == BinaryOp.MULTIPLY || b.op() == BinaryOp.DIVIDE)
                    || parent instanceof Expr.Unary u && u.op() == UnaryOp.NEGATE || parent instanceof Expr.Cast) {
                current = (Expr) parent;
            } else {
                return false;
            }
        }
        return false;
    }

    /** True for {@code exp(c) - 1} or {@code Math.E - 1} with a literal c: the scale of a normalised ramp. */
    public static boolean isEMinusOne(Expr e) {
        return Nodes.stripCasts(e) instanceof Expr.Binary b && b.op() == BinaryOp.SUBTRACT
                && MathCalls.isLiteral(b.right(), 1)
                && (MathCalls.isEulerConstant(b.left()) || MathCalls.expArgument(b.left())
                        .filter(a -> Nodes.stripCasts(a) instanceof Expr.Literal).isPresent());
    }

    /** True when {@code e} is divided by e − 1: {@code (exp(f) - 1) / (Math.E - 1)} maps [0, 1] onto [0, 1]. */
    public static boolean dividedByEMinusOne(Expr e, MethodFacts facts) {
        return parent(e, facts) instanceof Expr.Binary b && b.op() == BinaryOp.DIVIDE && b.left() == e
                && isEMinusOne(b.right());
    }

    /** The statement or expression that holds {@code child} directly, or null. */
    public static Object parent(Expr child, MethodFacts facts) {
        return MethodUses.of(facts).holder(child);
    }

    private static boolean isEntrySetToOne(Expr target, MethodFacts facts) {
        if (!(Nodes.stripCasts(target) instanceof Expr.ArrayElement el)
                || !(Nodes.stripCasts(el.array()) instanceof Expr.VarRead array)) {
            return false;
        }
        return facts.statements().stream().anyMatch(s -> s instanceof Stmt.Assign a
                && (a.op() == AssignOp.ADD || a.op() == AssignOp.ASSIGN) && MathCalls.isLiteral(a.value(), 1)
                && Nodes.stripCasts(a.target()) instanceof Expr.ArrayElement other
                && Nodes.stripCasts(other.array()) instanceof Expr.VarRead v && v.name().equals(array.name()));
    }

    private static boolean inside(Stmt branch, SourceSpan site) {
        return branch != null && branch.span().contains(site);
    }

    private static Optional<String> variable(Expr subject) {
        Expr e = Nodes.stripCasts(subject);
        while (e instanceof Expr.Unary u && u.op() == UnaryOp.NEGATE) {
            e = Nodes.stripCasts(u.operand());
        }
        return e instanceof Expr.VarRead v && v.kind() != VarKind.FIELD ? Optional.of(v.name()) : Optional.empty();
    }

    /** True when {@code condition} being {@code truth} keeps {@code name} (or |name|) away from {@code pivot}. */
    private static boolean keepsAway(Expr condition, boolean truth, String name, double pivot) {
        Expr c = Nodes.stripCasts(condition);
        if (c instanceof Expr.Unary u && u.op() == UnaryOp.NOT) {
            return keepsAway(u.operand(), !truth, name, pivot);
        }
        if (!(c instanceof Expr.Binary b)) {
            return false;
        }
        if (b.op() == BinaryOp.CONDITIONAL_OR || b.op() == BinaryOp.CONDITIONAL_AND) {
            boolean both = (b.op() == BinaryOp.CONDITIONAL_OR) == truth;
            boolean left = keepsAway(b.left(), truth, name, pivot);
            boolean right = keepsAway(b.right(), truth, name, pivot);
            return both ? left && right : left || right;
        }
        BinaryOp op = truth ? b.op() : negated(b.op());
        if (op == null) {
            return false;
        }
        boolean subjectLeft = mentionsSubject(b.left(), name);
        if (!subjectLeft && !mentionsSubject(b.right(), name)) {
            return false;
        }
        Expr bound = Nodes.stripCasts(subjectLeft ? b.right() : b.left());
        boolean above = subjectLeft ? op == BinaryOp.GREATER || op == BinaryOp.GREATER_EQUAL
                : op == BinaryOp.LESS || op == BinaryOp.LESS_EQUAL;
        boolean below = subjectLeft ? op == BinaryOp.LESS || op == BinaryOp.LESS_EQUAL
                : op == BinaryOp.GREATER || op == BinaryOp.GREATER_EQUAL;
        if (bound instanceof Expr.VarRead constant && constant.kind() == VarKind.FIELD) {
            return above || below;                    // a named threshold: the author split the range there
        }
        boolean negative = bound instanceof Expr.Unary u && u.op() == UnaryOp.NEGATE;
        if (negative) {
            bound = Nodes.stripCasts(((Expr.Unary) bound).operand());
        }
        if (!(bound instanceof Expr.Literal l && l.value() instanceof Number)) {
            return false;
        }
        double value = negative ? -l.numericValue() : l.numericValue();
        boolean absolute = MathCalls.call(subjectLeft ? b.left() : b.right(), "abs", 1).isPresent();
        return above && value > (absolute ? Math.abs(pivot) : pivot) || below && value < pivot && !absolute;
    }

    private static boolean mentionsSubject(Expr side, String name) {
        Expr e = Nodes.stripCasts(side);
        Optional<Expr.Call> abs = MathCalls.call(e, "abs", 1);
        if (abs.isPresent()) {
            e = Nodes.stripCasts(abs.get().args().get(0));
        }
        return e instanceof Expr.VarRead v && v.name().equals(name);
    }

    private static BinaryOp negated(BinaryOp op) {
        return switch (op) {
            case LESS -> BinaryOp.GREATER_EQUAL;
            case LESS_EQUAL -> BinaryOp.GREATER;
            case GREATER -> BinaryOp.LESS_EQUAL;
            case GREATER_EQUAL -> BinaryOp.LESS;
            default -> null;
        };
    }
}
