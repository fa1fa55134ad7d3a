package dev.numguard.rules.idioms.exp;

import dev.numguard.rules.facts.ClassFacts;
import dev.numguard.rules.facts.MathCalls;
import dev.numguard.rules.facts.MethodFacts;
import dev.numguard.rules.facts.Nodes;
import dev.numguard.rules.model.BinaryOp;
import dev.numguard.rules.model.Expr;
import dev.numguard.rules.model.MethodModel;
import java.util.List;
import java.util.Optional;

/**
 * A softmax split across two helpers of one class: one returns the array of exp(xᵢ), the other
 * divides the elements of its array parameter by their sum.
 */
public final class SplitSoftmax {

    private SplitSoftmax() {
    }

    /**
     * For {@code normalise(exponentials(x))} with one helper returning the array of exp(xᵢ) and
     * another dividing the elements of its array parameter by their sum, the inner call. The max
     * has to be threaded through both helpers by hand.
     */
    public static Optional<Expr.Call> exponentialsNormalisedBy(Expr.Call normaliseCall, MethodFacts facts) {
        ClassFacts context = facts.context();
        Optional<MethodModel> normalise = context.helper(normaliseCall);
        if (normalise.isEmpty() || normaliseCall.args().size() != 1 || normalise.get() == facts.method()
                || !(Nodes.stripCasts(facts.resolve(normaliseCall.args().get(0))) instanceof Expr.Call expCall)) {
            return Optional.empty();
        }
        Optional<MethodModel> exponentials = context.helper(expCall);
        if (exponentials.isEmpty() || exponentials.get() == facts.method()
                || !returnsUnshiftedExponentials(context, exponentials.get())
                || !normalisesParameter(context, normalise.get())) {
            return Optional.empty();
        }
        return Optional.of(expCall);
    }

    /** The helper returns a local array whose elements are exp of something unshifted and unbounded. */
    private static boolean returnsUnshiftedExponentials(ClassFacts context, MethodModel helper) {
        MethodFacts facts = context.facts(helper);
        Optional<Expr> returned = ExpSums.singleReturnValue(helper);
        if (returned.isEmpty() || !(Nodes.stripCasts(returned.get()) instanceof Expr.VarRead array)) {
            return false;
        }
        List<dev.numguard.rules.facts.Definition> writes = facts.elementWrites(array.name());
        return writes.size() == 1 && MathCalls.expArgument(writes.get(0).value())
                .filter(a -> Exponents.shiftOf(a, facts).isEmpty() && !Exponents.isBounded(a, facts)).isPresent();
    }

    /** The helper divides elements of its only (array) parameter by the sum of that parameter's elements. */
    private static boolean normalisesParameter(ClassFacts context, MethodModel helper) {
        if (helper.parameters().size() != 1 || !helper.parameters().get(0).type().isFloatingVector()) {
            return false;
        }
        String e = helper.parameters().get(0).name();
        MethodFacts facts = context.facts(helper);
        for (Expr x : Nodes.expressions(helper.body())) {
            if (x instanceof Expr.Binary b && b.op() == BinaryOp.DIVIDE && readsElementOf(b.left(), e)
                    && facts.reductionRead(b.right()).filter(r -> readsElementOf(r.term(), e)
                    || r.term() != null && isElementVariable(r.term(), e, facts)).isPresent()) {
                return true;
            }
        }
        return false;
    }

    private static boolean readsElementOf(Expr x, String array) {
        return x != null && Nodes.stripCasts(x) instanceof Expr.ArrayElement el
                && Nodes.stripCasts(el.array()) instanceof Expr.VarRead v && v.name().equals(array);
    }

    private static boolean isElementVariable(Expr x, String array, MethodFacts facts) {
        return Nodes.stripCasts(x) instanceof Expr.VarRead v && facts.loops().stream().anyMatch(l -> l.element() != null
                && l.element().name().equals(v.name()) && l.iterable() instanceof Expr.VarRead it && it.name().equals(array));
    }
}
