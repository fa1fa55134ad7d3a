package dev.numguard.rules.idioms.exp;

import dev.numguard.rules.facts.Definition;
import dev.numguard.rules.facts.MathCalls;
import dev.numguard.rules.facts.MethodFacts;
import dev.numguard.rules.facts.Nodes;
import dev.numguard.rules.facts.Reduction;
import dev.numguard.rules.facts.ReductionKind;
import dev.numguard.rules.model.Expr;
import dev.numguard.rules.model.NumericType;
import dev.numguard.rules.model.UnaryOp;
import java.util.ArrayList;
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

    /**
     * Where such maxima start: the constant each one holds before its loop, with the method it is
     * written in, over every exponent of {@code sum} and of {@code others} shifted by one; empty
     * when none is.
     */
    public static List<Start> starts(ExpSum sum, MethodFacts sumFacts, List<Expr> others, MethodFacts facts) {
        List<Start> starts = new ArrayList<>();
        others.forEach(x -> addStarts(x, facts, starts));
        sum.terms().stream().filter(t -> t.argument() != null).forEach(t -> addStarts(t.argument(), sumFacts, starts));
        return starts.stream().distinct().toList();
    }

    /** A start value {@code value} (a literal or {@code MIN_VALUE}) of a running maximum of {@code type}, written in {@code facts}. */
    public record Start(Expr value, MethodFacts facts, NumericType type) {
    }

    private static void addStarts(Expr exponent, MethodFacts facts, List<Start> starts) {
        Exponents.shiftOf(exponent, facts).ifPresent(m -> collectStarts(m, facts, 0, starts));
    }

    private static void collectStarts(Expr shift, MethodFacts facts, int depth, List<Start> starts) {
        Optional<Reduction> max = facts.reductionRead(shift).filter(r -> r.kind() == ReductionKind.MAX);
        if (max.isPresent() && startsAtConstant(max.get(), facts)) {
            NumericType type = MathCalls.floatingType(max.get().term()) == NumericType.FLOAT ? NumericType.FLOAT : NumericType.DOUBLE;
            valuesBefore(max.get(), facts).forEach(d -> starts.add(new Start(d.value(), facts, type)));
        } else if (max.isEmpty() && depth < MAX_DEPTH && Nodes.stripCasts(facts.resolve(shift)) instanceof Expr.Call call) {
            facts.context().callee(call).ifPresent(callee -> Nodes.singleReturnValue(callee.method())
                    .ifPresent(v -> collectStarts(v, callee, depth + 1, starts)));
        }
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
        List<Definition> before = valuesBefore(max, facts);
        return !before.isEmpty() && before.stream().allMatch(d -> d.isPlain() && d.value() != null && notBelowZero(d.value()));
    }

    private static List<Definition> valuesBefore(Reduction max, MethodFacts facts) {
        return facts.definitions(max.variable()).stream()
                .filter(d -> !d.element() && d.site() != null && max.loop() != null
                        && !max.loop().span().contains(d.site().span()))
                .toList();
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
