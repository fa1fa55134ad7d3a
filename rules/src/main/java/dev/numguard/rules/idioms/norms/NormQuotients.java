package dev.numguard.rules.idioms.norms;

import dev.numguard.rules.facts.MathCalls;
import dev.numguard.rules.facts.MethodFacts;
import dev.numguard.rules.facts.Nodes;
import dev.numguard.rules.facts.Reduction;
import dev.numguard.rules.facts.ReductionKind;
import dev.numguard.rules.idioms.norms.NormDivisors.NormDivisor;
import dev.numguard.rules.model.BinaryOp;
import dev.numguard.rules.model.Expr;
import dev.numguard.rules.model.Stmt;
import dev.numguard.rules.model.UnaryOp;
import dev.numguard.rules.model.VarKind;
import java.util.Optional;

/**
 * What a quotient by a norm or standard deviation is, when that decides whether a zero divisor is
 * a failure worth reporting.
 */
public final class NormQuotients {
    private NormQuotients() {
    }

    /**
     * {@code a / sqrt(a*a + b*b)}: the cosine or sine of a plane (Givens) rotation, the numerator
     * one of the values squared. It is 0/0 only for an exactly zero pair of floating-point values
     * computed by the algorithm, which such code treats as the identity rotation upstream; a pair
     * of integer-derived values (pixel coordinates of two equal points) is not exempt, since
     * {@link SumOfSquares} does not see a sum of those as one that can overflow.
     */
    public static boolean isRotation(Expr numerator, NormDivisor norm, MethodFacts facts) {
        if (numerator == null || norm.sqrt() == null) {
            return false;
        }
        Expr written = Nodes.stripCasts(numerator);
        Expr value = Nodes.stripCasts(facts.resolve(numerator));
        return SumOfSquares.of(norm.sqrt().args().get(0), facts).filter(s -> s.reduction() == null)
                .map(s -> s.components().stream().anyMatch(c -> Nodes.sameShape(Nodes.stripCasts(c), written)
                        || Nodes.sameShape(Nodes.stripCasts(facts.resolve(c)), value)))
                .orElse(false);
    }

    /**
     * A constant or the sample's mean over a sample standard deviation computed in this method
     * ({@code 1 / (0.78 * sqrt(var))}, {@code PI / sqrt(6 * var)}, {@code -mean / sd}), or a sample
     * moment over a power of the variance ({@link #standardisedMoment}), outside any
     * loop and never reaching a read inside one: a scale or shape parameter estimated once (a
     * distribution fit's moment estimate or starting value), not data divided element by element.
     * For a constant sample it is ±Infinity, the estimate's own limit, rather than a NaN spread
     * through normalised values (a co-moment over it, a correlation, is 0/0 and stays reported).
     */
    public static boolean isScaleEstimate(Expr site, Expr numerator, NormDivisor norm, MethodFacts facts) {
        if (numerator == null || Constants.value(numerator, facts).isEmpty() && !sampleMean(numerator, facts)
                && !standardisedMoment(numerator, norm, facts)
                || !facts.enclosingLoops(site.span()).isEmpty() || !sampleStatistic(norm.divisor(), facts, 0)) {
            return false;
        }
        for (Object node : facts.nodes()) {
            if (node instanceof Stmt.LocalDecl d && d.init() != null && d.init().span().contains(site.span())) {
                return facts.nodes().stream().noneMatch(n -> n instanceof Expr.VarRead r && d.id().equals(r.id())
                        && !facts.enclosingLoops(r.span()).isEmpty()
                        && facts.definitionsAt(r).stream().anyMatch(def -> def.site() == d));
            }
        }
        return true;
    }

    /** {@code Σ x / n} (or its negation) of plain values summed in this method: a location, not a co-moment. */
    private static boolean sampleMean(Expr numerator, MethodFacts facts) {
        Expr e = Nodes.stripCasts(numerator);
        if (e instanceof Expr.Unary u && u.op() == UnaryOp.NEGATE) {
            e = Nodes.stripCasts(u.operand());
        }
        e = Nodes.stripCasts(facts.resolve(e));
        if (!(e instanceof Expr.Binary b) || b.op() != BinaryOp.DIVIDE) {
            return false;
        }
        Optional<Reduction> sum = facts.reductionRead(Nodes.stripCasts(b.left()));
        return sum.isPresent() && sum.get().kind() == ReductionKind.SUM && !sum.get().subtracted()
                && !(Nodes.stripCasts(sum.get().term()) instanceof Expr.Binary t && t.op() == BinaryOp.MULTIPLY)
                && MathCalls.call(Nodes.stripCasts(sum.get().term()), "pow", 2).isEmpty();
    }

    /**
     * A sample moment over a power above 1 of the sample's variance ({@code m3 / pow(m2, 1.5)},
     * {@code m4 / pow(m2, 2)}): a skewness or kurtosis, a shape statistic that is undefined for a
     * constant sample (its numerator is 0 there too), not a value scaled to unit spread.
     */
    private static boolean standardisedMoment(Expr numerator, NormDivisor norm, MethodFacts facts) {
        Optional<Expr.Call> pow = MathCalls.call(Nodes.stripCasts(facts.resolve(norm.divisor())), "pow", 2);
        return pow.isPresent() && Nodes.stripCasts(pow.get().args().get(1)) instanceof Expr.Literal exponent
                && exponent.numericValue() > 1 && sampleStatistic(numerator, facts, 0);
    }

    /** The divisor reads (through locals) an accumulator summed over the data in this method. */
    private static boolean sampleStatistic(Expr e, MethodFacts facts, int depth) {
        if (depth > 4) {
            return false;
        }
        for (Expr x : Nodes.expressions(facts.resolve(e))) {
            if (x instanceof Expr.VarRead v && v.kind() == VarKind.LOCAL) {
                if (facts.reductionRead(v).isPresent()
                        || facts.resolve(v) != v && sampleStatistic(facts.resolve(v), facts, depth + 1)) {
                    return true;
                }
            }
        }
        return false;
    }
}
