package dev.numguard.rules.idioms.half;

import dev.numguard.rules.facts.Definition;
import dev.numguard.rules.facts.MathCalls;
import dev.numguard.rules.facts.MethodFacts;
import dev.numguard.rules.facts.Nodes;
import dev.numguard.rules.model.BinaryOp;
import dev.numguard.rules.model.Expr;
import dev.numguard.rules.model.LoopKind;
import dev.numguard.rules.model.UnaryOp;
import dev.numguard.rules.model.VarKind;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Calls that round a float or double to fp16, and whether their argument is bounded so that it
 * cannot reach fp16's overflow threshold 65520.
 */
public final class HalfConversions {
    /** fp16's largest finite value. */
    public static final double HALF_MAX = 65504;

    /** Functions whose values lie in [-1, 1] or [0, 1] whatever their argument. */
    private static final Set<String> BOUNDED_FUNCTIONS = Set.of("sigmoid", "tanh", "sin", "cos", "softmax", "logistic",
            "erf", "signum", "random", "nextFloat", "nextDouble");

    private HalfConversions() {
    }

    /**
     * The converted value when {@code call} rounds one float or double to fp16: JDK 20's
     * {@code Float.floatToFloat16}, runtime-guards' {@code Half.fromFloat}/{@code fromDouble}, and
     * conversion helpers named like {@code floatToHalf}, {@code toHalf}, {@code toFloat16}.
     */
    public static Optional<Expr> convertedValue(Expr.Call call) {
        if (call.args().size() != 1 || !call.args().get(0).type().isFloatingScalar()) {
            return Optional.empty();
        }
        String name = call.name().toLowerCase(Locale.ROOT);
        boolean jdk = call.name().equals("floatToFloat16");
        boolean guards = call.ownerType().endsWith("Half") && (name.equals("fromfloat") || name.equals("fromdouble"));
        boolean helper = name.endsWith("tohalf") || name.endsWith("tofloat16") || name.endsWith("tofp16")
                || name.equals("halffromfloat");
        return jdk || guards || helper ? Optional.of(call.args().get(0)) : Optional.empty();
    }

    /**
     * True when {@code value} cannot reach 65520: a literal below it, a {@code Math.min} with a bounded
     * argument, a {@code Math.max} of bounded arguments, a bounded function (sigmoid, tanh, sin, …), a
     * logistic {@code 1 / (1 + exp(…))}, a value divided or multiplied by a scale, through locals.
     */
    public static boolean isBounded(Expr value, MethodFacts facts) {
        return isBounded(value, facts, 0);
    }

    private static boolean isBounded(Expr value, MethodFacts facts, int depth) {
        Expr e = Nodes.stripCasts(value);
        if (depth > 4) {
            return false;
        }
        if (!Double.isNaN(literalValue(e))) {
            return Math.abs(literalValue(e)) <= HALF_MAX;
        }
        if (e instanceof Expr.Call call) {
            String name = call.name();
            // min(x, 65504) caps what overflows in practice; max(0, x) (a ReLU) bounds nothing above
            if (name.equals("min") && MathCalls.isMathOwner(call.ownerType())) {
                return call.args().stream().anyMatch(a -> isBounded(a, facts, depth + 1));
            }
            if (name.equals("max") && MathCalls.isMathOwner(call.ownerType())) {
                return call.args().stream().allMatch(a -> isBounded(a, facts, depth + 1));
            }
            return BOUNDED_FUNCTIONS.stream().anyMatch(f -> name.toLowerCase(Locale.ROOT).endsWith(f.toLowerCase(Locale.ROOT)));
        }
        if (e instanceof Expr.Binary b && b.op() == BinaryOp.DIVIDE && MathCalls.isLiteral(b.left(), 1)) {
            return Nodes.expressions(b.right()).stream().anyMatch(x -> MathCalls.expArgument(x).isPresent());
        }
        if (e instanceof Expr.Binary b && (b.op() == BinaryOp.DIVIDE || b.op() == BinaryOp.MULTIPLY)
                && (namesScale(b.right()) || namesScale(b.left()))) {
            return true;
        }
        if (e instanceof Expr.VarRead v && v.kind() != VarKind.FIELD) {
            List<Definition> defs = facts.reaching(v);
            return !defs.isEmpty() && defs.stream().allMatch(d -> d.isPlain() && isBounded(d.value(), facts, depth + 1));
        }
        return false;
    }

    /**
     * True inside a conversion helper ({@code short toHalf(float v) { return Half.fromFloat(v); }}, any
     * method of a class named for fp16 such as {@code Float16Utils.toByteBuffer(float[])}) converting
     * its own parameter or the elements of its array parameter: Infinity above 65504 is what the
     * caller asks for, and the helper's callers are judged, with their arguments.
     */
    public static boolean isConversionHelperBody(Expr value, MethodFacts facts) {
        String method = facts.method().name().toLowerCase(Locale.ROOT);
        String owner = facts.context().clazz().simpleName().toLowerCase(Locale.ROOT);
        boolean helper = method.endsWith("tohalf") || method.endsWith("tofloat16") || method.endsWith("tofp16")
                || method.equals("halffromfloat") || owner.contains("float16") || owner.contains("fp16");
        return helper && Nodes.stripCasts(value) instanceof Expr.VarRead v && (facts.method().parameter(v.name()) != null
                || facts.enclosingLoops(v.span()).stream().anyMatch(l -> l.kind() == LoopKind.FOR_EACH
                && l.element().name().equals(v.name()) && Nodes.stripCasts(l.iterable()) instanceof Expr.VarRead array
                && facts.method().parameter(array.name()) != null));
    }

    /** The value of a literal or a negated literal; NaN for anything else. */
    private static double literalValue(Expr e) {
        Expr s = Nodes.stripCasts(e);
        if (s instanceof Expr.Unary u && u.op() == UnaryOp.NEGATE) {
            return -literalValue(u.operand());
        }
        return s instanceof Expr.Literal l ? l.numericValue() : Double.NaN;
    }

    /**
     * True when {@code value} is evidently unbounded: a square, an exponential, or a running sum, the
     * values that overflow fp16 in practice.
     */
    public static boolean isEvidentlyUnbounded(Expr value, MethodFacts facts) {
        Expr e = Nodes.stripCasts(facts.resolve(value));
        return e instanceof Expr.Binary b && b.op() == BinaryOp.MULTIPLY && Nodes.sameShape(b.left(), b.right())
                || MathCalls.expArgument(e).isPresent()
                || MathCalls.call(e, "pow", 2).isPresent()
                || facts.reductionRead(value).isPresent();
    }

    /** A variable named like a scale, or a call of one ({@code scaler.scale()}, {@code getLossScale()}). */
    private static boolean namesScale(Expr e) {
        Expr bare = Nodes.stripCasts(e);
        return bare instanceof Expr.VarRead v && v.name().toLowerCase(Locale.ROOT).contains("scale")
                || bare instanceof Expr.Call c && c.args().isEmpty() && c.name().toLowerCase(Locale.ROOT).contains("scale");
    }
}
