package dev.numguard.rules.fixes;

import dev.numguard.rules.Fix;
import dev.numguard.rules.TextEdit;
import dev.numguard.rules.facts.ClassFacts;
import dev.numguard.rules.facts.MathCalls;
import dev.numguard.rules.facts.MethodFacts;
import dev.numguard.rules.facts.Nodes;
import dev.numguard.rules.idioms.exp.ExpSum;
import dev.numguard.rules.idioms.exp.ExpTerm;
import dev.numguard.rules.model.BinaryOp;
import dev.numguard.rules.model.Expr;
import dev.numguard.rules.model.NumericType;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A softmax whose exponents are shifted by something other than their maximum (a constant, the
 * first or the smallest value) is shifted once more, by the maximum of the exponents as they are
 * written: {@code exp(x - c)} becomes {@code exp(x - c - max)} with {@code max} the largest
 * {@code x - c} ({@link MaxShift}). A softmax is unchanged by any common shift, so the ratio is
 * the same up to rounding, and the largest term is now exp(0) = 1.
 *
 * <p>A sum with a constant term 1 besides the exponentials ({@code 1 / (1 + sum)}: a class with
 * the implicit exponent 0 next to the others) shifts that term too: the maximum starts at 0, so it
 * covers the implicit exponent, and the 1 becomes {@code exp(-max)}, at most 1. Any other constant
 * term gets no fix.
 */
public final class ConstantShiftFix {
    private ConstantShiftFix() {
    }

    /** The rewrite of the softmax {@code numerator / denominator} whose sum is {@code sum}. */
    public static Optional<Fix> of(MethodFacts facts, ExpTerm numerator, ExpSum sum, Expr denominator, NumericType type) {
        ClassFacts context = facts.context();
        Optional<Expr.Binary> withConstant = constantTerm(denominator, facts);
        if (withConstant.isPresent() && constantOperand(withConstant.get(), denominator)
                .filter(one -> MathCalls.isLiteral(one, 1)).isEmpty()) {
            return Optional.empty();
        }
        return MaxShift.plan(context, facts, sum, List.of(numerator), type, withConstant.isPresent()).map(shift -> {
            List<TextEdit> edits = new ArrayList<>(shift.edits());
            withConstant.flatMap(plus -> constantOperand(plus, denominator)).ifPresent(one -> edits.add(TextEdit.replace(
                    one.span(), (type == NumericType.FLOAT ? "(float) " : "") + "Math.exp(-" + shift.maxName() + ")")));
            return Fix.review("Subtract the maximum of the exponents, not a constant", edits, List.of());
        });
    }

    /** The sum {@code c + denominator} (or {@code denominator + c}) with a literal c, where the method writes one. */
    private static Optional<Expr.Binary> constantTerm(Expr denominator, MethodFacts facts) {
        return Nodes.expressions(facts.method().body()).stream()
                .filter(e -> e instanceof Expr.Binary plus && plus.op() == BinaryOp.ADD
                        && constantOperand(plus, denominator).isPresent())
                .map(Expr.Binary.class::cast).findFirst();
    }

    private static Optional<Expr> constantOperand(Expr.Binary plus, Expr denominator) {
        Expr left = Nodes.stripCasts(plus.left());
        Expr right = Nodes.stripCasts(plus.right());
        Expr sum = Nodes.stripCasts(denominator);
        return right.span().equals(sum.span()) && left instanceof Expr.Literal ? Optional.of(plus.left())
                : left.span().equals(sum.span()) && right instanceof Expr.Literal ? Optional.of(plus.right()) : Optional.empty();
    }
}
