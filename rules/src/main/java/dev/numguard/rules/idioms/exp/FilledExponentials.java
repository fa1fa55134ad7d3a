package dev.numguard.rules.idioms.exp;

import dev.numguard.rules.facts.CalleeWrites;
import dev.numguard.rules.facts.MathCalls;
import dev.numguard.rules.facts.Nodes;
import dev.numguard.rules.facts.MethodFacts;
import dev.numguard.rules.model.AssignOp;
import dev.numguard.rules.model.Expr;
import java.util.List;
import java.util.Optional;

/**
 * Exponentials an array holds because a method called earlier wrote them into its elements
 * ({@link CalleeWrites}): {@code z = partition(dots, exps)} with {@code e[w] = exp(d[w])} in
 * {@code partition}, then {@code exps[w]} read here. Every write into the parameter must be an
 * exponential with an exponent that is neither shifted nor bounded where it is computed; the term's
 * argument is null, the exponent being in the called method.
 */
public final class FilledExponentials {
    private FilledExponentials() {
    }

    /** {@code e} (an array element read in {@code facts}' method) as an unshifted exponential a callee wrote. */
    public static Optional<ExpTerm> term(Expr e, MethodFacts facts) {
        if (e == null || !(Nodes.stripCasts(e) instanceof Expr.ArrayElement)) {
            return Optional.empty();
        }
        List<CalleeWrites.Write> writes = CalleeWrites.at(e, facts);
        Expr.Call site = null;
        for (CalleeWrites.Write w : writes) {
            Expr value = Nodes.stripCasts(w.writer().resolve(w.value()));
            Optional<Expr> exponent = MathCalls.expArgument(value);
            if (w.op() != AssignOp.ASSIGN || exponent.isEmpty() || !(value instanceof Expr.Call call)
                    || Exponents.shiftOf(exponent.get(), w.writer()).isPresent()
                    || Exponents.isBounded(exponent.get(), w.writer())) {
                return Optional.empty();
            }
            site = site == null ? call : site;
        }
        return site == null ? Optional.empty() : Optional.of(new ExpTerm(site, null, null));
    }
}
