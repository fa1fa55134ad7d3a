package dev.numguard.rules.idioms.exp;

import dev.numguard.rules.facts.MathCalls;
import dev.numguard.rules.facts.MethodFacts;
import dev.numguard.rules.facts.Nodes;
import dev.numguard.rules.facts.Reduction;
import dev.numguard.rules.facts.ReductionKind;
import dev.numguard.rules.facts.StreamPipeline;
import dev.numguard.rules.model.BinaryOp;
import dev.numguard.rules.model.Expr;
import dev.numguard.rules.model.MethodModel;
import dev.numguard.rules.model.Stmt;
import dev.numguard.rules.model.VarKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;

/** Finds what a value is when it is a sum of exponentials (Σ exp), however it was computed. */
public final class ExpSums {
    private static final int MAX_HELPER_DEPTH = 2;

    private ExpSums() {
    }

    /** {@code e} (read in {@code facts}' method) as a sum of exponentials, or empty. */
    public static Optional<ExpSum> of(Expr e, MethodFacts facts) {
        return of(e, facts, 0);
    }

    private static Optional<ExpSum> of(Expr e, MethodFacts facts, int depth) {
        Optional<Reduction> reduction = facts.reductionRead(e);
        if (reduction.isPresent()) {
            Reduction r = reduction.get();
            if (r.kind() != ReductionKind.SUM || r.subtracted() || r.loop() == null) {
                return Optional.empty();
            }
            Optional<ExpTerm> term = expTerm(r.term(), facts);
            return term.map(t -> new ExpSum(facts.method(), List.of(t), r, null, null));
        }
        Expr resolved = Nodes.stripCasts(facts.resolve(e));
        Optional<StreamPipeline> stream = StreamPipeline.of(resolved);
        if (stream.isPresent() && stream.get().kind() == ReductionKind.SUM) {
            return streamTerm(stream.get(), facts)
                    .map(t -> new ExpSum(facts.method(), List.of(t), null, stream.get(), null));
        }
        if (resolved instanceof Expr.Call call && depth < MAX_HELPER_DEPTH) {
            Optional<MethodModel> helper = facts.context().helper(call);
            if (helper.isPresent()) {
                MethodFacts helperFacts = facts.context().facts(helper.get());
                Optional<Expr> returned = singleReturnValue(helper.get());
                if (returned.isPresent()) {
                    return of(returned.get(), helperFacts, depth + 1)
                            .map(s -> new ExpSum(s.method(), s.terms(), s.reduction(), s.stream(), call));
                }
            }
        }
        return Optional.empty();
    }

    /** {@code e} as a sum of exponentials scaled by a factor that is not one: {@code sum / n}, {@code w * sum}. */
    public static Optional<ExpSum> scaled(Expr e, MethodFacts facts) {
        return scaled(e, facts, ExpSums::of);
    }

    /** {@code e} as {@code S / c}, {@code S * c} or {@code c * S} with S a sum that {@code sums} recognises. */
    static Optional<ExpSum> scaled(Expr e, MethodFacts facts, BiFunction<Expr, MethodFacts, Optional<ExpSum>> sums) {
        if (!(Nodes.stripCasts(facts.resolve(e)) instanceof Expr.Binary b)) {
            return Optional.empty();
        }
        if (b.op() == BinaryOp.DIVIDE) {
            return sums.apply(b.left(), facts);
        }
        return b.op() == BinaryOp.MULTIPLY ? sums.apply(b.left(), facts).or(() -> sums.apply(b.right(), facts))
                : Optional.empty();
    }

    /** {@code t} as {@code exp(a)} or {@code w * exp(a)} (locals and array elements resolved). */
    public static Optional<ExpTerm> expTerm(Expr t, MethodFacts facts) {
        if (t == null) {
            return Optional.empty();
        }
        Expr resolved = Nodes.stripCasts(facts.resolve(t));
        Optional<Expr> argument = MathCalls.expArgument(resolved);
        if (argument.isPresent()) {
            return Optional.of(new ExpTerm(resolved, argument.get(), null));
        }
        Optional<Expr> referenceClass = ReferenceClass.exponential(resolved);
        if (referenceClass.isPresent()) {
            return expTerm(referenceClass.get(), facts);
        }
        Optional<Expr.Call> inPlace = exponentiatedInPlace(resolved, facts);
        if (inPlace.isPresent()) {
            return Optional.of(new ExpTerm(inPlace.get(), inPlace.get().args().get(0), null));
        }
        if (resolved instanceof Expr.Binary product && product.op() == BinaryOp.MULTIPLY) {
            for (boolean expOnLeft : new boolean[] {true, false}) {
                Expr exp = Nodes.stripCasts(facts.resolve(expOnLeft ? product.left() : product.right()));
                Expr weight = expOnLeft ? product.right() : product.left();
                Optional<Expr> arg = MathCalls.expArgument(exp);
                if (arg.isPresent() && MathCalls.expArgument(Nodes.stripCasts(weight)).isEmpty()) {
                    return Optional.of(new ExpTerm(exp, arg.get(), weight));
                }
            }
        }
        if (resolved instanceof Expr.Binary quotient && quotient.op() == BinaryOp.DIVIDE) {
            Expr exp = Nodes.stripCasts(facts.resolve(quotient.left()));
            Optional<Expr> arg = MathCalls.expArgument(exp);
            if (arg.isPresent() && MathCalls.expArgument(Nodes.stripCasts(quotient.right())).isEmpty()
                    && ExpSums.of(quotient.right(), facts).isEmpty()) {
                return Optional.of(new ExpTerm(exp, arg.get(), quotient.right()));
            }
        }
        return Optional.empty();
    }

    /**
     * For an element of an array that the method exponentiates in place ({@code x[i] = exp(x[i])},
     * the only plain element write that is an exponential), that exp call.
     */
    private static Optional<Expr.Call> exponentiatedInPlace(Expr e, MethodFacts facts) {
        if (!(e instanceof Expr.ArrayElement element) || !(Nodes.stripCasts(element.array()) instanceof Expr.VarRead array)
                || array.kind() == VarKind.FIELD) {
            return Optional.empty();
        }
        List<Expr.Call> exps = facts.elementWrites(array.name()).stream()
                .map(d -> MathCalls.call(d.value(), "exp", 1)).flatMap(Optional::stream).toList();
        return exps.size() == 1 ? Optional.of(exps.get(0)) : Optional.empty();
    }

    private static Optional<ExpTerm> streamTerm(StreamPipeline stream, MethodFacts facts) {
        if (stream.mappedFunction().filter("exp"::equals).isPresent()) {
            return Optional.of(new ExpTerm(stream.mappings().get(0), null, null));
        }
        return stream.singleLambda().flatMap(l -> expTerm(l.body(), facts));
    }

    /** The value of the only {@code return} of a method, when it has exactly one. */
    public static Optional<Expr> singleReturnValue(MethodModel method) {
        return Nodes.singleReturnValue(method);
    }
}
