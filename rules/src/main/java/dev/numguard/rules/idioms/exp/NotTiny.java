package dev.numguard.rules.idioms.exp;

import dev.numguard.rules.facts.CallerArguments;
import dev.numguard.rules.facts.ClassFacts;
import dev.numguard.rules.facts.Definition;
import dev.numguard.rules.facts.MathCalls;
import dev.numguard.rules.facts.MethodFacts;
import dev.numguard.rules.facts.Nodes;
import dev.numguard.rules.model.BinaryOp;
import dev.numguard.rules.model.Expr;
import dev.numguard.rules.model.FieldModel;
import dev.numguard.rules.model.NumericType;
import dev.numguard.rules.model.UnaryOp;
import dev.numguard.rules.model.VarKind;
import java.util.List;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * Whether the small argument x of {@code log(1 + x)} can be tiny at all: an integer-valued x is 0 or
 * at least 1 in magnitude ({@code log(1 + count)} is exact), a constant is evaluated, and some
 * values are bounded away from 0 by construction ({@code cosh(z)}, {@code exp(z)},
 * {@code |y| + 0.5}, {@code max(y, 1)}).
 */
public final class NotTiny {
    /** Below this a constant x loses more than two digits to {@code 1 + x}. */
    public static final double SMALL_CONSTANT = 1e-2;
    private static final Set<String> AT_LEAST_ONE = Set.of("cosh", "exp");
    private static final Set<String> NON_NEGATIVE = Set.of("abs", "sqrt", "exp", "cosh", "hypot");
    private static final Set<String> ROUNDING = Set.of("floor", "ceil", "round", "rint");
    private static final int MAX_DEPTH = 6;

    private NotTiny() {
    }

    /** True when {@code x} is integer-valued, a constant of magnitude at least 0.01, or bounded away from 0. */
    public static boolean holds(Expr x, MethodFacts facts) {
        OptionalDouble constant = constant(x, facts.context(), 0);
        if (constant.isPresent()) {
            return Math.abs(constant.getAsDouble()) >= SMALL_CONSTANT;
        }
        return integerValued(x, facts, 0) || awayFromZero(facts.resolve(x), facts) || passedNotTiny(x, facts);
    }

    /** A parameter of a private method to which every call in the class passes a constant of at least 0.01. */
    private static boolean passedNotTiny(Expr x, MethodFacts facts) {
        return Nodes.stripCasts(x) instanceof Expr.VarRead p && p.kind() == VarKind.PARAMETER
                && CallerArguments.of(facts, p.name()).filter(calls -> calls.stream().allMatch(c -> constant(
                        c.argument(), c.caller().context(), 0).stream().anyMatch(v -> Math.abs(v) >= SMALL_CONSTANT)))
                        .isPresent();
    }

    /** The value of a constant expression: literals, Math.PI and E, final fields of the class, combined by + - * /. */
    public static OptionalDouble constant(Expr e, ClassFacts context, int depth) {
        return valueAt(e, context, null, 0, depth);
    }

    /** The value of {@code e} with the variable {@code name} (if not null) set to {@code value}. */
    static OptionalDouble valueAt(Expr e, ClassFacts context, String name, double value, int depth) {
        Expr x = Nodes.stripCasts(e);
        if (depth > MAX_DEPTH) {
            return OptionalDouble.empty();
        }
        if (name != null && x instanceof Expr.VarRead v && v.kind() != VarKind.FIELD && v.name().equals(name)) {
            return OptionalDouble.of(value);
        }
        if (x instanceof Expr.Literal l && l.value() instanceof Number) {
            return OptionalDouble.of(l.numericValue());
        }
        if (x instanceof Expr.Unary u && u.op() == UnaryOp.NEGATE) {
            OptionalDouble v = valueAt(u.operand(), context, name, value, depth + 1);
            return v.isPresent() ? OptionalDouble.of(-v.getAsDouble()) : v;
        }
        if (x instanceof Expr.VarRead v && v.kind() == VarKind.FIELD && MathCalls.isMathOwner(v.ownerType())
                && (v.name().equals("PI") || v.name().equals("E"))) {
            return OptionalDouble.of(v.name().equals("PI") ? Math.PI : Math.E);
        }
        if (x instanceof Expr.VarRead v && v.kind() == VarKind.FIELD && v.ownField()) {
            return context.clazz().field(v.name()).filter(FieldModel::isFinal).filter(f -> f.init() != null)
                    .map(f -> constant(f.init(), context, depth + 1)).orElse(OptionalDouble.empty());
        }
        if (x instanceof Expr.Binary b) {
            OptionalDouble l = valueAt(b.left(), context, name, value, depth + 1);
            OptionalDouble r = l.isPresent() ? valueAt(b.right(), context, name, value, depth + 1) : OptionalDouble.empty();
            if (r.isPresent()) {
                double a = l.getAsDouble();
                double c = r.getAsDouble();
                switch (b.op()) {
                    case ADD: return OptionalDouble.of(a + c);
                    case SUBTRACT: return OptionalDouble.of(a - c);
                    case MULTIPLY: return OptionalDouble.of(a * c);
                    case DIVIDE: return c == 0 ? OptionalDouble.empty() : OptionalDouble.of(a / c);
                    default: return OptionalDouble.empty();
                }
            }
        }
        return OptionalDouble.empty();
    }

    /** An integral type, a cast of one, a rounding call, or a sum or product of such, through locals. */
    private static boolean integerValued(Expr e, MethodFacts facts, int depth) {
        if (e == null || depth > MAX_DEPTH) {
            return false;
        }
        Expr x = Nodes.stripCasts(e);
        if (x.type().isScalar() && (x.type().numeric() == NumericType.INT || x.type().numeric() == NumericType.LONG)) {
            return true;
        }
        if (x instanceof Expr.Call c && MathCalls.function(c).filter(ROUNDING::contains).isPresent()) {
            return true;
        }
        if (x instanceof Expr.Binary b && (b.op() == BinaryOp.ADD || b.op() == BinaryOp.SUBTRACT
                || b.op() == BinaryOp.MULTIPLY)) {
            return integerValued(b.left(), facts, depth + 1) && integerValued(b.right(), facts, depth + 1);
        }
        if (x instanceof Expr.VarRead v && v.kind() == VarKind.LOCAL) {
            List<Definition> defs = facts.definitionsAt(v);
            return !defs.isEmpty() && defs.stream().allMatch(d -> d.isPlain() && d.value() != null
                    && integerValued(d.value(), facts, depth + 1));
        }
        return false;
    }

    private static boolean awayFromZero(Expr e, MethodFacts facts) {
        Expr x = Nodes.stripCasts(e);
        if (x instanceof Expr.Call c && MathCalls.function(c).filter(AT_LEAST_ONE::contains).isPresent()) {
            return true;
        }
        if (MathCalls.call(x, "max", 2).isPresent()) {
            Expr.Call max = (Expr.Call) x;
            return max.args().stream().anyMatch(a -> constant(a, facts.context(), 0).stream()
                    .anyMatch(v -> v >= SMALL_CONSTANT));
        }
        if (x instanceof Expr.Binary b && b.op() == BinaryOp.ADD) {
            return atLeast(b.left(), facts) && nonNegative(b.right(), facts)
                    || atLeast(b.right(), facts) && nonNegative(b.left(), facts);
        }
        return false;
    }

    private static boolean atLeast(Expr e, MethodFacts facts) {
        return constant(e, facts.context(), 0).stream().anyMatch(v -> v >= SMALL_CONSTANT);
    }

    private static boolean nonNegative(Expr e, MethodFacts facts) {
        Expr x = Nodes.stripCasts(e);
        return x instanceof Expr.Call c && MathCalls.function(c).filter(NON_NEGATIVE::contains).isPresent()
                || MathCalls.squared(x).isPresent() || constant(x, facts.context(), 0).stream().anyMatch(v -> v >= 0);
    }
}
