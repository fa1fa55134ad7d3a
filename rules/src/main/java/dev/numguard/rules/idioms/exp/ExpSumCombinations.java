package dev.numguard.rules.idioms.exp;

import dev.numguard.rules.facts.Definition;
import dev.numguard.rules.facts.MathCalls;
import dev.numguard.rules.facts.MethodFacts;
import dev.numguard.rules.facts.Nodes;
import dev.numguard.rules.model.AssignOp;
import dev.numguard.rules.model.BinaryOp;
import dev.numguard.rules.model.Expr;
import dev.numguard.rules.model.VarKind;
import java.util.List;
import java.util.Optional;

/**
 * A value that adds a sum of exponentials to something else, or subtracts one: {@code c + Σ exp(a) −
 * Σ exp(b)}, {@code exp(a) + p·f} (a log-add-exp with a term that is not an exponential), also when
 * a local holds one of these on every path that reaches its read ({@code r = Σ exp(a)} on one
 * branch, {@code r -= Σ exp(b)} on another). Its logarithm is a log-sum-exp in disguise: each exp
 * overflows above 709.78 and underflows below -745 as in the plain one.
 */
public final class ExpSumCombinations {
    private static final int MAX_DEPTH = 3;

    private ExpSumCombinations() {
    }

    /** The (first) sum of exponentials that {@code e} combines with other terms, or empty. */
    public static Optional<ExpSum> in(Expr e, MethodFacts facts) {
        Expr x = Nodes.stripCasts(e);
        if (!(x instanceof Expr.VarRead v) || v.kind() != VarKind.LOCAL) {
            return combination(x, facts, 0);
        }
        List<Definition> reaching = facts.definitionsAt(x);
        Optional<ExpSum> first = Optional.empty();
        for (Definition d : reaching) {
            if (d.value() == null || d.element()) {
                return Optional.empty();
            }
            boolean additive = d.isPlain() || d.op() == AssignOp.ADD || d.op() == AssignOp.SUBTRACT;
            Optional<ExpSum> found = additive ? sumOrCombination(d.value(), facts, 0) : Optional.empty();
            if (found.isEmpty()) {
                return Optional.empty();
            }
            first = first.or(() -> found);
        }
        return first;
    }

    private static Optional<ExpSum> sumOrCombination(Expr e, MethodFacts facts, int depth) {
        return ExpSums.of(e, facts).or(() -> ExpSumSources.of(e, facts)).or(() -> combination(e, facts, depth));
    }

    /** {@code e} as {@code S ± y} or {@code y ± S} with S a sum of exponentials, or {@code exp(a) + y}. */
    private static Optional<ExpSum> combination(Expr e, MethodFacts facts, int depth) {
        if (depth > MAX_DEPTH || !(Nodes.stripCasts(e) instanceof Expr.Binary b)
                || b.op() != BinaryOp.ADD && b.op() != BinaryOp.SUBTRACT) {
            return Optional.empty();
        }
        for (boolean sumOnLeft : new boolean[] {true, false}) {
            Expr side = sumOnLeft ? b.left() : b.right();
            Expr other = Nodes.stripCasts(sumOnLeft ? b.right() : b.left());
            if (MathCalls.expArgument(facts.resolve(other)).isPresent()) {
                return Optional.empty();                       // exp(a) + exp(b): the log-add-exp of the rule itself
            }
            Optional<ExpSum> sum = sumOrCombination(side, facts, depth + 1);
            if (sum.isPresent()) {
                return sum;
            }
            Optional<Expr> exponent = MathCalls.expArgument(Nodes.stripCasts(facts.resolve(side)));
            if (b.op() == BinaryOp.ADD && exponent.isPresent() && !(other instanceof Expr.Literal)
                    && !Exponents.isConstant(other, facts)) {
                Expr exp = Nodes.stripCasts(facts.resolve(side));
                return Optional.of(new ExpSum(facts.method(), List.of(new ExpTerm(exp, exponent.get(), null)), null, null, null));
            }
        }
        return Optional.empty();
    }
}
