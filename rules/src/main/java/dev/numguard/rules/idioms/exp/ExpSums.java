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
import java.util.List;
import java.util.Optional;

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
