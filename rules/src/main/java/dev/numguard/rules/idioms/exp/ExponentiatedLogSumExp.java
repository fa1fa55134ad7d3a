package dev.numguard.rules.idioms.exp;

import dev.numguard.rules.facts.MathCalls;
import dev.numguard.rules.facts.MethodFacts;
import dev.numguard.rules.facts.Nodes;
import dev.numguard.rules.model.BinaryOp;
import dev.numguard.rules.model.Expr;
import java.util.Optional;

/**
 * A normaliser that is a log-sum-exp exponentiated back: {@code Z = exp(lse)} with
 * {@code lse = m + log(Σ exp(x − m))} or {@code log(Σ exp(x))}. However carefully the log-sum-exp was
 * computed, {@code exp(lse)} is the plain Σ exp(x) again and overflows (or underflows) with it, and
 * so does the numerator {@code exp(x)} it divides: the stable form subtracts in the exponent,
 * {@code exp(x − lse)}.
 */
public final class ExponentiatedLogSumExp {
    private ExponentiatedLogSumExp() {
    }

    /** The sum of exponentials whose log-sum-exp {@code e} exponentiates ({@code exp(lse)}), locals resolved. */
    public static Optional<ExpSum> of(Expr e, MethodFacts facts) {
        Optional<Expr> exponent = MathCalls.expArgument(Nodes.stripCasts(facts.resolve(e)));
        if (exponent.isEmpty()) {
            return Optional.empty();
        }
        Expr lse = Nodes.stripCasts(facts.resolve(exponent.get()));
        if (lse instanceof Expr.Binary shifted && shifted.op() == BinaryOp.ADD) {
            return loggedSum(shifted.right(), facts).or(() -> loggedSum(shifted.left(), facts));
        }
        return loggedSum(lse, facts);
    }

    /** The sum that {@code log(S)} takes the logarithm of. */
    private static Optional<ExpSum> loggedSum(Expr e, MethodFacts facts) {
        return MathCalls.logArgument(Nodes.stripCasts(e))
                .flatMap(s -> ExpSums.of(s, facts).or(() -> ExpSumSources.of(s, facts)));
    }
}
