package dev.numguard.rules.idioms.exp;

import dev.numguard.rules.facts.MethodFacts;
import dev.numguard.rules.facts.Nodes;
import dev.numguard.rules.facts.Reduction;
import dev.numguard.rules.facts.ReductionKind;
import dev.numguard.rules.model.BinaryOp;
import dev.numguard.rules.model.Expr;
import java.util.Optional;

/**
 * {@code Σ v·e / Σ e} with {@code e} exponentials: the mean of {@code v} under a softmax (an expected
 * value, the weighted average of a log-linear model's gradient), written without forming the
 * probabilities. The numerator must weight the very exponentials the denominator sums (the same
 * {@code exp} call, read directly, through an array the method fills, or through an array a called
 * method filled: {@link FilledExponentials}), so a ratio of sums over different exponentials is not
 * one.
 */
public final class SoftmaxExpectation {
    private SoftmaxExpectation() {
    }

    /** The sum of exponentials that {@code numerator / denominator} divides a weighted sum of the same by. */
    public static Optional<ExpSum> of(Expr numerator, Expr denominator, MethodFacts facts) {
        return weighted(numerator, denominator, facts).map(Weighted::sum);
    }

    /**
     * The sum and the weighted numerator's exponential of {@code numerator / denominator}.
     *
     * @param sum the sum of exponentials in the denominator
     * @param numeratorTerm the exponential the numerator's sum weights (the same call as a term of {@code sum})
     */
    public record Weighted(ExpSum sum, ExpTerm numeratorTerm) {
    }

    /** As {@link #of}, with the numerator's exponential. */
    public static Optional<Weighted> weighted(Expr numerator, Expr denominator, MethodFacts facts) {
        Optional<ExpSum> sum = ExpSums.of(denominator, facts).or(() -> ExpSumSources.of(denominator, facts));
        Optional<Reduction> weighted = facts.reductionAt(Nodes.stripCasts(numerator))
                .filter(r -> r.kind() == ReductionKind.SUM && !r.subtracted() && r.term() != null);
        if (sum.isEmpty() || weighted.isEmpty()
                || !(Nodes.stripCasts(facts.resolve(weighted.get().term())) instanceof Expr.Binary product)
                || product.op() != BinaryOp.MULTIPLY) {
            return Optional.empty();
        }
        for (Expr factor : new Expr[] {product.left(), product.right()}) {
            Optional<ExpTerm> exp = ExpSums.expTerm(factor, facts).or(() -> FilledExponentials.term(factor, facts));
            if (exp.isPresent() && sum.get().terms().stream().anyMatch(t -> t.site() == exp.get().site())) {
                return Optional.of(new Weighted(sum.get(), exp.get()));
            }
        }
        return Optional.empty();
    }
}
