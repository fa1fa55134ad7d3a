package dev.numguard.rules.idioms.cancellation;

import dev.numguard.rules.facts.ClassFacts;
import dev.numguard.rules.facts.MathCalls;
import dev.numguard.rules.facts.MethodFacts;
import dev.numguard.rules.facts.Nodes;
import dev.numguard.rules.model.BinaryOp;
import dev.numguard.rules.model.Expr;
import dev.numguard.rules.model.NumericType;
import dev.numguard.rules.model.UnaryOp;
import java.util.Optional;

/**
 * {@code exp(x) − exp(−x)}, twice sinh(x) (the numerator of a hand-written tanh, too), directly or
 * through locals: both terms are about 1 for a small |x|, so the difference keeps only the digits of
 * x that survived rounding 1 + x.
 *
 * @param argument x
 * @param negated true for {@code exp(−x) − exp(x)}, that is −2·sinh(x)
 * @param written true when both exponentials are written in the difference itself (so a rewrite of
 *     the difference alone is complete)
 */
public record HyperbolicDifference(Expr argument, boolean negated, boolean written) {
    /** The difference as ±2·sinh(x), when it is one. */
    public static Optional<HyperbolicDifference> of(Expr.Binary difference, MethodFacts facts) {
        if (difference.op() != BinaryOp.SUBTRACT) {
            return Optional.empty();
        }
        Optional<Expr> a = exponent(difference.left(), facts);
        Optional<Expr> b = exponent(difference.right(), facts);
        if (a.isEmpty() || b.isEmpty()) {
            return Optional.empty();
        }
        boolean written = MathCalls.expArgument(Nodes.stripCasts(difference.left())).isPresent()
                && MathCalls.expArgument(Nodes.stripCasts(difference.right())).isPresent();
        if (negationOf(b.get(), a.get())) {
            return Optional.of(new HyperbolicDifference(a.get(), false, written));
        }
        if (negationOf(a.get(), b.get())) {
            return Optional.of(new HyperbolicDifference(b.get(), true, written));
        }
        return Optional.empty();
    }

    /**
     * {@code 2 * Math.sinh(a)} for {@code exp(a) − exp(−a)}, a the first exponent as written (so
     * {@code exp(−x) − exp(x)} becomes {@code 2 * Math.sinh(-x)}), cast back to float for a float difference.
     */
    public String rewrite(Expr.Binary difference, ClassFacts context) {
        Expr.Call exp = (Expr.Call) Nodes.stripCasts(difference.left());
        String form = "2 * " + MathCalls.ownerForFix(exp) + ".sinh(" + context.text(exp.args().get(0)) + ")";
        // a difference is never an operand of anything binding tighter than '*', so the product needs no parentheses
        return difference.type().numeric() == NumericType.FLOAT ? "(float) (" + form + ")" : form;
    }

    private static Optional<Expr> exponent(Expr e, MethodFacts facts) {
        return MathCalls.expArgument(Nodes.stripCasts(facts.resolve(e)));
    }

    /** {@code minus} is {@code −x} (a unary minus, or {@code 0 − x}) of {@code x}. */
    private static boolean negationOf(Expr minus, Expr x) {
        Expr m = Nodes.stripCasts(minus);
        Expr operand = m instanceof Expr.Unary u && u.op() == UnaryOp.NEGATE ? u.operand()
                : m instanceof Expr.Binary b && b.op() == BinaryOp.SUBTRACT && MathCalls.isLiteral(b.left(), 0) ? b.right()
                : null;
        return operand != null && Nodes.sameShape(Nodes.stripCasts(operand), Nodes.stripCasts(x));
    }
}
