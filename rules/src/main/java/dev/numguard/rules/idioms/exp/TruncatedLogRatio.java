package dev.numguard.rules.idioms.exp;

import dev.numguard.rules.facts.MathCalls;
import dev.numguard.rules.facts.MethodFacts;
import dev.numguard.rules.facts.MethodUses;
import dev.numguard.rules.facts.Nodes;
import dev.numguard.rules.model.BinaryOp;
import dev.numguard.rules.model.Expr;
import dev.numguard.rules.model.NumericType;
import dev.numguard.rules.model.UnaryOp;
import java.util.Set;

/**
 * {@code (int) (c + log(u) / log(q))}: the logarithm of a value that reaches a result only as one
 * side of a ratio of logarithms whose integer part is taken, as inversion samplers of the
 * geometric and logarithmic laws draw a count. A relative error δ in q is an absolute error δ in
 * log(q), and a relative error δ / |log q| in the ratio. The cancellations of
 * {@code 1 - exp(x)} and {@code log(1 + x)} are large only where q is small and |log q| large,
 * so the integer moves only when the ratio lies within that sliver of an integer; q rounded to 0
 * makes the ratio 0, which is the integer part of the true ratio whenever the other logarithm is
 * smaller in size than log q.
 */
public final class TruncatedLogRatio {
    /** Functions that keep a value's integer part: rounding down or up before the conversion. */
    private static final Set<String> ROUNDINGS = Set.of("floor", "ceil", "rint");
    private static final int MAX_STEPS = 8;

    private TruncatedLogRatio() {
    }

    /** True when {@code log}, a logarithm call, reaches its method's values only through the integer part of a ratio of logarithms. */
    public static boolean holds(Expr.Call log, MethodFacts facts) {
        if (MathCalls.logArgument(log).isEmpty()) {
            return false;
        }
        MethodUses uses = MethodUses.of(facts);
        Expr current = log;
        boolean ratio = false;
        for (int step = 0; step < MAX_STEPS; step++) {
            Object parent = uses.holder(current);
            if (parent instanceof Expr.Cast cast && !cast.type().numeric().isFloatingPoint()) {
                return ratio && (cast.type().numeric() == NumericType.INT || cast.type().numeric() == NumericType.LONG);
            }
            if (parent instanceof Expr.Binary divide && divide.op() == BinaryOp.DIVIDE && !ratio
                    && isLogarithm(divide.left() == current ? divide.right() : divide.left())) {
                ratio = true;
            } else if (!(parent instanceof Expr.Cast
                    || parent instanceof Expr.Unary negate && negate.op() == UnaryOp.NEGATE
                    || ratio && parent instanceof Expr.Binary shift
                            && (shift.op() == BinaryOp.ADD || shift.op() == BinaryOp.SUBTRACT)
                            && Nodes.stripCasts(shift.left() == current ? shift.right() : shift.left()) instanceof Expr.Literal
                    || ratio && parent instanceof Expr.Call rounding && MathCalls.isMathOwner(rounding.ownerType())
                            && ROUNDINGS.contains(rounding.name()))) {
                return false;
            }
            current = (Expr) parent;
        }
        return false;
    }

    private static boolean isLogarithm(Expr e) {
        Expr other = Nodes.stripCasts(e);
        while (other instanceof Expr.Unary negate && negate.op() == UnaryOp.NEGATE) {
            other = Nodes.stripCasts(negate.operand());
        }
        return other instanceof Expr.Call call && MathCalls.logArgument(call).isPresent();
    }
}
