package dev.numguard.rules.facts;

import dev.numguard.rules.facts.MethodSummary.Effect;
import dev.numguard.rules.facts.MethodSummary.Place;
import dev.numguard.rules.facts.MethodSummary.Shape;
import dev.numguard.rules.model.AssignOp;
import dev.numguard.rules.model.BinaryOp;
import dev.numguard.rules.model.Expr;
import dev.numguard.rules.model.LoopKind;
import dev.numguard.rules.model.MethodModel;
import dev.numguard.rules.model.NumericType;
import dev.numguard.rules.model.Stmt;
import dev.numguard.rules.model.UnaryOp;
import dev.numguard.rules.model.VarId;
import dev.numguard.rules.model.VarKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Computes a {@link MethodSummary}: describes the returned value and the writes into array
 * parameters as a {@link Shape} over one input, from the method's own facts (reductions, reaching
 * definitions) and, for calls, the summaries of the methods called.
 */
final class Summaries {
    private static final int MAX_DEPTH = 6;

    private Summaries() {
    }

    static MethodSummary of(MethodFacts facts) {
        MethodModel method = facts.method();
        List<Effect> effects = new ArrayList<>();
        Nodes.singleReturnValue(method).flatMap(v -> describe(v, facts, 0).or(() -> ClampedFunctions.describe(v, facts)))
                .flatMap(d -> effect(d, Place.RETURNED, method)).ifPresent(effects::add);
        for (int i = 0; i < method.parameters().size(); i++) {
            VarId parameter = method.parameters().get(i).id();
            if (method.parameters().get(i).type().arrayDimensions() == 0) {
                continue;
            }
            int index = i;
            arrayContents(parameter, facts, 0).filter(d -> d.over().equals(parameter))
                    .ifPresent(d -> effects.add(new Effect(d.shape(), Place.IN_PLACE, index, null)));
        }
        return new MethodSummary(method, effects);
    }

    private static Optional<Effect> effect(ValueShape d, Place place, MethodModel method) {
        if (d.over().isField()) {
            return Optional.of(new Effect(d.shape(), place, -1, d.over()));
        }
        for (int i = 0; i < method.parameters().size(); i++) {
            if (method.parameters().get(i).id().equals(d.over())) {
                return Optional.of(new Effect(d.shape(), place, i, null));
            }
        }
        return Optional.empty();
    }

    /** What {@code e}, read in {@code facts}' method, computes, over which variable. */
    static Optional<ValueShape> describe(Expr e, MethodFacts facts, int depth) {
        if (e == null || depth > MAX_DEPTH) {
            return Optional.empty();
        }
        Expr x = Nodes.stripCasts(e);
        if (x instanceof Expr.VarRead v && v.kind() != VarKind.LOCAL) {
            return Optional.of(new ValueShape(Shape.VALUE, v.id()));
        }
        Optional<Reduction> reduction = facts.reductionAt(x);
        if (reduction.isPresent()) {
            return ofReduction(reduction.get(), facts, depth);
        }
        if (x instanceof Expr.VarRead v) {
            Optional<ValueShape> contents = v.type().arrayDimensions() > 0
                    ? arrayContents(v.id(), facts, depth + 1) : Optional.empty();
            Expr resolved = Nodes.stripCasts(facts.resolve(x));
            return contents.isPresent() || resolved == x ? contents : describe(resolved, facts, depth + 1);
        }
        if (x instanceof Expr.Call call) {
            return ofCall(call, facts, depth);
        }
        if (x instanceof Expr.Binary b && b.op() == BinaryOp.DIVIDE) {
            return ofQuotient(b, facts, depth);
        }
        if (x instanceof Expr.Binary b && b.op() == BinaryOp.ADD) {
            return stableLogSumExp(b.left(), b.right(), facts, depth)
                    .or(() -> stableLogSumExp(b.right(), b.left(), facts, depth));
        }
        return Optional.empty();
    }

    private static Optional<ValueShape> ofCall(Expr.Call call, MethodFacts facts, int depth) {
        Optional<Expr> logged = MathCalls.logArgument(call);
        if (logged.isPresent()) {
            return describe(logged.get(), facts, depth + 1)
                    .filter(d -> d.shape() == Shape.SUM_EXP || d.shape() == Shape.VALUE && !d.over().isField())
                    .map(d -> new ValueShape(d.shape() == Shape.SUM_EXP ? Shape.LOG_SUM_EXP : Shape.LOG, d.over()));
        }
        if (MathCalls.isMathOwner(call.ownerType())) {
            return Optional.empty();
        }
        Optional<ValueShape> array = ArrayCalls.describe(call, facts, depth);
        if (array.isPresent()) {
            return array;
        }
        Optional<StreamPipeline> stream = StreamPipeline.of(call);
        if (stream.isPresent()) {
            return ofStream(stream.get(), facts, depth);
        }
        Optional<Effect> returned = facts.context().summary(call).flatMap(MethodSummary::returned);
        if (returned.isEmpty()) {
            return Optional.empty();
        }
        Effect effect = returned.get();
        if (effect.parameter() < 0) {
            return Optional.of(new ValueShape(effect.shape(), effect.field()));
        }
        // the callee's shape is over one of its parameters: over whatever the caller passes there
        return effect.argument(call).flatMap(arg -> describe(arg, facts, depth + 1))
                .filter(d -> d.shape() == Shape.VALUE).map(d -> new ValueShape(effect.shape(), d.over()));
    }

    /** {@code Arrays.stream(x).map(Math::exp).sum()}, {@code DoubleStream.of(x).map(v -> v * v).sum()}, … */
    private static Optional<ValueShape> ofStream(StreamPipeline stream, MethodFacts facts, int depth) {
        Optional<VarId> over = describe(stream.source(), facts, depth + 1)
                .filter(d -> d.shape() == Shape.VALUE).map(ValueShape::over);
        if (over.isEmpty() || stream.mappings().size() > 1) {
            return Optional.empty();
        }
        if (stream.mappings().isEmpty()) {
            Shape shape = switch (stream.kind()) {
                case SUM -> Shape.SUM;
                case PRODUCT -> Shape.PRODUCT;
                case MAX -> Shape.MAX;
                case MIN -> Shape.MIN;
                case MEAN -> Shape.MEAN;
                default -> null;
            };
            return shape == null ? Optional.empty() : Optional.of(new ValueShape(shape, over.get()));
        }
        if (stream.kind() != ReductionKind.SUM) {
            return Optional.empty();
        }
        if (stream.mappedFunction().filter("exp"::equals).isPresent()) {
            return Optional.of(new ValueShape(Shape.SUM_EXP, over.get()));
        }
        Optional<Expr.Lambda> lambda = stream.singleLambda();
        if (lambda.isEmpty() || lambda.get().body() == null || lambda.get().parameters().size() != 1) {
            return Optional.empty();
        }
        String element = lambda.get().parameters().get(0);
        Expr body = Nodes.stripCasts(lambda.get().body());
        if (MathCalls.squared(body).filter(x -> Nodes.isLocal(x, element)).isPresent()) {
            return Optional.of(new ValueShape(Shape.SUM_OF_SQUARES, over.get()));
        }
        Optional<Expr> exponent = MathCalls.expArgument(body).map(Nodes::stripCasts);
        if (exponent.filter(x -> Nodes.isLocal(x, element)).isPresent()) {
            return Optional.of(new ValueShape(Shape.SUM_EXP, over.get()));
        }
        if (exponent.isPresent() && exponent.get() instanceof Expr.Binary shift && shift.op() == BinaryOp.SUBTRACT
                && Nodes.isLocal(shift.left(), element) && describe(shift.right(), facts, depth + 1)
                .filter(m -> m.shape() == Shape.MAX && m.over().equals(over.get())).isPresent()) {
            return Optional.of(new ValueShape(Shape.SHIFTED_SUM_EXP, over.get()));
        }
        return Optional.empty();
    }

    private static Optional<ValueShape> ofQuotient(Expr.Binary b, MethodFacts facts, int depth) {
        Optional<ValueShape> sigmoid = sigmoid(b, facts, depth);
        if (sigmoid.isPresent()) {
            return sigmoid;
        }
        Optional<ValueShape> numerator = describe(b.left(), facts, depth + 1);
        if (numerator.isPresent() && numerator.get().shape() == Shape.SUM && isCount(b.right())) {
            return Optional.of(new ValueShape(Shape.MEAN, numerator.get().over()));
        }
        // log(x) / log(2): the logarithm in another base
        if (numerator.isPresent() && numerator.get().shape() == Shape.LOG && isConstant(b.right())) {
            return numerator;
        }
        return Optional.empty();
    }

    /** {@code 1 / (1 + exp(−x))} or {@code exp(x) / (1 + exp(x))} of a scalar input. */
    private static Optional<ValueShape> sigmoid(Expr.Binary quotient, MethodFacts facts, int depth) {
        if (!(Nodes.stripCasts(quotient.right()) instanceof Expr.Binary sum) || sum.op() != BinaryOp.ADD) {
            return Optional.empty();
        }
        Expr exp = MathCalls.isLiteral(sum.left(), 1) ? sum.right() : MathCalls.isLiteral(sum.right(), 1) ? sum.left() : null;
        Optional<Expr> exponent = MathCalls.expArgument(exp == null ? null : Nodes.stripCasts(exp));
        if (exponent.isEmpty()) {
            return Optional.empty();
        }
        Expr argument;
        if (MathCalls.isLiteral(quotient.left(), 1)
                && Nodes.stripCasts(exponent.get()) instanceof Expr.Unary minus && minus.op() == UnaryOp.NEGATE) {
            argument = minus.operand();
        } else if (Nodes.sameShape(quotient.left(), exp)) {
            argument = exponent.get();
        } else {
            return Optional.empty();
        }
        return describe(argument, facts, depth + 1).filter(d -> d.shape() == Shape.VALUE)
                .map(d -> new ValueShape(Shape.SIGMOID, d.over()));
    }

    /** {@code m + log(Σ exp(x − m))} with {@code m} the maximum of {@code x}. */
    private static Optional<ValueShape> stableLogSumExp(Expr max, Expr log, MethodFacts facts, int depth) {
        Optional<ValueShape> m = describe(max, facts, depth + 1).filter(d -> d.shape() == Shape.MAX);
        Optional<Expr> logged = MathCalls.logArgument(Nodes.stripCasts(log));
        if (m.isEmpty() || logged.isEmpty()) {
            return Optional.empty();
        }
        return describe(logged.get(), facts, depth + 1)
                .filter(d -> d.shape() == Shape.SHIFTED_SUM_EXP && d.over().equals(m.get().over()))
                .map(d -> new ValueShape(Shape.STABLE_LOG_SUM_EXP, d.over()));
    }

    private static Optional<ValueShape> ofReduction(Reduction r, MethodFacts facts, int depth) {
        if (r.term() == null || r.subtracted()) {
            return Optional.empty();
        }
        Expr term = Nodes.stripCasts(r.term());
        return switch (r.kind()) {
            case SUM -> sumOf(term, facts, depth);
            case PRODUCT -> elementOf(term, facts, depth).map(x -> new ValueShape(Shape.PRODUCT, x));
            case MAX -> elementOf(term, facts, depth).map(x -> new ValueShape(Shape.MAX, x));
            case MIN -> elementOf(term, facts, depth).map(x -> new ValueShape(Shape.MIN, x));
            default -> Optional.empty();
        };
    }

    /** What Σ term sums: the elements, their squares, their exponentials (shifted or not). */
    private static Optional<ValueShape> sumOf(Expr term, MethodFacts facts, int depth) {
        Optional<VarId> element = elementOf(term, facts, depth);
        if (element.isPresent()) {
            Optional<ValueShape> contents = element.get().kind() == VarKind.LOCAL
                    ? arrayContents(element.get(), facts, depth + 1) : Optional.empty();
            if (contents.isPresent() && contents.get().shape() == Shape.EXP) {
                return Optional.of(new ValueShape(Shape.SUM_EXP, contents.get().over()));
            }
            if (contents.isPresent() && contents.get().shape() == Shape.SHIFTED_EXP) {
                return Optional.of(new ValueShape(Shape.SHIFTED_SUM_EXP, contents.get().over()));
            }
            return Optional.of(new ValueShape(Shape.SUM, element.get()));
        }
        Expr resolved = Nodes.stripCasts(facts.resolve(term));
        if (resolved instanceof Expr.Binary square && square.op() == BinaryOp.MULTIPLY
                && Nodes.sameShape(square.left(), square.right())) {
            return elementOf(square.left(), facts, depth).map(x -> new ValueShape(Shape.SUM_OF_SQUARES, x));
        }
        if (MathCalls.call(resolved, "pow", 2).isPresent() && MathCalls.isLiteral(((Expr.Call) resolved).args().get(1), 2)) {
            return elementOf(((Expr.Call) resolved).args().get(0), facts, depth)
                    .map(x -> new ValueShape(Shape.SUM_OF_SQUARES, x));
        }
        return exponential(resolved, facts, depth).map(d -> new ValueShape(
                d.shape() == Shape.EXP ? Shape.SUM_EXP : Shape.SHIFTED_SUM_EXP, d.over()));
    }

    /** {@code exp(x)} (EXP) or {@code exp(x − max x)} (SHIFTED_EXP) of an element of an input. */
    private static Optional<ValueShape> exponential(Expr e, MethodFacts facts, int depth) {
        Optional<Expr> argument = MathCalls.expArgument(Nodes.stripCasts(e));
        if (argument.isEmpty()) {
            return Optional.empty();
        }
        Expr a = Nodes.stripCasts(facts.resolve(argument.get()));
        Optional<VarId> element = elementOf(a, facts, depth);
        if (element.isPresent()) {
            return Optional.of(new ValueShape(Shape.EXP, element.get()));
        }
        if (a instanceof Expr.Binary shift && shift.op() == BinaryOp.SUBTRACT) {
            Optional<VarId> shifted = elementOf(shift.left(), facts, depth);
            Optional<ValueShape> max = describe(shift.right(), facts, depth + 1);
            if (shifted.isPresent() && max.isPresent() && max.get().shape() == Shape.MAX
                    && max.get().over().equals(shifted.get())) {
                return Optional.of(new ValueShape(Shape.SHIFTED_EXP, shifted.get()));
            }
            return shifted.map(x -> new ValueShape(Shape.EXP, x));
        }
        return Optional.empty();
    }

    /**
     * What the elements of array {@code array} hold once the method has written them: exp of an
     * input's elements, their normalisation by their sum, or both (a softmax).
     */
    static Optional<ValueShape> arrayContents(VarId array, MethodFacts facts, int depth) {
        if (depth > MAX_DEPTH) {
            return Optional.empty();
        }
        ValueShape exponentials = null;
        boolean normalised = false;
        ValueShape quotient = null;
        for (Definition d : facts.definitions(array.name())) {
            if (!d.element() || !(d.site() instanceof Stmt.Assign write)
                    || !(Nodes.stripCasts(write.target()) instanceof Expr.ArrayElement target)
                    || !(Nodes.stripCasts(target.array()) instanceof Expr.VarRead written)
                    || !written.id().equals(array)) {
                continue;
            }
            Expr value = Nodes.stripCasts(write.value());
            if (write.op() == AssignOp.DIVIDE && isSumOf(value, array, facts, depth)) {
                normalised = true;
            } else if (write.op() != AssignOp.ASSIGN) {
                return Optional.empty();
            } else if (exponential(value, facts, depth).isPresent()) {
                exponentials = exponential(value, facts, depth).get();
            } else if (value instanceof Expr.Binary b && b.op() == BinaryOp.DIVIDE) {
                Optional<VarId> self = elementOf(b.left(), facts, depth);
                if (self.isPresent() && self.get().equals(array) && isSumOf(b.right(), array, facts, depth)) {
                    normalised = true;
                } else {
                    quotient = normalisedExponential(b, facts, depth).orElse(null);
                    if (quotient == null) {
                        return Optional.empty();
                    }
                }
            } else {
                return Optional.empty();
            }
        }
        for (Object node : facts.nodes()) {
            if (!(node instanceof Stmt.ExprStmt statement) || !(statement.expr() instanceof Expr.Call call)
                    || MathCalls.isMathOwner(call.ownerType())) {
                continue;
            }
            for (int i = 0; i < call.args().size(); i++) {
                int index = i;
                if (!(Nodes.stripCasts(call.args().get(i)) instanceof Expr.VarRead passed) || !passed.id().equals(array)) {
                    continue;
                }
                Optional<Effect> effect = facts.context().summary(call).flatMap(summary -> summary.inPlace(index));
                if (effect.isEmpty()) {
                    continue;
                }
                switch (effect.get().shape()) {
                    case NORMALISED -> normalised = true;
                    case EXP, SHIFTED_EXP -> exponentials = new ValueShape(effect.get().shape(), array);
                    case SOFTMAX, STABLE_SOFTMAX -> quotient = new ValueShape(effect.get().shape(), array);
                    default -> {
                        return Optional.empty();
                    }
                }
            }
        }
        if (quotient != null) {
            return Optional.of(quotient);
        }
        if (exponentials != null) {
            Shape shape = !normalised ? exponentials.shape()
                    : exponentials.shape() == Shape.EXP ? Shape.SOFTMAX : Shape.STABLE_SOFTMAX;
            return Optional.of(new ValueShape(shape, exponentials.over()));
        }
        return normalised ? Optional.of(new ValueShape(Shape.NORMALISED, array)) : Optional.empty();
    }

    /** {@code exp(x[i]) / Σ exp(x)} (shifted or not) or {@code x[i] / Σ x} written into another array. */
    private static Optional<ValueShape> normalisedExponential(Expr.Binary b, MethodFacts facts, int depth) {
        Optional<ValueShape> numerator = exponential(b.left(), facts, depth);
        Optional<ValueShape> denominator = describe(b.right(), facts, depth + 1);
        if (numerator.isPresent() && denominator.isPresent()
                && numerator.get().over().equals(denominator.get().over())) {
            if (numerator.get().shape() == Shape.EXP && denominator.get().shape() == Shape.SUM_EXP) {
                return Optional.of(new ValueShape(Shape.SOFTMAX, numerator.get().over()));
            }
            if (numerator.get().shape() == Shape.SHIFTED_EXP && denominator.get().shape() == Shape.SHIFTED_SUM_EXP) {
                return Optional.of(new ValueShape(Shape.STABLE_SOFTMAX, numerator.get().over()));
            }
        }
        Optional<VarId> element = elementOf(b.left(), facts, depth);
        if (element.isPresent() && denominator.isPresent() && denominator.get().shape() == Shape.SUM
                && denominator.get().over().equals(element.get())) {
            return Optional.of(new ValueShape(Shape.NORMALISED, element.get()));
        }
        return Optional.empty();
    }

    private static boolean isSumOf(Expr e, VarId array, MethodFacts facts, int depth) {
        Optional<Reduction> r = facts.reductionAt(Nodes.stripCasts(e));
        return r.isPresent() && r.get().kind() == ReductionKind.SUM && !r.get().subtracted()
                && elementOf(Nodes.stripCasts(r.get().term()), facts, depth).filter(array::equals).isPresent();
    }

    /**
     * The array (or collection) {@code e} is an element of: {@code x[i]}, or the variable of an
     * enhanced-for over {@code x}; locals are resolved to their definition first.
     */
    static Optional<VarId> elementOf(Expr e, MethodFacts facts, int depth) {
        if (e == null || depth > MAX_DEPTH) {
            return Optional.empty();
        }
        Expr x = Nodes.stripCasts(e);
        if (x instanceof Expr.ArrayElement element && Nodes.stripCasts(element.array()) instanceof Expr.VarRead array) {
            return Optional.of(array.id());
        }
        if (x instanceof Expr.VarRead v && v.kind() == VarKind.LOCAL) {
            for (Stmt.Loop loop : facts.loops()) {
                if (loop.kind() == LoopKind.FOR_EACH && loop.element().id().equals(v.id())
                        && Nodes.stripCasts(loop.iterable()) instanceof Expr.VarRead iterated) {
                    return Optional.of(iterated.id());
                }
            }
            Expr resolved = facts.resolve(x);
            if (resolved != x) {
                return elementOf(resolved, facts, depth + 1);
            }
        }
        return Optional.empty();
    }

    /** A value that reads no local variable or parameter: a literal, a field, {@code Math.log(2)}. */
    private static boolean isConstant(Expr e) {
        Expr x = Nodes.stripCasts(e);
        if (x instanceof Expr.VarRead v) {
            return v.kind() == VarKind.FIELD && (v.qualifier() == null || isConstant(v.qualifier())
                    || !(Nodes.stripCasts(v.qualifier()) instanceof Expr.VarRead));
        }
        if (x instanceof Expr.Literal) {
            return true;
        }
        return x instanceof Expr.Call c && c.target() == null && MathCalls.isMathOwner(c.ownerType())
                && c.args().stream().allMatch(Summaries::isConstant);
    }

    /** A count: {@code x.length}, {@code list.size()}, or any integer-valued expression. */
    private static boolean isCount(Expr e) {
        Expr x = Nodes.stripCasts(e);
        if (x instanceof Expr.VarRead v && v.name().equals("length") && v.qualifier() != null) {
            return true;
        }
        if (x instanceof Expr.Call c && c.name().equals("size") && c.args().isEmpty()) {
            return true;
        }
        NumericType t = x.type().numeric();
        return x.type().isScalar() && (t == NumericType.INT || t == NumericType.LONG);
    }
}
