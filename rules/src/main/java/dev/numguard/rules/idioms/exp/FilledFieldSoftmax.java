package dev.numguard.rules.idioms.exp;

import dev.numguard.rules.facts.CalleeWrites;
import dev.numguard.rules.facts.FieldElementWrites;
import dev.numguard.rules.facts.MathCalls;
import dev.numguard.rules.facts.MethodFacts;
import dev.numguard.rules.facts.MethodSummary;
import dev.numguard.rules.facts.Nodes;
import dev.numguard.rules.model.AssignOp;
import dev.numguard.rules.model.BinaryOp;
import dev.numguard.rules.model.Expr;
import dev.numguard.rules.model.VarId;
import java.util.List;
import java.util.Optional;

/**
 * A softmax read out of two field arrays that other methods fill ({@link FieldElementWrites}):
 * {@code e[t][w] / z[t]} (or {@code c * e[t][w] / z[t]}, a mixture weight c) where every write into
 * {@code e} is an exponential, at least one of them unshifted, and every write into {@code z} sums
 * {@code e}'s elements: {@code z[t] += e[t][w]}, or {@code z[t] = f(.., e[t])} with {@code f} returning
 * the sum of the array it is given (its summary), from a zero start. The method reading them writes
 * neither; the exponents are judged where they are computed, and the finding carries no fix.
 */
public final class FilledFieldSoftmax {
    private FilledFieldSoftmax() {
    }

    /** The unshifted exponential {@code quotient} normalises, when it is such a softmax. */
    public static Optional<Expr.Call> of(Expr.Binary quotient, MethodFacts facts) {
        Expr numerator = Nodes.stripCasts(quotient.left());
        if (numerator instanceof Expr.Binary scaled && scaled.op() == BinaryOp.MULTIPLY) {
            numerator = isScalar(scaled.left()) ? Nodes.stripCasts(scaled.right())
                    : isScalar(scaled.right()) ? Nodes.stripCasts(scaled.left()) : null;
        }
        Expr denominator = Nodes.stripCasts(quotient.right());
        if (!(numerator instanceof Expr.ArrayElement) || !(denominator instanceof Expr.ArrayElement)
                || writtenHere(numerator, facts) || writtenHere(denominator, facts)) {
            return Optional.empty();
        }
        Optional<VarId> exps = FieldElementWrites.fieldArray(numerator);
        Optional<VarId> sums = FieldElementWrites.fieldArray(denominator);
        if (exps.isEmpty() || sums.isEmpty() || exps.equals(sums)
                || !sumsOf(FieldElementWrites.of(sums.get(), facts.context().project()), exps.get())) {
            return Optional.empty();
        }
        return unshiftedExponential(FieldElementWrites.of(exps.get(), facts.context().project()));
    }

    /** A factor that is the same for every element: a literal, or a scalar local, parameter or field. */
    private static boolean isScalar(Expr e) {
        Expr x = Nodes.stripCasts(e);
        return x instanceof Expr.Literal || x instanceof Expr.VarRead v && v.type().arrayDimensions() == 0;
    }

    private static boolean writtenHere(Expr read, MethodFacts facts) {
        return facts.definitionsAt(read).stream().anyMatch(d -> d.site() != null);
    }

    /** Every write an exponential and one of them neither shifted nor bounded: that one. */
    private static Optional<Expr.Call> unshiftedExponential(List<CalleeWrites.Write> writes) {
        Expr.Call unshifted = null;
        for (CalleeWrites.Write w : writes) {
            Expr value = Nodes.stripCasts(w.writer().resolve(w.value()));
            Optional<Expr> exponent = MathCalls.expArgument(value);
            if (w.op() != AssignOp.ASSIGN || exponent.isEmpty() || !(value instanceof Expr.Call call)) {
                return Optional.empty();
            }
            if (unshifted == null && Exponents.shiftOf(exponent.get(), w.writer()).isEmpty()
                    && !Exponents.isBounded(exponent.get(), w.writer())) {
                unshifted = call;
            }
        }
        return Optional.ofNullable(unshifted);
    }

    /** Every write adds an element of {@code exps}, stores what a method returns as the sum of a row of it, or is 0. */
    private static boolean sumsOf(List<CalleeWrites.Write> writes, VarId exps) {
        boolean summed = false;
        for (CalleeWrites.Write w : writes) {
            Expr value = Nodes.stripCasts(w.value());
            if (w.op() == AssignOp.ASSIGN && MathCalls.isLiteral(value, 0)) {
                continue;
            }
            boolean adds = w.op() == AssignOp.ADD && value instanceof Expr.ArrayElement
                    && FieldElementWrites.fieldArray(value).filter(exps::equals).isPresent();
            boolean returnsSum = w.op() == AssignOp.ASSIGN && value instanceof Expr.Call call
                    && w.writer().context().summary(call).flatMap(MethodSummary::returned)
                    .filter(r -> r.shape() == MethodSummary.Shape.SUM && r.parameter() >= 0)
                    .flatMap(r -> r.argument(call)).flatMap(FieldElementWrites::fieldArray).filter(exps::equals).isPresent();
            if (!adds && !returnsSum) {
                return false;
            }
            summed = true;
        }
        return summed;
    }
}
