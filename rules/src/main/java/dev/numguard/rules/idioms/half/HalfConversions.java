package dev.numguard.rules.idioms.half;

import dev.numguard.rules.facts.Definition;
import dev.numguard.rules.facts.FunctionTable;
import dev.numguard.rules.facts.MathCalls;
import dev.numguard.rules.facts.MethodFacts;
import dev.numguard.rules.facts.Nodes;
import dev.numguard.rules.model.BinaryOp;
import dev.numguard.rules.model.Expr;
import dev.numguard.rules.model.LoopKind;
import dev.numguard.rules.model.Stmt;
import dev.numguard.rules.model.UnaryOp;
import dev.numguard.rules.model.VarKind;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Calls that round a float or double to fp16, and whether their argument is bounded so that it
 * cannot reach fp16's overflow threshold 65520.
 */
public final class HalfConversions {
    /** fp16's largest finite value. */
    public static final double HALF_MAX = 65504;

    /** Simple names of classes that hold one fp16 value. */
    private static final Pattern HALF_TYPE = Pattern.compile("HalfFloat|Half|Float16|Fp16|FP16|Half16");
    /** Functions whose values lie in [-1, 1] or [0, 1] whatever their argument. */
    private static final Set<String> BOUNDED_FUNCTIONS = Set.of("sigmoid", "tanh", "sin", "cos", "softmax", "logistic",
            "erf", "signum", "random", "nextFloat", "nextDouble");

    private HalfConversions() {
    }

    /**
     * The converted value when {@code call} rounds one float or double to fp16: a {@code to-half}
     * function of the {@link FunctionTable} (JDK 20's {@code Float.floatToFloat16}, runtime-guards'
     * {@code Half.fromFloat}/{@code fromDouble}, …), and conversion helpers named like
     * {@code floatToHalf}, {@code toHalf}, {@code toFloat16}.
     */
    public static Optional<Expr> convertedValue(Expr.Call call) {
        if (call.args().size() != 1 || !call.args().get(0).type().isFloatingScalar()) {
            return Optional.empty();
        }
        String name = call.name().toLowerCase(Locale.ROOT);
        boolean listed = FunctionTable.standard().function(call.ownerType(), call.name()).filter("to-half"::equals).isPresent();
        boolean jdk = call.name().equals("floatToFloat16");
        boolean guards = call.ownerType().endsWith("Half") && (name.equals("fromfloat") || name.equals("fromdouble"));
        boolean helper = name.endsWith("tohalf") || name.endsWith("tofloat16") || name.endsWith("tofp16")
                || name.equals("halffromfloat");
        return listed || jdk || guards || helper ? Optional.of(call.args().get(0)) : Optional.empty();
    }

    /**
     * The converted value when {@code e} constructs an fp16 value from one float or double: a
     * constructor the {@link FunctionTable} lists as {@code to-half} (TornadoVM's
     * {@code new HalfFloat(x)}), or one of a class named for fp16 ({@code HalfFloat}, {@code Half},
     * {@code Float16}, {@code Fp16}) when the front end could not resolve its package.
     */
    public static Optional<Expr> constructedValue(Expr e) {
        if (!(Nodes.stripCasts(e) instanceof Expr.Other creation) || !creation.kind().equals("new")
                || creation.children().size() != 1 || !creation.children().get(0).type().isFloatingScalar()) {
            return Optional.empty();
        }
        if (creation.children().get(0) instanceof Expr.Cast cast && !cast.type().isFloatingScalar()) {
            return Optional.empty();                        // new HalfFloat((short) bits): raw bits, no rounding
        }
        String type = creation.type().name();
        boolean listed = FunctionTable.standard().function(type, "<init>").filter("to-half"::equals).isPresent();
        return listed || HALF_TYPE.matcher(simpleName(type)).matches() ? Optional.of(creation.children().get(0))
                : Optional.empty();
    }

    /**
     * True when {@code assign} keeps a running sum in fp16: {@code sum = HalfFloat.add(sum, term)} (a
     * {@code half-add} of the {@link FunctionTable}, or {@code add} of a class named for fp16) inside
     * a loop. Every partial sum is rounded to fp16, so the sum becomes Infinity once it passes 65504
     * even when the final value would be read back into float.
     */
    public static boolean runningHalfSum(Stmt.Assign assign, MethodFacts facts) {
        if (!(Nodes.stripCasts(assign.value()) instanceof Expr.Call add) || add.args().size() != 2
                || facts.enclosingLoops(assign.span()).isEmpty()) {
            return false;
        }
        boolean listed = FunctionTable.standard().function(add.ownerType(), add.name()).filter("half-add"::equals).isPresent();
        boolean named = add.name().equals("add") && HALF_TYPE.matcher(simpleName(add.ownerType())).matches();
        Expr target = Nodes.stripCasts(assign.target());
        return (listed || named) && add.args().stream().anyMatch(a -> Nodes.sameShape(Nodes.stripCasts(a), target));
    }

    private static String simpleName(String type) {
        String bare = type.endsWith("[]") ? "" : type;
        return bare.substring(Math.max(bare.lastIndexOf('.'), bare.lastIndexOf('$')) + 1);
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
        if (magnitude(e, facts, depth) <= HALF_MAX) {
            return true;                                    // (rng.nextFloat() - 0.5f) * 4: at most 2
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
     * static method of a class named for fp16 such as {@code Float16Utils.toByteBuffer(float[])}) converting
     * its own parameter or the elements of its array parameter: Infinity above 65504 is what the
     * caller asks for, and the helper's callers are judged, with their arguments.
     */
    public static boolean isConversionHelperBody(Expr value, MethodFacts facts) {
        String method = facts.method().name().toLowerCase(Locale.ROOT);
        String owner = facts.context().clazz().simpleName().toLowerCase(Locale.ROOT);
        // a static method of an fp16 utility class converts for its caller; an instance method such as a
        // tensor's set(float) stores whatever a format-agnostic caller hands it
        boolean helper = method.endsWith("tohalf") || method.endsWith("tofloat16") || method.endsWith("tofp16")
                || method.equals("halffromfloat")
                || facts.method().isStatic() && (owner.contains("float16") || owner.contains("fp16"));
        return helper && Nodes.stripCasts(value) instanceof Expr.VarRead v && (facts.method().parameter(v.name()) != null
                || facts.enclosingLoops(v.span()).stream().anyMatch(l -> l.kind() == LoopKind.FOR_EACH
                && l.element().name().equals(v.name()) && Nodes.stripCasts(l.iterable()) instanceof Expr.VarRead array
                && facts.method().parameter(array.name()) != null));
    }

    /**
     * An upper bound on the magnitude of {@code value} from the bounded pieces it is built of
     * (literals, bounded functions such as {@code nextFloat} or {@code tanh}, their sums, products,
     * quotients by a literal and choices, through locals); infinity when any piece is unbounded.
     */
    private static double magnitude(Expr value, MethodFacts facts, int depth) {
        Expr e = Nodes.stripCasts(value);
        if (depth > 4) {
            return Double.POSITIVE_INFINITY;
        }
        if (!Double.isNaN(literalValue(e))) {
            return Math.abs(literalValue(e));
        }
        if (e instanceof Expr.Unary u && u.op() == UnaryOp.NEGATE) {
            return magnitude(u.operand(), facts, depth + 1);
        }
        if (e instanceof Expr.Call call && call.args().size() <= 1 && BOUNDED_FUNCTIONS.stream()
                .anyMatch(f -> call.name().toLowerCase(Locale.ROOT).endsWith(f.toLowerCase(Locale.ROOT)))) {
            return 1;
        }
        if (e instanceof Expr.Call call && MathCalls.isMathOwner(call.ownerType()) && call.args().size() == 1
                && call.name().equals("abs")) {
            return magnitude(call.args().get(0), facts, depth + 1);
        }
        if (e instanceof Expr.Conditional c) {
            return Math.max(magnitude(c.whenTrue(), facts, depth + 1), magnitude(c.whenFalse(), facts, depth + 1));
        }
        if (e instanceof Expr.Binary b) {
            double left = magnitude(b.left(), facts, depth + 1);
            double right = b.op() == BinaryOp.DIVIDE ? Math.abs(literalValue(b.right())) : magnitude(b.right(), facts, depth + 1);
            return switch (b.op()) {
                case ADD, SUBTRACT -> left + right;
                case MULTIPLY -> left * right;
                case DIVIDE -> right >= 1 ? left / right : Double.POSITIVE_INFINITY;
                default -> Double.POSITIVE_INFINITY;
            };
        }
        if (e instanceof Expr.VarRead v && v.kind() != VarKind.FIELD) {
            List<Definition> defs = facts.reaching(v);
            double bound = defs.isEmpty() ? Double.POSITIVE_INFINITY : 0;
            for (Definition d : defs) {
                bound = Math.max(bound, d.isPlain() ? magnitude(d.value(), facts, depth + 1) : Double.POSITIVE_INFINITY);
            }
            return bound;
        }
        return Double.POSITIVE_INFINITY;
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
