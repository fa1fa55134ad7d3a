package dev.numguard.rules.idioms.exp;

import dev.numguard.rules.facts.Definition;
import dev.numguard.rules.facts.MathCalls;
import dev.numguard.rules.facts.MethodFacts;
import dev.numguard.rules.facts.Nodes;
import dev.numguard.rules.facts.Reduction;
import dev.numguard.rules.facts.ReductionKind;
import dev.numguard.rules.model.BinaryOp;
import dev.numguard.rules.model.Expr;
import dev.numguard.rules.model.MethodModel;
import dev.numguard.rules.model.Parameter;
import dev.numguard.rules.model.VarKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A method that normalises values it is handed: it divides the elements of one array parameter by
 * a scalar parameter ({@code likelihoodsToProbas(double[] likelihood, double total)} computing
 * {@code likelihood[i] / total}). Found in this class, a base class or another class of the project
 * through the call's resolved declaring type, never by guessing an override; computed once per
 * method (its {@link MethodFacts#index}).
 *
 * @param pairs for each normalisation, the index of the array parameter and of the divisor parameter
 */
public record NormalisingHelper(List<int[]> pairs) {

    /** A call handing exponentials and their sum to a normalising helper. */
    public record Use(ExpSum sum, List<Expr> exponents, MethodModel helper) {
    }

    /** The normalisations of {@code facts}' method. */
    static NormalisingHelper of(MethodFacts facts) {
        List<Parameter> parameters = facts.method().parameters();
        List<int[]> pairs = new ArrayList<>();
        for (Object node : facts.nodes()) {
            if (node instanceof Expr.Binary b && b.op() == BinaryOp.DIVIDE
                    && Nodes.stripCasts(b.left()) instanceof Expr.ArrayElement element
                    && Nodes.stripCasts(element.array()) instanceof Expr.VarRead array
                    && Nodes.stripCasts(b.right()) instanceof Expr.VarRead divisor) {
                int a = indexOf(parameters, array);
                int t = indexOf(parameters, divisor);
                if (a >= 0 && t >= 0 && parameters.get(t).type().arrayDimensions() == 0
                        && pairs.stream().noneMatch(p -> p[0] == a && p[1] == t)) {
                    pairs.add(new int[] {a, t});
                }
            }
        }
        return new NormalisingHelper(List.copyOf(pairs));
    }

    private static int indexOf(List<Parameter> parameters, Expr.VarRead read) {
        for (int i = 0; i < parameters.size(); i++) {
            if (parameters.get(i).id().equals(read.id())) {
                return i;
            }
        }
        return -1;
    }

    /**
     * {@code normalise(e, s)} where the helper divides the elements of {@code e} by {@code s}, the
     * elements of the local array {@code e} are exponentials and {@code s} is their sum (or any sum
     * of exponentials), with the exponents and their shift as found.
     */
    public static Optional<Use> at(Expr.Call call, MethodFacts facts) {
        Optional<MethodFacts> callee = facts.context().callee(call);
        if (callee.isEmpty() || callee.get().method() == facts.method()) {
            return Optional.empty();
        }
        for (int[] pair : callee.get().index(NormalisingHelper.class, NormalisingHelper::of).pairs()) {
            if (!(Nodes.stripCasts(call.args().get(pair[0])) instanceof Expr.VarRead array) || array.kind() == VarKind.FIELD) {
                continue;
            }
            List<Definition> writes = facts.elementWritesAll(array.name());
            List<ExpTerm> terms = new ArrayList<>();
            for (Definition w : writes) {
                Optional<Expr> exponent = w.isPlain() ? MathCalls.expArgument(Nodes.stripCasts(w.value())) : Optional.empty();
                if (exponent.isEmpty()) {
                    terms.clear();
                    break;
                }
                terms.add(new ExpTerm(Nodes.stripCasts(w.value()), exponent.get(), null));
            }
            if (terms.isEmpty()) {
                continue;
            }
            Expr total = call.args().get(pair[1]);
            Optional<ExpSum> sum = sumOfElements(total, array, terms, facts)
                    .or(() -> ExpSums.of(total, facts)).or(() -> ExpSumSources.of(total, facts));
            if (sum.isPresent() && !sum.get().weighted()) {
                return Optional.of(new Use(sum.get(), terms.stream().map(ExpTerm::argument).toList(), callee.get().method()));
            }
        }
        return Optional.empty();
    }

    /** {@code total} accumulates the elements of {@code array} ({@code tot += e[i]}), which hold {@code terms}. */
    private static Optional<ExpSum> sumOfElements(Expr total, Expr.VarRead array, List<ExpTerm> terms, MethodFacts facts) {
        Optional<Reduction> r = facts.reductionRead(total).filter(x -> x.kind() == ReductionKind.SUM && !x.subtracted());
        return r.filter(x -> x.term() != null && Nodes.stripCasts(x.term()) instanceof Expr.ArrayElement e
                && Nodes.stripCasts(e.array()) instanceof Expr.VarRead v && v.id().equals(array.id()))
                .map(x -> new ExpSum(facts.method(), terms, x, null, null));
    }
}
