package dev.numguard.rules.fixes;

import dev.numguard.rules.Fix;
import dev.numguard.rules.TextEdit;
import dev.numguard.rules.facts.ClassFacts;
import dev.numguard.rules.facts.MathCalls;
import dev.numguard.rules.facts.MethodFacts;
import dev.numguard.rules.facts.Nodes;
import dev.numguard.rules.idioms.cancellation.HyperbolicDifference;
import dev.numguard.rules.model.BinaryOp;
import dev.numguard.rules.model.Expr;
import dev.numguard.rules.model.NumericType;
import dev.numguard.rules.model.UnaryOp;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A hand-written tanh, {@code (e^x - e^-x) / (e^x + e^-x)} with the exponentials written there or
 * kept in locals, becomes {@code Math.tanh(x)}: the same function, without the cancelling
 * numerator (0 instead of 2x for tiny x) and without the Infinity / Infinity = NaN the
 * exponentials give for |x| above 710. The locals that only fed the ratio go with it, which is why
 * the fix needs review; written in the ratio itself, it is safe.
 */
public final class HyperbolicRatioFix {
    private HyperbolicRatioFix() {
    }

    /** The fix for {@code difference} when it is the numerator of such a ratio and x still holds its value there. */
    public static Optional<Fix> of(Expr.Binary difference, HyperbolicDifference sinh, MethodFacts facts) {
        Optional<Expr.Binary> ratio = Nodes.expressions(facts.method().body()).stream()
                .filter(e -> e instanceof Expr.Binary b && b.op() == BinaryOp.DIVIDE && b.left().span().equals(difference.span()))
                .map(Expr.Binary.class::cast).findFirst();
        if (ratio.isEmpty() || !sumOfBoth(ratio.get().right(), sinh.argument(), facts)
                || !ValueAtUse.stillNamed(sinh.argument(), sinh.argument().span(), difference, facts)) {
            return Optional.empty();
        }
        ClassFacts context = facts.context();
        String tanh = "Math.tanh(" + context.text(sinh.argument()) + ")";
        String form = ratio.get().type().numeric() == NumericType.FLOAT ? "(float) " + tanh : tanh;
        String replacement = sinh.negated() ? "-" + form : form;
        List<TextEdit> edits = new ArrayList<>();
        edits.add(withoutCastParentheses(ratio.get(), replacement, facts));
        List<TextEdit> deletions = DeadCode.onlyFeeding(ratio.get().span(), replacement, facts);
        edits.addAll(deletions);
        return Optional.of(deletions.isEmpty() ? Fix.safe("Use Math.tanh", edits, List.of())
                : Fix.review("Use Math.tanh and drop the exponentials it no longer needs", edits, List.of()));
    }

    /** {@code sum} is {@code exp(x) + exp(-x)} (either order, through locals). */
    private static boolean sumOfBoth(Expr sum, Expr x, MethodFacts facts) {
        if (!(Nodes.stripCasts(sum) instanceof Expr.Binary b) || b.op() != BinaryOp.ADD) {
            return false;
        }
        Optional<Expr> left = exponent(b.left(), facts);
        Optional<Expr> right = exponent(b.right(), facts);
        return left.isPresent() && right.isPresent()
                && (same(left.get(), x) && negationOf(right.get(), x) || same(right.get(), x) && negationOf(left.get(), x));
    }

    private static Optional<Expr> exponent(Expr e, MethodFacts facts) {
        return MathCalls.expArgument(Nodes.stripCasts(facts.resolve(e)));
    }

    private static boolean same(Expr a, Expr b) {
        return Nodes.sameShape(Nodes.stripCasts(a), Nodes.stripCasts(b));
    }

    private static boolean negationOf(Expr minus, Expr x) {
        Expr m = Nodes.stripCasts(minus);
        Expr plain = Nodes.stripCasts(x);
        if (m instanceof Expr.Unary u && u.op() == UnaryOp.NEGATE) {
            return same(u.operand(), plain);
        }
        // x itself written -y: its negation is y
        return plain instanceof Expr.Unary u && u.op() == UnaryOp.NEGATE && same(u.operand(), m);
    }

    /**
     * Replaces the ratio; where it is the parenthesised operand of a cast ({@code (float) ((a - b) / (a + b))}),
     * the parentheses go too, since a call (or a negated call) needs none after a primitive cast.
     */
    private static TextEdit withoutCastParentheses(Expr.Binary ratio, String replacement, MethodFacts facts) {
        boolean castOperand = Nodes.expressions(facts.method().body()).stream()
                .anyMatch(e -> e instanceof Expr.Cast c && c.operand().span().equals(ratio.span()) && c.type().isFloatingScalar());
        String text = facts.context().file().text();
        int open = ratio.span().start() - 1;
        while (open >= 0 && Character.isWhitespace(text.charAt(open))) {
            open--;
        }
        int close = ratio.span().end();
        while (close < text.length() && Character.isWhitespace(text.charAt(close))) {
            close++;
        }
        if (castOperand && open >= 0 && close < text.length() && text.charAt(open) == '(' && text.charAt(close) == ')') {
            return new TextEdit(open, close + 1, replacement);
        }
        return SourceEdits.replaceByPrimary(ratio.span(), replacement, facts.context());
    }
}
