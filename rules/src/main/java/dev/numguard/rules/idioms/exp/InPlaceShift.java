package dev.numguard.rules.idioms.exp;

import dev.numguard.rules.facts.MethodFacts;
import dev.numguard.rules.facts.Nodes;
import dev.numguard.rules.model.AssignOp;
import dev.numguard.rules.model.BinaryOp;
import dev.numguard.rules.model.Expr;
import dev.numguard.rules.model.Stmt;
import dev.numguard.rules.model.VarKind;
import java.util.List;

/**
 * Exponents shifted before the exponentials are taken, in place in their array:
 * {@code a[j][k] = a[j][k] - y[k]} or {@code a[i] -= max} in an earlier loop, then
 * {@code Math.exp(a[j][k])}. The shift is any value that is not a constant, as for
 * {@link Exponents#shiftOf} written inside the exp.
 */
public final class InPlaceShift {

    private InPlaceShift() {
    }

    /** True when every exponent of {@code sum} and of {@code others} is shifted, inside the exp or in place. */
    public static boolean allShifted(ExpSum sum, MethodFacts sumFacts, List<Expr> others, MethodFacts facts) {
        return sum.terms().stream().allMatch(t -> t.argument() != null && isShifted(t.argument(), sumFacts))
                && others.stream().allMatch(o -> isShifted(o, facts))
                && (sum.terms().stream().anyMatch(t -> isShiftedInPlace(t.argument(), sumFacts))
                || others.stream().anyMatch(o -> isShiftedInPlace(o, facts)));
    }

    private static boolean isShifted(Expr exponent, MethodFacts facts) {
        return Exponents.shiftOf(exponent, facts).isPresent() || isShiftedInPlace(exponent, facts);
    }

    /** {@code exponent} is an element of a local or parameter array whose elements were shifted in place. */
    private static boolean isShiftedInPlace(Expr exponent, MethodFacts facts) {
        if (!(Nodes.stripCasts(exponent) instanceof Expr.ArrayElement element)) {
            return false;
        }
        Expr.VarRead array = baseArray(element);
        if (array == null || array.kind() == VarKind.FIELD) {
            return false;
        }
        for (Stmt st : facts.statements()) {
            // only a write before the exponentials shifts them: log-space normalisation afterwards (a[i] -= logSum) does not
            if (!(st instanceof Stmt.Assign write) || write.span().end() > exponent.span().start()
                    || !(Nodes.stripCasts(write.target()) instanceof Expr.ArrayElement target)
                    || baseArray(target) == null || !baseArray(target).name().equals(array.name())) {
                continue;
            }
            if (write.op() == AssignOp.SUBTRACT && isShift(write.value(), array.name(), facts)) {
                return true;
            }
            if (write.op() == AssignOp.ASSIGN && Nodes.stripCasts(write.value()) instanceof Expr.Binary b
                    && b.op() == BinaryOp.SUBTRACT && Nodes.mentions(b.left(), array.name())
                    && isShift(b.right(), array.name(), facts)) {
                return true;
            }
        }
        return false;
    }

    /** The array variable under the indexing of {@code element} ({@code a} of {@code a[j][k]}), or null. */
    private static Expr.VarRead baseArray(Expr.ArrayElement element) {
        Expr base = element;
        while (Nodes.stripCasts(base) instanceof Expr.ArrayElement inner) {
            base = inner.array();
        }
        return Nodes.stripCasts(base) instanceof Expr.VarRead v ? v : null;
    }

    private static boolean isShift(Expr m, String array, MethodFacts facts) {
        return m != null && !Nodes.mentions(m, array) && !Exponents.isConstant(m, facts);
    }
}
