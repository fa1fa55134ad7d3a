package dev.numguard.rules.idioms.cancellation;

import dev.numguard.rules.facts.ClassFacts;
import dev.numguard.rules.facts.MathCalls;
import dev.numguard.rules.facts.Nodes;
import dev.numguard.rules.fixes.SourceEdits;
import dev.numguard.rules.model.BinaryOp;
import dev.numguard.rules.model.Expr;
import dev.numguard.rules.model.NumericType;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Differences of two nearly equal values of an elementary function, each with the exact algebraic
 * rewrite that does not subtract: {@code 1 − cos(x) = 2·sin²(x/2)} and
 * {@code sqrt(x + k) − sqrt(x) = k / (sqrt(x + k) + sqrt(x))}.
 */
public final class NearlyEqualTerms {
    /** π in a name: PI, TWO_PI, twoPi, piOver2 (not pixel, spin). */
    private static final Pattern PI = Pattern.compile("(?:|.*[_a-z])(?:PI|pi|Pi)(?:[_A-Z0-9].*)?");

    private NearlyEqualTerms() {
    }

    /**
     * The argument x of {@code 1 − cos(x)}, unless x is a constant or a multiple of π (a window or a
     * phase sweeping the circle, where only absolute accuracy matters).
     */
    public static Optional<Expr> oneMinusCos(Expr.Binary difference) {
        if (difference.op() != BinaryOp.SUBTRACT || !MathCalls.isLiteral(difference.left(), 1)) {
            return Optional.empty();
        }
        return MathFunctions.call(difference.right(), "cos").map(c -> c.args().get(0))
                .filter(x -> !(Nodes.stripCasts(x) instanceof Expr.Literal) && !mentionsPi(x));
    }

    /** {@code 2 * Math.pow(Math.sin(0.5 * x), 2)} for {@code 1 - Math.cos(x)}, in the original's type. */
    public static String halfAngleForm(Expr.Binary difference, Expr x, ClassFacts context) {
        Expr.Call cos = MathFunctions.call(difference.right(), "cos").orElseThrow();
        String math = MathFunctions.qualifier(cos, context);
        String form = "2 * " + math + "pow(" + math + "sin(0.5 * " + SourceEdits.asFactor(x, context) + "), 2)";
        // a difference written without parentheses sits among operators binding no tighter than '-'
        return difference.type().numeric() == NumericType.FLOAT ? "(float) (" + form + ")" : form;
    }

    /**
     * For {@code sqrt(u) − sqrt(v)} with {@code u = v + k} (or {@code v = u + k}): k, and whether it is
     * the first radicand that is larger.
     */
    public static Optional<SquareRootGap> squareRootGap(Expr.Binary difference) {
        if (difference.op() != BinaryOp.SUBTRACT) {
            return Optional.empty();
        }
        Optional<Expr> u = MathFunctions.sqrtArgument(difference.left());
        Optional<Expr> v = MathFunctions.sqrtArgument(difference.right());
        if (u.isEmpty() || v.isEmpty()) {
            return Optional.empty();
        }
        return excess(u.get(), v.get()).map(k -> new SquareRootGap(k, true))
                .or(() -> excess(v.get(), u.get()).map(k -> new SquareRootGap(k, false)));
    }

    /**
     * {@code sqrt(u) − sqrt(v)} where one radicand exceeds the other by {@code gap}.
     *
     * @param gap the excess, as written
     * @param firstLarger whether {@code u = v + gap} (else {@code v = u + gap})
     */
    public record SquareRootGap(Expr gap, boolean firstLarger) {
        /** {@code gap / (sqrt(u) + sqrt(v))}, negated when the second radicand is the larger. */
        public String rationalised(Expr.Binary difference, ClassFacts context) {
            String sum = context.text(difference.left()) + " + " + context.text(difference.right());
            return (firstLarger ? "" : "-") + SourceEdits.asFactor(gap, context) + " / (" + sum + ")";
        }
    }

    /** k when {@code larger} is {@code smaller + k} or {@code k + smaller}, k not itself mentioning it. */
    private static Optional<Expr> excess(Expr larger, Expr smaller) {
        if (!(Nodes.stripCasts(larger) instanceof Expr.Binary sum) || sum.op() != BinaryOp.ADD) {
            return Optional.empty();
        }
        if (Nodes.sameShape(sum.left(), smaller)) {
            return Optional.of(sum.right());
        }
        return Nodes.sameShape(sum.right(), smaller) ? Optional.of(sum.left()) : Optional.empty();
    }

    private static boolean mentionsPi(Expr x) {
        return Nodes.expressions(x).stream().anyMatch(e -> e instanceof Expr.VarRead v && PI.matcher(v.name()).matches());
    }
}
