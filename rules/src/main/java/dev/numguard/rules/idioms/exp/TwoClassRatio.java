package dev.numguard.rules.idioms.exp;

import dev.numguard.rules.facts.MathCalls;
import dev.numguard.rules.facts.MethodFacts;
import dev.numguard.rules.facts.Nodes;
import dev.numguard.rules.model.BinaryOp;
import dev.numguard.rules.model.Expr;
import java.util.Optional;

/**
 * A two-class softmax written out: {@code exp(a) / (exp(a) + exp(b))}, or
 * {@code exp(a) / (1 + exp(a))} (a logistic written as a ratio, the second logit being 0). Both
 * are Infinity/Infinity = NaN once a exceeds 709.78 although the value is 1; the stable forms
 * are {@code 1 / (1 + exp(b - a))} and {@code 1 / (1 + exp(-a))}.
 *
 * @param exponent a, the exponent of the numerator
 * @param other b, the other logit, or null when it is 0 (the {@code 1 + exp(a)} form)
 */
public record TwoClassRatio(Expr exponent, Expr other) {

    /** {@code ratio} as a two-class softmax whose exponents are neither shifted nor bounded, or empty. */
    public static Optional<TwoClassRatio> of(Expr.Binary ratio, MethodFacts facts) {
        if (ratio.op() != BinaryOp.DIVIDE) {
            return Optional.empty();
        }
        Optional<Expr> a = MathCalls.expArgument(Nodes.stripCasts(facts.resolve(ratio.left())));
        if (a.isEmpty() || !(Nodes.stripCasts(facts.resolve(ratio.right())) instanceof Expr.Binary sum)
                || sum.op() != BinaryOp.ADD) {
            return Optional.empty();
        }
        for (boolean sameOnLeft : new boolean[] {true, false}) {
            Optional<Expr> same = MathCalls.expArgument(Nodes.stripCasts(facts.resolve(sameOnLeft ? sum.left() : sum.right())));
            Expr rest = Nodes.stripCasts(facts.resolve(sameOnLeft ? sum.right() : sum.left()));
            if (same.isEmpty() || !Nodes.sameShape(same.get(), a.get())) {
                continue;
            }
            Optional<Expr> b = MathCalls.expArgument(rest);
            if (!MathCalls.isLiteral(rest, 1) && b.isEmpty()) {
                return Optional.empty();
            }
            boolean safe = Exponents.shiftOf(a.get(), facts).isPresent() || Exponents.isBounded(a.get(), facts)
                    && b.map(x -> Exponents.isBounded(x, facts)).orElse(true);
            return safe ? Optional.empty() : Optional.of(new TwoClassRatio(a.get(), b.orElse(null)));
        }
        return Optional.empty();
    }
}
