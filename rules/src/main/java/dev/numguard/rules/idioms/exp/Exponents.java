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
import dev.numguard.rules.model.Stmt;
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
        CONSTANT,
        /** Some exponent is shifted by a value of the data that is not its maximum (the minimum, the first). */
        MISPLACED
    }

    /**
     * The shift state of the exponents of {@code sum} (read in {@code sumFacts}) together with the
     * further exponents {@code others} (read in {@code facts}); a method-reference term
     * ({@code map(Math::exp)}) is unshifted.
     */
    public static Shift shiftState(ExpSum sum, MethodFacts sumFacts, List<Expr> others, MethodFacts facts) {
        boolean allShifted = true;
        boolean misplaced = false;
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
            Optional<Expr> shift = shiftOf(e.getKey(), e.getValue());
            if (shift.isEmpty()) {
                allShifted = false;
                misplaced |= Nodes.stripCasts(e.getValue().resolve(e.getKey())) instanceof Expr.Binary b
                        && b.op() == BinaryOp.SUBTRACT && !isConstant(b.right(), e.getValue());
            } else if (isConstant(shift.get(), e.getValue())) {
                return Shift.CONSTANT;
            }
        }
        return allShifted ? Shift.REAL : misplaced ? Shift.MISPLACED : Shift.NONE;
    }

    /** True when every exponent of {@code sum} and every one of {@code others} is bounded. */
    public static boolean allBounded(ExpSum sum, MethodFacts sumFacts, List<Expr> others, MethodFacts facts) {
        return others.stream().allMatch(o -> isBounded(o, facts))
                && sum.terms().stream().allMatch(t -> t.argument() != null && isBounded(t.argument(), sumFacts));
    }

    /**
     * The shift {@code m} of an exponent {@code a - m}, {@code (a - m) / t}, {@code (a - m) * s}, or
     * {@code -(d - m)}, read through locals ({@code double z = s - max; … exp(z)}), and
     * {@code a + c} with c computed from the extremes of the data. A shift that cannot bound the
     * exponents is none: the minimum ({@code exp(x - min)}), the maximum of a negated exponent, or
     * the first element of the very values exponentiated.
     */
    public static Optional<Expr> shiftOf(Expr exponent, MethodFacts facts) {
        return shiftOf(exponent, facts, false, 0);
    }

    private static Optional<Expr> shiftOf(Expr exponent, MethodFacts facts, boolean negated, int depth) {
        // locals are read through only for the whole exponent: a factor that is a local difference,
        // as in -0.5 * d * d with d = x - m, is a Gaussian, not a shift
        Expr e = Nodes.stripCasts(depth == 0 ? facts.resolve(exponent) : exponent);
        if (depth > MAX_DEPTH) {
            return Optional.empty();
        }
        if (e instanceof Expr.Unary u && u.op() == UnaryOp.NEGATE) {
            return shiftOf(u.operand(), facts, !negated, 0);
        }
        if (e instanceof Expr.Binary b && b.op() == BinaryOp.SUBTRACT) {
            Optional<ReductionKind> extreme = extremeKind(b.right(), facts);
            boolean wrongExtreme = extreme.filter(k -> k == (negated ? ReductionKind.MAX : ReductionKind.MIN)).isPresent();
            return wrongExtreme || isFirstOf(b.right(), b.left(), facts) ? Optional.empty() : Optional.of(b.right());
        }
        if (e instanceof Expr.Binary b && b.op() == BinaryOp.ADD) {
            return derivesFromExtreme(b.right(), facts, 0) ? Optional.of(b.right())
                    : derivesFromExtreme(b.left(), facts, 0) ? Optional.of(b.left()) : Optional.empty();
        }
        if (e instanceof Expr.Binary b && (b.op() == BinaryOp.DIVIDE || b.op() == BinaryOp.MULTIPLY)) {
            return shiftOf(b.left(), facts, negated, depth + 1)
                    .or(() -> b.op() == BinaryOp.MULTIPLY ? shiftOf(b.right(), facts, negated, depth + 1) : Optional.empty());
        }
        return Optional.empty();
    }

    /** MAX or MIN when {@code e} reads a loop or stream maximum/minimum. */
    private static Optional<ReductionKind> extremeKind(Expr e, MethodFacts facts) {
        Optional<Reduction> r = facts.reductionRead(e);
        if (r.isPresent()) {
            return Optional.of(r.get().kind()).filter(k -> k == ReductionKind.MAX || k == ReductionKind.MIN);
        }
        Optional<StreamPipeline> stream = StreamPipeline.of(facts.resolve(e));
        return stream.map(StreamPipeline::kind).filter(k -> k == ReductionKind.MAX || k == ReductionKind.MIN);
    }

    /** {@code c} computed (through locals) from a maximum or minimum of the data: a chosen shift. */
    private static boolean derivesFromExtreme(Expr c, MethodFacts facts, int depth) {
        if (depth > 3 || isConstant(c, facts)) {
            return false;
        }
        if (extremeKind(c, facts).isPresent()) {
            return true;
        }
        if (Nodes.stripCasts(c) instanceof Expr.VarRead v && v.kind() == VarKind.LOCAL) {
            List<Definition> defs = facts.definitions(v.name()).stream().filter(Definition::isPlain).toList();
            return !defs.isEmpty() && defs.stream().allMatch(d -> Nodes.expressions(d.value()).stream()
                    .anyMatch(x -> x instanceof Expr.VarRead && derivesFromExtreme(x, facts, depth + 1)));
        }
        return false;
    }

    /** {@code first} is element 0 of the values {@code value} reads ({@code x[i] - x[0]}, {@code l.get(i) - l.get(0)}). */
    private static boolean isFirstOf(Expr first, Expr value, MethodFacts facts) {
        Expr f = Nodes.stripCasts(facts.resolve(first));
        Expr v = Nodes.stripCasts(facts.resolve(value));
        if (f instanceof Expr.ArrayElement fa && v instanceof Expr.ArrayElement va) {
            return MathCalls.isLiteral(fa.index(), 0) && Nodes.sameShape(fa.array(), va.array());
        }
        if (f instanceof Expr.Call fc && v instanceof Expr.Call vc && fc.name().equals("get") && vc.name().equals("get")
                && fc.args().size() == 1 && vc.args().size() == 1 && fc.target() != null && vc.target() != null) {
            return MathCalls.isLiteral(fc.args().get(0), 0) && Nodes.sameShape(fc.target(), vc.target());
        }
        return false;
    }

    /**
     * True when {@code shift} is a constant (a literal, or a local whose definitions reaching the read are literals):
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
            // the definitions reaching this read: a max computed and then overwritten with 0 is a constant
            List<Definition> reaching = facts.reaching(v);
            List<Definition> defs = (reaching.isEmpty() ? facts.definitions(v.name()) : reaching).stream()
                    .filter(d -> !d.element()).toList();
            return !defs.isEmpty() && defs.stream().allMatch(d -> d.isPlain() && isConstant(d.value(), facts));
        }
        return false;
    }

    /**
     * True when {@code exponent} is computed from the counter of a counted loop and scalars alone (a
     * kernel window's {@code -i * i / (2 * sigma * sigma)}), reading no data: no array element, no
     * call but a math function. Such exponents describe a fixed window, whose range is chosen with it,
     * not values that arrive at run time.
     */
    public static boolean isCounterWindow(Expr exponent, MethodFacts facts) {
        boolean[] counter = {false};
        return readsCountersAndScalars(exponent, facts, counter, 0) && counter[0];
    }

    private static boolean readsCountersAndScalars(Expr exponent, MethodFacts facts, boolean[] counter, int depth) {
        Expr e = Nodes.stripCasts(exponent);
        if (depth > MAX_DEPTH) {
            return false;
        }
        if (e instanceof Expr.Literal) {
            return true;
        }
        if (e instanceof Expr.VarRead v && v.kind() == VarKind.LOCAL) {
            if (facts.loops().stream().anyMatch(l -> l.kind() == dev.numguard.rules.model.LoopKind.FOR
                    && v.name().equals(l.inductionVariable()) && l.span().contains(v.span()))) {
                counter[0] = true;
                return true;
            }
            List<Definition> reaching = facts.reaching(v);
            return reaching.size() == 1 && reaching.get(0).isPlain()
                    && readsCountersAndScalars(reaching.get(0).value(), facts, counter, depth + 1);
        }
        if (e instanceof Expr.VarRead v) {
            return v.type().isScalar() && (v.qualifier() == null || !(Nodes.stripCasts(v.qualifier()) instanceof Expr.ArrayElement));
        }
        if (e instanceof Expr.Unary u) {
            return readsCountersAndScalars(u.operand(), facts, counter, depth + 1);
        }
        if (e instanceof Expr.Binary b) {
            return readsCountersAndScalars(b.left(), facts, counter, depth + 1)
                    && readsCountersAndScalars(b.right(), facts, counter, depth + 1);
        }
        return e instanceof Expr.Call c && MathCalls.isMathOwner(c.ownerType())
                && c.args().stream().allMatch(a -> readsCountersAndScalars(a, facts, counter, depth + 1));
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
            if (MathCalls.isMathOwner(call.ownerType()) && call.name().equals("min") && call.args().size() == 2
                    && call.args().stream().anyMatch(a -> Nodes.stripCasts(a) instanceof Expr.Literal)) {
                return true;                                  // clamped from above: exp cannot overflow
            }
            Optional<MethodModel> helper = facts.context().helper(call);
            if (helper.isPresent() && isClamp(helper.get())) {
                return true;
            }
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

    /**
     * A clamp helper: one parameter, every {@code return} gives a literal or the parameter, and
     * at least one gives a literal ({@code if (x > 22) return 22; … return x;}).
     */
    private static boolean isClamp(MethodModel helper) {
        if (helper.body() == null || helper.parameters().size() != 1) {
            return false;
        }
        String parameter = helper.parameters().get(0).name();
        List<Expr> values = Nodes.statements(helper.body()).stream()
                .filter(st -> st instanceof Stmt.Return r && r.value() != null).map(st -> ((Stmt.Return) st).value())
                .toList();
        return values.stream().anyMatch(v -> isConstantValue(v))
                && values.stream().allMatch(v -> isConstantValue(v) || Nodes.isLocal(v, parameter));
    }

    private static boolean isConstantValue(Expr e) {
        Expr v = Nodes.stripCasts(e);
        if (v instanceof Expr.Unary u && u.op() == UnaryOp.NEGATE) {
            v = Nodes.stripCasts(u.operand());
        }
        return v instanceof Expr.Literal || v instanceof Expr.VarRead r && r.kind() == VarKind.FIELD;
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
