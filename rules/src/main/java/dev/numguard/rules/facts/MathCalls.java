package dev.numguard.rules.facts;

import dev.numguard.rules.model.Expr;
import dev.numguard.rules.model.NumericType;
import java.util.Optional;

/**
 * Recognises the elementary functions whatever way they are spelled: {@code Math.exp},
 * {@code StrictMath.exp}, a statically imported {@code exp}, the {@code FastMath}s of Commons Math,
 * Hipparchus and jafama, in-house wrappers listed in the {@link FunctionTable}, and
 * {@code Math.pow(Math.E, x)} for exp; casts around the call are looked through.
 */
public final class MathCalls {
    private MathCalls() {
    }

    /** True when {@code owner} is {@code Math}, {@code StrictMath} or a drop-in like {@code FastMath}. */
    public static boolean isMathOwner(String owner) {
        return FunctionTable.standard().isMathDropIn(owner);
    }

    /** The function {@code call} computes per the {@link FunctionTable} ({@code "exp"}, {@code "array-sum"}), or empty. */
    public static Optional<String> function(Expr.Call call) {
        return FunctionTable.standard().function(call.ownerType(), call.name());
    }

    /**
     * {@code e} as a call of the math function {@code name} with {@code arity} arguments (a Math
     * drop-in's namesake or a wrapper the function table maps to {@code name}), casts looked through.
     */
    public static Optional<Expr.Call> call(Expr e, String name, int arity) {
        if (e != null && Nodes.stripCasts(e) instanceof Expr.Call c && c.args().size() == arity
                && function(c).filter(name::equals).isPresent()) {
            return Optional.of(c);
        }
        return Optional.empty();
    }

    /** The {@code x} of {@code x * x} or {@code pow(x, 2)} (casts looked through), or empty. */
    public static Optional<Expr> squared(Expr e) {
        Expr x = e == null ? null : Nodes.stripCasts(e);
        if (x instanceof Expr.Binary b && b.op() == dev.numguard.rules.model.BinaryOp.MULTIPLY
                && Nodes.sameShape(b.left(), b.right())) {
            return Optional.of(b.left());
        }
        return call(x, "pow", 2).filter(pow -> isLiteral(pow.args().get(1), 2)).map(pow -> pow.args().get(0));
    }

    /** The exponent of {@code exp(a)} or {@code pow(Math.E, a)}, casts looked through. */
    public static Optional<Expr> expArgument(Expr e) {
        Optional<Expr.Call> exp = call(e, "exp", 1);
        if (exp.isPresent()) {
            return Optional.of(exp.get().args().get(0));
        }
        return call(e, "pow", 2).filter(pow -> isEulerConstant(pow.args().get(0))).map(pow -> pow.args().get(1));
    }

    /**
     * The exponent of {@code exp(a)} as {@link #expArgument(Expr)} finds it, or the argument of a call
     * of a project method whose summary says it returns exp of that argument wherever the argument is
     * near 0 ({@link MethodSummary.Shape#EXP_NEAR_ZERO}: a sanitising helper such as
     * {@code exp(x) { return Math.min(1e19, Math.exp(x)); }}), for the rules about {@code exp(x) - 1}.
     */
    public static Optional<Expr> expArgument(Expr e, MethodFacts facts) {
        return expArgument(e).or(() -> helperArgument(e, MethodSummary.Shape.EXP_NEAR_ZERO, null, facts));
    }

    /**
     * The argument of {@code log(a)} as {@link #logArgument(Expr)} finds it, or of a call of a project
     * method whose summary says it returns the log of that argument, at least near 1
     * ({@link MethodSummary.Shape#LOG_NEAR_ONE}, or {@link MethodSummary.Shape#LOG} in some base),
     * for the rules about {@code log(1 + x)}.
     */
    public static Optional<Expr> logArgument(Expr e, MethodFacts facts) {
        return logArgument(e).or(() -> helperArgument(e, MethodSummary.Shape.LOG_NEAR_ONE, MethodSummary.Shape.LOG, facts));
    }

    private static Optional<Expr> helperArgument(Expr e, MethodSummary.Shape shape, MethodSummary.Shape alternative,
                                                 MethodFacts facts) {
        if (e == null || !(Nodes.stripCasts(e) instanceof Expr.Call call) || call.args().size() != 1
                || !call.args().get(0).type().isFloatingScalar() || isMathOwner(call.ownerType())) {
            return Optional.empty();
        }
        return facts.context().summary(call).flatMap(MethodSummary::returned)
                .filter(effect -> effect.shape() == shape || effect.shape() == alternative)
                .flatMap(effect -> effect.argument(call));
    }

    /** The argument of the natural logarithm {@code log(a)}, casts looked through. */
    public static Optional<Expr> logArgument(Expr e) {
        return call(e, "log", 1).map(c -> c.args().get(0));
    }

    /** True for {@code Math.E} (or {@code StrictMath.E}). */
    public static boolean isEulerConstant(Expr e) {
        return Nodes.stripCasts(e) instanceof Expr.VarRead v && v.name().equals("E") && v.ownerType() != null
                && isMathOwner(v.ownerType());
    }

    /** True when {@code e} is a numeric literal equal to {@code value}. */
    public static boolean isLiteral(Expr e, double value) {
        return Nodes.stripCasts(e) instanceof Expr.Literal l && l.value() instanceof Number && l.numericValue() == value;
    }

    /**
     * The simple name to write a fix's replacement call with: {@code StrictMath} when the original
     * used it, {@code Math} otherwise (also for a static import, whose spelling has no owner).
     */
    public static String ownerForFix(Expr.Call call) {
        return call.ownerType().endsWith("StrictMath") ? "StrictMath" : "Math";
    }

    /** The floating-point type an expression is computed in ({@code DOUBLE} for int/long/other). */
    public static NumericType floatingType(Expr e) {
        NumericType t = e.type().numeric();
        return t == NumericType.FLOAT || t == NumericType.HALF_IN_SHORT ? t : NumericType.DOUBLE;
    }
}
