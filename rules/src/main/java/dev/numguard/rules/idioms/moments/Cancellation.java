package dev.numguard.rules.idioms.moments;

import dev.numguard.rules.facts.MethodFacts;
import dev.numguard.rules.model.Expr;
import java.util.List;
import java.util.Optional;

/**
 * A subtraction that computes a variance or covariance from raw power sums, the cancellation
 * NaiveVariance flags.
 *
 * @param covariance E[XY] − E[X]E[Y] rather than E[X²] − E[X]²
 * @param arrays the arrays summed over (one for a variance, two for a covariance)
 * @param nPower the power of the count n dividing the second-moment term
 * @param left the second-moment term
 * @param right the product of first moments
 */
public record Cancellation(boolean covariance, List<String> arrays, int nPower, Monomial left, Monomial right) {
    /** The subtraction as E[X²] − E[X]² (or E[XY] − E[X]E[Y]), when it is one. */
    public static Optional<Cancellation> of(Expr.Binary subtraction, MethodFacts facts) {
        Monomial a = Moments.of(subtraction.left(), facts);
        Monomial b = Moments.of(subtraction.right(), facts);
        if (a == null || b == null || a.sums().size() != 1 || b.sums().size() != 2 || a.nPower() != b.nPower() + 1) {
            return Optional.empty();
        }
        PowerSum second = a.sums().get(0);
        PowerSum first1 = b.sums().get(0);
        PowerSum first2 = b.sums().get(1);
        if (second.degree() != 2 || first1.degree() != 1 || first2.degree() != 1) {
            return Optional.empty();
        }
        String k1 = first1.values().get(0);
        String k2 = first2.values().get(0);
        if (!second.equals(PowerSum.second(k1, k2))) {
            return Optional.empty();
        }
        return Optional.of(new Cancellation(!k1.equals(k2), k1.equals(k2) ? List.of(k1) : List.of(k1, k2), a.nPower(), a, b));
    }
}
