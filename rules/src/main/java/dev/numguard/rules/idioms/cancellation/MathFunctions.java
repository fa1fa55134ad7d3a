package dev.numguard.rules.idioms.cancellation;

import dev.numguard.rules.facts.ClassFacts;
import dev.numguard.rules.facts.MathCalls;
import dev.numguard.rules.facts.Nodes;
import dev.numguard.rules.model.Expr;
import java.util.Optional;

/**
 * One-argument elementary functions as cancellation code writes them: {@code Math}, {@code StrictMath}
 * and any {@code FastMath}/{@code AccurateMath} drop-in (commons-math, Hipparchus), casts looked through.
 */
final class MathFunctions {
    private MathFunctions() {
    }

    static Optional<Expr.Call> call(Expr e, String name) {
        if (e != null && Nodes.stripCasts(e) instanceof Expr.Call c && c.name().equals(name) && c.args().size() == 1
                && (MathCalls.isMathOwner(c.ownerType()) || c.ownerType().endsWith("FastMath")
                        || c.ownerType().endsWith("AccurateMath"))) {
            return Optional.of(c);
        }
        return Optional.empty();
    }

    /** The argument of {@code sqrt(a)}. */
    static Optional<Expr> sqrtArgument(Expr e) {
        return call(e, "sqrt").map(c -> c.args().get(0));
    }

    /**
     * How to call another function of the family {@code call} belongs to: its qualifier as written
     * ({@code FastMath.}, {@code StrictMath.}), or {@code Math.} for a static import.
     */
    static String qualifier(Expr.Call call, ClassFacts context) {
        if (call.target() == null) {
            return call.ownerType().endsWith("StrictMath") ? "StrictMath." : "Math.";
        }
        return context.text(call.target()) + ".";
    }

    /** True when {@code e} is free of side effects and cheap, so a fix may write it twice. */
    static boolean isPure(Expr e) {
        return Nodes.expressions(e).stream().allMatch(x -> x instanceof Expr.Literal || x instanceof Expr.VarRead
                || x instanceof Expr.ArrayElement || x instanceof Expr.Binary || x instanceof Expr.Cast
                || x instanceof Expr.Unary u && !u.op().assigns()
                || x instanceof Expr.Call c && (MathCalls.isMathOwner(c.ownerType()) || c.ownerType().endsWith("FastMath")));
    }
}
