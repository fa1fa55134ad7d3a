package dev.numguard.rules.idioms.exp;

import dev.numguard.rules.facts.Definition;
import dev.numguard.rules.facts.MathCalls;
import dev.numguard.rules.facts.MethodFacts;
import dev.numguard.rules.facts.MethodSummary;
import dev.numguard.rules.facts.MethodSummary.Shape;
import dev.numguard.rules.facts.Nodes;
import dev.numguard.rules.facts.Reduction;
import dev.numguard.rules.facts.ReductionKind;
import dev.numguard.rules.facts.ValueShape;
import dev.numguard.rules.model.AssignOp;
import dev.numguard.rules.model.Expr;
import dev.numguard.rules.model.NumericType;
import dev.numguard.rules.model.Stmt;
import dev.numguard.rules.model.VarKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Sums of exponentials that {@link ExpSums} does not see where they are used: computed by methods
 * of other classes (their {@link MethodSummary}: {@code Vec.sum(Vec.exp(x))} composes a SUM with
 * an EXP), or accumulated in an inner loop that has finished before the read while an outer loop
 * still runs. The rewrites of {@link ExpSums}' sums do not apply to them: findings built on these
 * sums carry no fix.
 */
public final class ExpSumSources {

    private ExpSumSources() {
    }

    /** {@code e} as a sum of exponentials from a summarised method or a finished inner loop, or empty. */
    public static Optional<ExpSum> of(Expr e, MethodFacts facts) {
        Expr resolved = Nodes.stripCasts(facts.resolve(e));
        if (resolved instanceof Expr.Call call && isSummarisedSumOfExps(call, facts)) {
            return Optional.of(new ExpSum(facts.method(), List.of(new ExpTerm(call, null, null)), null, null, null));
        }
        Optional<Reduction> reduction = facts.reductionRead(e).or(() -> innerLoopReduction(Nodes.stripCasts(e), facts))
                .filter(r -> r.kind() == ReductionKind.SUM && !r.subtracted());
        return reduction.flatMap(r -> ExpSums.expTerm(r.term(), facts).or(() -> fieldElementExp(r.term(), facts))
                .or(() -> ExponentialCalls.term(r.term(), facts))
                .map(t -> new ExpSum(facts.method(), List.of(t), r, null, null))).or(() -> elementAccumulator(e, facts));
    }

    /** {@code S / c} or {@code c * S} with S one of these sums: {@code log(cumLike[j] / correction)}. */
    public static Optional<ExpSum> scaled(Expr e, MethodFacts facts) {
        return ExpSums.scaled(e, facts, ExpSumSources::of);
    }

    /**
     * An array element that holds a sum of exponentials: every write to the array's elements
     * reaching the read {@code A[j]} is {@code A[k] += exp(..)} (or {@code w * exp(..)}), a zero start
     * ({@code A[k] = 0}, {@code new double[n]}) or its value on entry, and at least one adds an exponential.
     * Per-point sums over mixture components ({@code S[i] += exp(logp[k][i])}) are kept this way. A write
     * in the statement of the read itself ({@code A[i] = log(A[i])}) transforms the value the read
     * sees, it does not reach it.
     */
    static Optional<ExpSum> elementAccumulator(Expr e, MethodFacts facts) {
        if (!(Nodes.stripCasts(e) instanceof Expr.ArrayElement read)) {
            return Optional.empty();
        }
        List<ExpTerm> terms = new ArrayList<>();
        for (Definition d : facts.definitionsAt(read)) {
            if (d.site() != null && d.site().span().contains(read.span())) {
                continue;
            }
            if (d.element() && d.op() == AssignOp.ADD) {
                Optional<ExpTerm> term = ExpSums.expTerm(d.value(), facts).or(() -> ExponentialCalls.term(d.value(), facts));
                if (term.isEmpty()) {
                    return Optional.empty();
                }
                terms.add(term.get());
            } else if (!isZeroStart(d)) {
                return Optional.empty();
            }
        }
        return terms.isEmpty() ? Optional.empty() : Optional.of(new ExpSum(facts.method(), terms, null, null, null));
    }

    /** {@code A[k] = 0}, {@code A = new double[n]}, or the value a parameter has on entry. */
    private static boolean isZeroStart(Definition d) {
        if (d.site() == null) {
            return true;
        }
        Expr value = d.value() == null ? null : Nodes.stripCasts(d.value());
        return d.isPlain() && (d.element() ? MathCalls.isLiteral(value, 0)
                : value instanceof Expr.Other creation && creation.kind().equals("new-array")
                        && creation.children().stream().allMatch(ExpSumSources::isCount));
    }

    /**
     * For an element of a field array that this method fills with exponentials
     * ({@code this.a[i] = Math.exp(z[i] - max)}, the only such write), that exponential.
     */
    public static Optional<ExpTerm> fieldElementExp(Expr t, MethodFacts facts) {
        if (t == null || !(Nodes.stripCasts(t) instanceof Expr.ArrayElement element)
                || !(Nodes.stripCasts(element.array()) instanceof Expr.VarRead array) || array.kind() != VarKind.FIELD) {
            return Optional.empty();
        }
        List<Expr.Call> exps = new ArrayList<>();
        for (Stmt st : facts.statements()) {
            if (st instanceof Stmt.Assign write && write.op() == AssignOp.ASSIGN
                    && Nodes.stripCasts(write.target()) instanceof Expr.ArrayElement target
                    && Nodes.stripCasts(target.array()) instanceof Expr.VarRead written
                    && written.kind() == VarKind.FIELD && written.name().equals(array.name())) {
                MathCalls.call(write.value(), "exp", 1).ifPresent(exps::add);
            }
        }
        return exps.size() == 1 ? Optional.of(new ExpTerm(exps.get(0), exps.get(0).args().get(0), null)) : Optional.empty();
    }

    /** A dimension of an array creation (an integer), not an element of an initializer. */
    private static boolean isCount(Expr e) {
        NumericType t = e.type().numeric();
        return t == NumericType.INT || t == NumericType.LONG;
    }

    /** {@code sumExp(x)} summarised as Σ exp, or {@code sum(exp(x))}: a SUM of what returns exp of each element. */
    private static boolean isSummarisedSumOfExps(Expr.Call call, MethodFacts facts) {
        Optional<MethodSummary.Effect> returned = facts.context().summary(call).flatMap(MethodSummary::returned);
        if (returned.isEmpty()) {
            return false;
        }
        if (returned.get().shape() == Shape.SUM_EXP) {
            return true;
        }
        if (returned.get().shape() != Shape.SUM) {
            return false;
        }
        Optional<Expr> summed = returned.get().argument(call).map(a -> Nodes.stripCasts(facts.resolve(a)));
        return summed.isPresent() && summed.get() instanceof Expr.Call inner
                && (facts.context().summary(inner).flatMap(MethodSummary::returned)
                        .filter(x -> x.shape() == Shape.EXP && x.parameter() >= 0).isPresent()
                        || ExponentialCalls.exponentiatesElements(inner, facts))
                || summed.flatMap(facts::shapeOf).map(ValueShape::shape).filter(s -> s == Shape.EXP).isPresent();
    }

    /**
     * The sum accumulator {@code read} holds when its update sits in an inner loop that finished
     * before the read, both inside an outer loop ({@code for (..) { for (..) s += ..; for (..) .. / s; }}).
     */
    private static Optional<Reduction> innerLoopReduction(Expr read, MethodFacts facts) {
        if (!(read instanceof Expr.VarRead)) {
            return Optional.empty();
        }
        List<Reduction> reaching = new ArrayList<>();
        for (Definition d : facts.definitionsAt(read)) {
            for (Reduction r : facts.reductions()) {
                Stmt.Loop inner = r.update() == d.site() ? innermostLoop(r.update(), facts) : null;
                if (inner != null && r.kind() == ReductionKind.SUM && !r.subtracted()
                        && !inner.span().contains(read.span()) && !reaching.contains(r)) {
                    reaching.add(r);
                }
            }
        }
        return reaching.size() == 1 ? Optional.of(reaching.get(0)) : Optional.empty();
    }

    private static Stmt.Loop innermostLoop(Stmt update, MethodFacts facts) {
        List<Stmt.Loop> around = facts.enclosingLoops(update.span());
        return around.isEmpty() ? null : around.get(around.size() - 1);
    }
}
