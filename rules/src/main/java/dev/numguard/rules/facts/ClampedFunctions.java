package dev.numguard.rules.facts;

import dev.numguard.rules.facts.MethodSummary.Shape;
import dev.numguard.rules.model.Expr;
import dev.numguard.rules.model.FieldModel;
import dev.numguard.rules.model.MethodModel;
import dev.numguard.rules.model.UnaryOp;
import dev.numguard.rules.model.VarId;
import dev.numguard.rules.model.VarKind;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * A method's returned value as exp or log of a scalar parameter where the cancellation rules look at
 * them: exp(x) for x near 0 and log(x) for x near 1. Sanitising helpers clamp the argument or the
 * result far from there ({@code Math.min(1e19, Math.exp(x))}, {@code Math.exp(Math.min(x, 700))},
 * {@code x = Math.max(0, x); return x == 0 ? MIN_LOG : Math.max(MIN_LOG, Math.log(x));}); such a
 * clamp is inactive near the point, so {@code 1 - helper(x)} cancels exactly as {@code 1 - exp(x)}
 * does. Each clamp bound, branch condition threshold and bound of a parameter reassignment must be
 * a constant at least {@value #MARGIN} away from where it would change the value near the point;
 * whether the helper overflows is not claimed.
 */
final class ClampedFunctions {
    /** How far a clamp's bound must be from the value it would change: near means within this of the point. */
    private static final double MARGIN = 0.5;
    private static final int MAX_DEPTH = 6;

    private ClampedFunctions() {
    }

    /** {@code EXP_NEAR_ZERO} or {@code LOG_NEAR_ONE} over a scalar parameter of {@code facts}' method, or empty. */
    static Optional<ValueShape> describe(Expr returned, MethodFacts facts) {
        return near(returned, "exp", facts, 0).map(p -> new ValueShape(Shape.EXP_NEAR_ZERO, p))
                .or(() -> near(returned, "log", facts, 0).map(p -> new ValueShape(Shape.LOG_NEAR_ONE, p)));
    }

    /** The parameter p with {@code e} equal to {@code function(p)} for p near the function's point. */
    private static Optional<VarId> near(Expr e, String function, MethodFacts facts, int depth) {
        if (e == null || depth > MAX_DEPTH) {
            return Optional.empty();
        }
        Expr x = Nodes.stripCasts(facts.resolve(e));
        double point = function.equals("exp") ? 0 : 1;
        double value = function.equals("exp") ? 1 : 0;
        Optional<Expr.Call> call = MathCalls.call(x, function, 1);
        if (call.isPresent()) {
            return identity(call.get().args().get(0), point, facts, depth + 1, true);
        }
        Optional<Expr> clamped = clamped(x, value, facts);
        if (clamped.isPresent()) {
            return near(clamped.get(), function, facts, depth + 1);
        }
        if (x instanceof Expr.Conditional c && Nodes.stripCasts(c.condition()) instanceof Expr.Binary test) {
            // x == 0 ? MIN_LOG : log(x): the test must be on the parameter the taken branch is a function of
            Optional<VarId> tested = testedParameter(test.left(), facts).or(() -> testedParameter(test.right(), facts));
            return branchNear(c, point, facts).flatMap(branch -> near(branch, function, facts, depth + 1))
                    .filter(p -> tested.filter(p::equals).isPresent());
        }
        return Optional.empty();
    }

    /**
     * The parameter {@code e} equals near {@code point}: the parameter itself (also after reassignments
     * that each clamp it far from the point), through locals and inactive clamps.
     */
    private static Optional<VarId> identity(Expr e, double point, MethodFacts facts, int depth, boolean followWrites) {
        if (e == null || depth > MAX_DEPTH) {
            return Optional.empty();
        }
        Expr x = Nodes.stripCasts(facts.resolve(e));
        if (x instanceof Expr.VarRead v && v.kind() == VarKind.PARAMETER && v.type().isFloatingScalar()
                && isParameter(v.id(), facts.method())) {
            if (!followWrites) {
                return Optional.of(v.id());
            }
            // x = Math.max(0, x) before the call: every write must leave x unchanged near the point
            for (Definition d : facts.definitionsOf(v.id())) {
                if (d.site() == null) {
                    continue;                       // the value on entry
                }
                if (!d.isPlain() || d.element() || identity(d.value(), point, facts, depth + 1, false)
                        .filter(v.id()::equals).isEmpty()) {
                    return Optional.empty();
                }
            }
            return Optional.of(v.id());
        }
        return clamped(x, point, facts).flatMap(inner -> identity(inner, point, facts, depth + 1, followWrites));
    }

    private static boolean isParameter(VarId id, MethodModel method) {
        return method.parameters().stream().anyMatch(p -> p.id().equals(id));
    }

    /** The clamped value of {@code Math.min(c, v)} or {@code Math.max(c, v)} when the bound c cannot change v near {@code at}. */
    private static Optional<Expr> clamped(Expr x, double at, MethodFacts facts) {
        Optional<Expr.Call> min = MathCalls.call(x, "min", 2);
        Optional<Expr.Call> max = MathCalls.call(x, "max", 2);
        Expr.Call clamp = min.or(() -> max).orElse(null);
        if (clamp == null) {
            return Optional.empty();
        }
        for (int side = 0; side < 2; side++) {
            OptionalDouble bound = constant(clamp.args().get(side), facts, 0);
            if (bound.isPresent() && (min.isPresent() ? bound.getAsDouble() > at + MARGIN
                    : bound.getAsDouble() < at - MARGIN)) {
                return Optional.of(clamp.args().get(1 - side));
            }
        }
        return Optional.empty();
    }

    /**
     * The branch of {@code c} taken for every value of the tested parameter near {@code point}: the
     * condition compares a parameter with a constant at least {@value #MARGIN} away from the point.
     */
    private static Optional<Expr> branchNear(Expr.Conditional c, double point, MethodFacts facts) {
        if (!(Nodes.stripCasts(c.condition()) instanceof Expr.Binary test)) {
            return Optional.empty();
        }
        boolean parameterLeft = testedParameter(test.left(), facts).isPresent();
        if (!parameterLeft && testedParameter(test.right(), facts).isEmpty()) {
            return Optional.empty();
        }
        OptionalDouble bound = constant(parameterLeft ? test.right() : test.left(), facts, 0);
        if (bound.isEmpty() || Math.abs(bound.getAsDouble() - point) < MARGIN) {
            return Optional.empty();
        }
        double left = parameterLeft ? point : bound.getAsDouble();
        double right = parameterLeft ? bound.getAsDouble() : point;
        Boolean holds = switch (test.op()) {
            case LESS -> left < right;
            case LESS_EQUAL -> left <= right;
            case GREATER -> left > right;
            case GREATER_EQUAL -> left >= right;
            case EQUAL -> left == right;
            case NOT_EQUAL -> left != right;
            default -> null;
        };
        return holds == null ? Optional.empty() : Optional.of(holds ? c.whenTrue() : c.whenFalse());
    }

    private static Optional<VarId> testedParameter(Expr e, MethodFacts facts) {
        return Nodes.stripCasts(e) instanceof Expr.VarRead v && v.kind() == VarKind.PARAMETER
                && isParameter(v.id(), facts.method()) ? Optional.of(v.id()) : Optional.empty();
    }

    /** A literal, its negation, or a final field of the project initialised with one. */
    private static OptionalDouble constant(Expr e, MethodFacts facts, int depth) {
        Expr x = Nodes.stripCasts(e);
        if (depth > 4) {
            return OptionalDouble.empty();
        }
        if (x instanceof Expr.Literal l && l.value() instanceof Number && !Double.isNaN(l.numericValue())) {
            return OptionalDouble.of(l.numericValue());
        }
        if (x instanceof Expr.Unary u && u.op() == UnaryOp.NEGATE) {
            OptionalDouble v = constant(u.operand(), facts, depth + 1);
            return v.isPresent() ? OptionalDouble.of(-v.getAsDouble()) : v;
        }
        if (x instanceof Expr.VarRead v && v.kind() == VarKind.FIELD) {
            ClassFacts context = facts.context();
            List<ClassFacts> owners = v.ownerType() == null || v.ownerType().equals(context.clazz().qualifiedName())
                    ? List.of(context) : context.project().classesOfType(v.ownerType());
            return owners.stream().flatMap(o -> o.clazz().field(v.name()).stream())
                    .filter(FieldModel::isFinal).filter(f -> f.init() != null).findFirst()
                    .map(f -> constant(f.init(), facts, depth + 1)).orElse(OptionalDouble.empty());
        }
        return OptionalDouble.empty();
    }
}
