package dev.numguard.rules.idioms.exp;

import dev.numguard.rules.facts.MathCalls;
import dev.numguard.rules.facts.MethodFacts;
import dev.numguard.rules.facts.MethodSummary;
import dev.numguard.rules.model.Expr;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A logarithm however the code calls it: {@code Math.log(p)} (natural), a method of the analysed
 * project whose summary says it returns the log of its argument in some base
 * ({@code logBase2(v) { return Math.log(v) / LOG2; }}), or a one-argument method outside the
 * project named for a logarithm ({@code ln}, {@code log2}, {@code logBase10}).
 *
 * @param call the call
 * @param argument what is logged
 * @param natural true for the natural logarithm itself, false for a helper (perhaps in another base)
 */
public record Logarithm(Expr.Call call, Expr argument, boolean natural) {
    private static final Pattern NAMED = Pattern.compile("(?i)(log|ln)(base)?(2|10|e)?");

    /** {@code call} as a logarithm, or empty. */
    public static Optional<Logarithm> of(Expr.Call call, MethodFacts facts) {
        Optional<Expr> natural = MathCalls.logArgument(call);
        if (natural.isPresent()) {
            return Optional.of(new Logarithm(call, natural.get(), true));
        }
        if (call.args().size() != 1 || !call.args().get(0).type().isFloatingScalar()
                || MathCalls.isMathOwner(call.ownerType())) {
            return Optional.empty();
        }
        Optional<MethodSummary> summary = facts.context().summary(call);
        if (summary.isPresent()) {
            return summary.get().returned().filter(e -> e.shape() == MethodSummary.Shape.LOG)
                    .flatMap(e -> e.argument(call)).map(a -> new Logarithm(call, a, false));
        }
        return NAMED.matcher(call.name()).matches() ? Optional.of(new Logarithm(call, call.args().get(0), false)) : Optional.empty();
    }
}
