package dev.numguard.rules.idioms.exp;

import dev.numguard.rules.facts.MathCalls;
import dev.numguard.rules.facts.MethodFacts;
import dev.numguard.rules.facts.MethodSummary;
import dev.numguard.rules.facts.MethodSummary.Shape;
import dev.numguard.rules.facts.Nodes;
import dev.numguard.rules.facts.Reduction;
import dev.numguard.rules.facts.ReductionKind;
import dev.numguard.rules.model.Expr;
import java.util.Optional;

/**
 * The log-sum-exp written in base 2, as scores kept in bits are: {@code Σ pow(2, s)} accumulated
 * and its logarithm taken, natural or through a helper summarised as a logarithm in some base
 * ({@code log2(x) = log(x) / log(2)}), of floating-point scores. pow(2, s) overflows for s above 1024 and underflows to 0 below
 * -1075, so the sum fails exactly as Σ exp does; the cure is the same shift by the maximum.
 */
public final class BaseTwoSums {
    private BaseTwoSums() {
    }

    /**
     * The exponent {@code s} of {@code log(Σ pow(2, s))} at {@code call}: a logarithm (natural, or a
     * helper summarised as a logarithm in some base) of a sum of unshifted powers of 2.
     */
    public static Optional<Expr> loggedSumExponent(Expr.Call call, MethodFacts facts) {
        if (call.args().size() != 1) {
            return Optional.empty();
        }
        Expr argument = call.args().get(0);
        // the sum first: it is cheap, and most calls are not logarithms
        Optional<Expr> exponent = unshiftedExponent(argument, facts);
        boolean logarithm = exponent.isPresent() && (MathCalls.logArgument(call).isPresent()
                || facts.context().summary(call).flatMap(MethodSummary::returned)
                        .filter(e -> e.shape() == Shape.LOG && e.parameter() == 0).isPresent());
        return logarithm ? exponent : Optional.empty();
    }

    /**
     * The exponent {@code s} of the unshifted {@code pow(2, s)} that the sum {@code e} accumulates
     * (a loop reduction read after its loop), or empty when {@code e} is no such sum or its
     * exponent is shifted by a value of the data or bounded.
     */
    static Optional<Expr> unshiftedExponent(Expr e, MethodFacts facts) {
        Optional<Reduction> sum = facts.reductionRead(Nodes.stripCasts(e))
                .filter(r -> r.kind() == ReductionKind.SUM && !r.subtracted() && r.term() != null);
        Optional<Expr> exponent = sum.flatMap(r -> MathCalls.call(facts.resolve(r.term()), "pow", 2))
                .filter(pow -> MathCalls.isLiteral(pow.args().get(0), 2)).map(pow -> pow.args().get(1));
        // integer exponents build binary numbers (Σ 2^i), not scores
        return exponent.filter(s -> s.type().isFloatingScalar()).filter(s -> Exponents.shiftOf(s, facts).filter(m -> !Exponents.isConstant(m, facts)).isEmpty()
                && !Exponents.isBounded(s, facts));
    }
}
