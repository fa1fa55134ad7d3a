package dev.numguard.rules.idioms.exp;

import dev.numguard.rules.facts.Definition;
import dev.numguard.rules.facts.MathCalls;
import dev.numguard.rules.facts.MethodFacts;
import dev.numguard.rules.facts.Nodes;
import dev.numguard.rules.facts.Reduction;
import dev.numguard.rules.facts.ReductionKind;
import dev.numguard.rules.facts.StreamPipeline;
import dev.numguard.rules.model.BinaryOp;
import dev.numguard.rules.model.Expr;
import dev.numguard.rules.model.MethodModel;
import dev.numguard.rules.model.UnaryOp;
import dev.numguard.rules.model.VarKind;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What is known about an exponent: whether it is shifted by a maximum ({@code exp(x - max)}),
 * whether that shift is real (computed from the data) or fake (a constant), and whether the
 * exponent is bounded so that exp cannot overflow (the exp of a logistic output, a tanh, inputs
 * divided by their max-abs).
 */
public final class Exponents {
    private static final Set<String> BOUNDED_FUNCTIONS = Set.of("tanh", "sin", "cos", "signum", "atan");
    private static final int MAX_DEPTH = 6;

    private Exponents() {
    }

    /** Whether the exponents of an idiom are shifted, and by what. */
    public enum Shift {
        /** Some exponent is not shifted at all. */
        NONE,
        /** Every exponent is shifted by something computed from the data. */
        REAL,
        /** Some exponent is shifted by a constant, which protects nothing. */
        CONSTANT
    }

    /**
     * The shift state of the exponents of {@code sum} (read in {@code sumFacts}) together with the
     * further exponents {@code others} (read in {@code facts}); a method-reference term
     * ({@code map(Math::exp)}) is unshifted.
     */
    public static Shift shiftState(ExpSum sum, MethodFacts sumFacts, List<Expr> others, MethodFacts facts) {
        boolean allShifted = true;
        List<java.util.Map.Entry<Expr, MethodFacts>> exponents = new java.util.ArrayList<>();
        for (Expr other : others) {
            exponents.add(java.util.Map.entry(other, facts));
        }
        for (ExpTerm t : sum.terms()) {
            if (t.argument() == null) {
                allShifted = false;
            } else {
                exponents.add(java.util.Map.entry(t.argument(), sumFacts));
            }
        }
        for (java.util.Map.Entry<Expr, MethodFacts> e : exponents) {
            Optional<Expr> shift = shiftOf(e.getKey());
            if (shift.isEmpty()) {
                allShifted = false;
            } else if (isConstant(shift.get(), e.getValue())) {
                return Shift.CONSTANT;
            }
        }
        return allShifted ? Shift.REAL : Shift.NONE;
    }

    /** True when every exponent of {@code sum} and every one of {@code others} is bounded. */
    public static boolean allBounded(ExpSum sum, MethodFacts sumFacts, List<Expr> others, MethodFacts facts) {
        return others.stream().allMatch(o -> isBounded(o, facts))
                && sum.terms().stream().allMatch(t -> t.argument() != null && isBounded(t.argument(), sumFacts));
    }

    /** The shift {@code m} of an exponent {@code a - m}, {@code (a - m) / t} or {@code (a - m) * s}. */
    public static Optional<Expr> shiftOf(Expr exponent) {
        Expr e = Nodes.stripCasts(exponent);
        if (e instanceof Expr.Binary b && b.op() == BinaryOp.SUBTRACT) {
            return Optional.of(b.right());
        }
        if (e instanceof Expr.Binary b && (b.op() == BinaryOp.DIVIDE || b.op() == BinaryOp.MULTIPLY)) {
            return shiftOf(b.left()).or(() -> b.op() == BinaryOp.MULTIPLY ? shiftOf(b.right()) : Optional.empty());
        }
        return Optional.empty();
    }

    /**
     * True when {@code shift} is a constant (a literal, or a local only ever assigned literals):
     * subtracting it protects nothing.
     */
    public static boolean isConstant(Expr shift, MethodFacts facts) {
        Expr e = Nodes.stripCasts(shift);
        if (e instanceof Expr.Unary u && (u.op() == UnaryOp.NEGATE || u.op() == UnaryOp.PLUS)) {
            e = Nodes.stripCasts(u.operand());
        }
        if (e instanceof Expr.Literal) {
            return true;
        }
        if (e instanceof Expr.VarRead v && v.kind() == VarKind.LOCAL) {
            List<Definition> defs = facts.definitions(v.name()).stream().filter(d -> !d.element()).toList();
            return !defs.isEmpty() && defs.stream().allMatch(d -> d.isPlain() && isConstant(d.value(), facts));
        }
        return false;
    }

    /** True when exp of {@code exponent} provably cannot overflow. */
    public static boolean isBounded(Expr exponent, MethodFacts facts) {
        return isBounded(exponent, facts, 0);
    }

    private static boolean isBounded(Expr exponent, MethodFacts facts, int depth) {
        if (depth > MAX_DEPTH) {
            return false;
        }
        Expr e = Nodes.stripCasts(facts.resolve(exponent));
        if (e instanceof Expr.Literal) {
            return true;
        }
        if (e instanceof Expr.Unary u && (u.op() == UnaryOp.NEGATE || u.op() == UnaryOp.PLUS)) {
            return isBounded(u.operand(), facts, depth + 1);
        }
        if (e instanceof Expr.Call call) {
            if (MathCalls.isMathOwner(call.ownerType()) && BOUNDED_FUNCTIONS.contains(call.name())) {
                return true;
            }
            Optional<MethodModel> helper = facts.context().helper(call);
            if (helper.isPresent()) {
                Optional<Expr> returned = ExpSums.singleReturnValue(helper.get());
                return returned.isPresent() && isBounded(returned.get(), facts.context().facts(helper.get()), depth + 1);
            }
            return false;
        }
        if (e instanceof Expr.Binary b) {
            return switch (b.op()) {
                case ADD, SUBTRACT, MULTIPLY -> isBounded(b.left(), facts, depth + 1)
                        && isBounded(b.right(), facts, depth + 1);
                case DIVIDE -> isLogistic(b, facts) || isDividedByMaxAbs(b, facts)
                        || isBounded(b.left(), facts, depth + 1) && isPositiveConstant(b.right());
                default -> false;
            };
        }
        return false;
    }

    /** {@code 1 / (1 + exp(-z))}: a logistic output, in (0, 1]. */
    private static boolean isLogistic(Expr.Binary division, MethodFacts facts) {
        return MathCalls.isLiteral(division.left(), 1)
                && Nodes.stripCasts(division.right()) instanceof Expr.Binary sum && sum.op() == BinaryOp.ADD
                && (MathCalls.isLiteral(sum.left(), 1) && MathCalls.expArgument(sum.right()).isPresent()
                || MathCalls.isLiteral(sum.right(), 1) && MathCalls.expArgument(sum.left()).isPresent());
    }

    /** {@code x[i] / maxAbs} where maxAbs is the maximum of |x|: in [-1, 1]. */
    private static boolean isDividedByMaxAbs(Expr.Binary division, MethodFacts facts) {
        Optional<Reduction> max = facts.reductionRead(division.right());
        if (max.isPresent() && max.get().kind() == ReductionKind.MAX) {
            return MathCalls.call(max.get().term(), "abs", 1).isPresent();
        }
        Optional<StreamPipeline> stream = StreamPipeline.of(facts.resolve(division.right()));
        return stream.isPresent() && stream.get().kind() == ReductionKind.MAX
                && stream.get().mappedFunction().filter("abs"::equals).isPresent();
    }

    private static boolean isPositiveConstant(Expr e) {
        return Nodes.stripCasts(e) instanceof Expr.Literal l && l.numericValue() > 0;
    }
}
