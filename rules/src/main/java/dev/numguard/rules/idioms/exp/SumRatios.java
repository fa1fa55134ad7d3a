package dev.numguard.rules.idioms.exp;

import dev.numguard.rules.facts.MathCalls;
import dev.numguard.rules.facts.MethodFacts;
import dev.numguard.rules.facts.Nodes;
import dev.numguard.rules.model.BinaryOp;
import dev.numguard.rules.model.Expr;
import java.util.List;
import java.util.Optional;

/**
 * Normalisations by a sum of exponentials written other than {@code e / sum}: multiplying by the
 * reciprocal ({@code inv = 1 / sum; p[i] *= inv}, also {@code 1 / (1 + sum)}, a softmax with an
 * implicit zero logit), and the ratio of two sums of exponentials {@code A / (A + B)} (a
 * posterior of one group of terms against all of them).
 */
public final class SumRatios {

    private SumRatios() {
    }

    /**
     * For {@code r} = {@code 1 / d} or {@code 1 / (c + d)} with c a literal, d: directly, through a
     * local with one definition, or a local that one reaching definition sets to it (the others
     * leave it unchanged: {@code if (sum != 0) sum = 1 / sum;}).
     */
    public static Optional<Expr> reciprocalDenominator(Expr r, MethodFacts facts) {
        Optional<Expr> direct = reciprocal(facts.resolve(r));
        if (direct.isPresent() || !(Nodes.stripCasts(r) instanceof Expr.VarRead)) {
            return direct;
        }
        List<Expr> reciprocals = facts.definitionsAt(Nodes.stripCasts(r)).stream().filter(d -> d.isPlain() && d.value() != null)
                .map(d -> reciprocal(d.value())).flatMap(Optional::stream).toList();
        return reciprocals.size() == 1 ? Optional.of(reciprocals.get(0)) : Optional.empty();
    }

    private static Optional<Expr> reciprocal(Expr value) {
        if (!(Nodes.stripCasts(value) instanceof Expr.Binary q) || q.op() != BinaryOp.DIVIDE
                || !MathCalls.isLiteral(q.left(), 1)) {
            return Optional.empty();
        }
        Expr d = Nodes.stripCasts(q.right());
        if (d instanceof Expr.Binary plus && plus.op() == BinaryOp.ADD) {
            return Nodes.stripCasts(plus.left()) instanceof Expr.Literal ? Optional.of(plus.right())
                    : Nodes.stripCasts(plus.right()) instanceof Expr.Literal ? Optional.of(plus.left()) : Optional.empty();
        }
        return Optional.of(d);
    }

    /** For {@code A / (A + B)} or {@code A / (B + A)} with A and B sums of exponentials that no shift protects, the two sums. */
    public static Optional<List<ExpSum>> unshiftedSums(Expr.Binary ratio, MethodFacts facts) {
        if (ratio.op() != BinaryOp.DIVIDE || !(Nodes.stripCasts(ratio.right()) instanceof Expr.Binary total)
                || total.op() != BinaryOp.ADD) {
            return Optional.empty();
        }
        Expr other = Nodes.sameShape(ratio.left(), total.left()) ? total.right()
                : Nodes.sameShape(ratio.left(), total.right()) ? total.left() : null;
        if (other == null) {
            return Optional.empty();
        }
        Optional<ExpSum> a = sum(ratio.left(), facts);
        Optional<ExpSum> b = sum(other, facts);
        return a.isPresent() && b.isPresent() ? Optional.of(List.of(a.get(), b.get())).filter(sums -> sums.stream()
                .allMatch(s -> ShiftVerdict.of(s, facts.context().facts(s.method()), List.of(), facts) != ShiftVerdict.SAFE))
                : Optional.empty();
    }

    private static Optional<ExpSum> sum(Expr e, MethodFacts facts) {
        return ExpSums.of(e, facts).or(() -> ExpSumSources.of(e, facts)).filter(s -> !s.weighted());
    }
}
