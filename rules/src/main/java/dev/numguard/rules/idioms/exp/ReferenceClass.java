package dev.numguard.rules.idioms.exp;

import dev.numguard.rules.facts.Nodes;
import dev.numguard.rules.model.Expr;
import java.util.Optional;

/**
 * The exponential of a reduced softmax, whose reference class has the fixed logit 0 and so the
 * weight {@code exp(0) = 1}: {@code isLast ? 1.0 : Math.exp(z)}. The constant does not shift the
 * other exponents, so the sum still overflows with them.
 */
public final class ReferenceClass {
    private ReferenceClass() {
    }

    /** The branch of {@code c ? 1 : e} (either order) that is not the constant one, or empty. */
    public static Optional<Expr> exponential(Expr e) {
        if (!(e instanceof Expr.Conditional choice)) {
            return Optional.empty();
        }
        if (isOne(choice.whenTrue()) && !isOne(choice.whenFalse())) {
            return Optional.of(choice.whenFalse());
        }
        return isOne(choice.whenFalse()) && !isOne(choice.whenTrue()) ? Optional.of(choice.whenTrue()) : Optional.empty();
    }

    private static boolean isOne(Expr e) {
        return Nodes.stripCasts(e) instanceof Expr.Literal l && l.numericValue() == 1.0;
    }
}
