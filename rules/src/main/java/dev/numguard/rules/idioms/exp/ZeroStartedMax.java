package dev.numguard.rules.idioms.exp;

import dev.numguard.rules.facts.Definition;
import dev.numguard.rules.facts.MethodFacts;
import dev.numguard.rules.facts.Nodes;
import dev.numguard.rules.facts.Reduction;
import dev.numguard.rules.facts.ReductionKind;
import dev.numguard.rules.model.Expr;
import dev.numguard.rules.model.UnaryOp;
import java.util.List;
import java.util.Optional;

/**
 * A max shift whose running maximum starts at 0 (or another constant that is not below every
 * input: {@code double max = 0; for (..) max = Math.max(max, x[i]);}, {@code Double.MIN_VALUE}).
 * It shifts by max(0, max x): overflow is prevented, but when every input is far below 0 nothing
 * is subtracted, every exponential underflows to 0 and the normalisation is 0/0. Seen through
 * locals and through a helper that returns such a maximum, in this class or another.
 */
public final class ZeroStartedMax {
    private static final int MAX_DEPTH = 2;

    private ZeroStartedMax() {
    }

    /** True when an exponent of {@code sum} (read in {@code sumFacts}) or one of {@code others} is shifted by such a maximum. */
    public static boolean anyShift(ExpSum sum, MethodFacts sumFacts, List<Expr> others, MethodFacts facts) {
        return others.stream().anyMatch(x -> isShiftedByIt(x, facts))
                || sum.terms().stream().anyMatch(t -> t.argument() != null && isShiftedByIt(t.argument(), sumFacts));
    }

    private static boolean isShiftedByIt(Expr exponent, MethodFacts facts) {
        return Exponents.shiftOf(exponent, facts).filter(m -> isZeroStarted(m, facts, 0)).isPresent();
    }

    private static boolean isZeroStarted(Expr shift, MethodFacts facts, int depth) {
        Optional<Reduction> max = facts.reductionRead(shift).filter(r -> r.kind() == ReductionKind.MAX);
        if (max.isPresent()) {
            return startsAtConstant(max.get(), facts);
        }
        if (depth < MAX_DEPTH && Nodes.stripCasts(facts.resolve(shift)) instanceof Expr.Call call) {
            Optional<MethodFacts> callee = facts.context().callee(call);
            return callee.isPresent() && Nodes.singleReturnValue(callee.get().method())
                    .filter(v -> isZeroStarted(v, callee.get(), depth + 1)).isPresent();
        }
        return false;
    }

    /** Every value the accumulator holds before its loop is a literal at least 0, or {@code MIN_VALUE} (positive). */
    private static boolean startsAtConstant(Reduction max, MethodFacts facts) {
        List<Definition> before = facts.definitions(max.variable()).stream()
                .filter(d -> !d.element() && d.site() != null && max.loop() != null
                        && !max.loop().span().contains(d.site().span()))
                .toList();
        return !before.isEmpty() && before.stream().allMatch(d -> d.isPlain() && d.value() != null && notBelowZero(d.value()));
    }

    private static boolean notBelowZero(Expr value) {
        Expr v = Nodes.stripCasts(value);
        if (v instanceof Expr.Unary u && u.op() == UnaryOp.NEGATE) {
            return false;
        }
        return v instanceof Expr.Literal l && l.numericValue() >= 0
                || v instanceof Expr.VarRead r && r.name().equals("MIN_VALUE");
    }
}
