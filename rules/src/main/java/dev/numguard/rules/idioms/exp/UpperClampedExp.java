package dev.numguard.rules.idioms.exp;

import dev.numguard.rules.facts.MathCalls;
import dev.numguard.rules.facts.MethodFacts;
import dev.numguard.rules.facts.Nodes;
import dev.numguard.rules.idioms.norms.Constants;
import dev.numguard.rules.model.BinaryOp;
import dev.numguard.rules.model.Expr;
import dev.numguard.rules.model.MethodModel;
import dev.numguard.rules.model.Stmt;
import dev.numguard.rules.model.UnaryOp;
import dev.numguard.rules.model.VarKind;
import java.util.OptionalDouble;

/**
 * A sanitising exp helper that only caps large values: its whole body is
 * {@code return Math.min(c, Math.exp(x));} (any nesting of such caps, {@code Math.exp(x)} alone
 * too) with every cap a constant of at least 1. Exp of a non-positive x is at most 1, so no cap
 * is reached there and the helper returns exactly {@code Math.exp(x)}; its value is never negative.
 * This is what lets {@code 1 - helper(x)} become {@code -Math.expm1(x)} without changing a result:
 * a cap that could take effect (a floor, a cap below 1, a branch) makes the helper a different
 * function from exp for some non-positive x, and such a helper is not matched.
 */
public final class UpperClampedExp {
    private static final int MAX_DEPTH = 4;

    private UpperClampedExp() {
    }

    /** {@code call} calls such a helper of the analysed tree (static or private, so no override can differ). */
    public static boolean isHelper(Expr.Call call, MethodFacts facts) {
        if (call.args().size() != 1 || MathCalls.isMathOwner(call.ownerType())) {
            return false;
        }
        return facts.context().callee(call).filter(m -> m.method().isStatic() || m.method().isPrivate())
                .filter(UpperClampedExp::cappedBody).isPresent();
    }

    /**
     * {@code argument} is at most 0 for every input: facts can tell, or it is minus (or a
     * non-positive constant times) {@code exp(y)} or a call of such a helper.
     */
    public static boolean nonPositive(Expr argument, MethodFacts facts) {
        Expr x = Nodes.stripCasts(argument);
        if (facts.isNonPositive(x)) {
            return true;
        }
        if (x instanceof Expr.Unary u && u.op() == UnaryOp.NEGATE) {
            return nonNegativeExponential(u.operand(), facts);
        }
        if (x instanceof Expr.Binary b && b.op() == BinaryOp.MULTIPLY) {
            return nonPositiveConstant(b.left(), facts) && nonNegativeExponential(b.right(), facts)
                    || nonPositiveConstant(b.right(), facts) && nonNegativeExponential(b.left(), facts);
        }
        return false;
    }

    private static boolean nonPositiveConstant(Expr e, MethodFacts facts) {
        OptionalDouble value = Constants.value(e, facts);
        return value.isPresent() && value.getAsDouble() <= 0;
    }

    private static boolean nonNegativeExponential(Expr e, MethodFacts facts) {
        Expr x = Nodes.stripCasts(e);
        return MathCalls.expArgument(x).isPresent() || x instanceof Expr.Call call && isHelper(call, facts);
    }

    private static boolean cappedBody(MethodFacts helper) {
        MethodModel method = helper.method();
        if (method.body() == null || method.parameters().size() != 1 || method.body().statements().size() != 1
                || !(method.body().statements().get(0) instanceof Stmt.Return ret) || ret.value() == null) {
            return false;
        }
        return capsExpOf(ret.value(), method.parameters().get(0).name(), helper, 0);
    }

    private static boolean capsExpOf(Expr e, String parameter, MethodFacts helper, int depth) {
        Expr x = Nodes.stripCasts(e);
        if (depth > MAX_DEPTH) {
            return false;
        }
        if (MathCalls.expArgument(x).map(Nodes::stripCasts)
                .filter(a -> a instanceof Expr.VarRead v && v.kind() == VarKind.PARAMETER && v.name().equals(parameter))
                .isPresent()) {
            return true;
        }
        if (MathCalls.call(x, "min", 2).isEmpty()) {
            return false;
        }
        Expr.Call min = (Expr.Call) x;
        for (int side = 0; side < 2; side++) {
            OptionalDouble cap = Constants.value(min.args().get(side), helper);
            if (cap.isPresent() && cap.getAsDouble() >= 1 && capsExpOf(min.args().get(1 - side), parameter, helper, depth + 1)) {
                return true;
            }
        }
        return false;
    }
}
