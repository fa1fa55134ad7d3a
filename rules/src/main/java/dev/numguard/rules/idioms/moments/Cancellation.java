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
        String second = a.sums().get(0);
        String first1 = b.sums().get(0);
        String first2 = b.sums().get(1);
        if (!second.startsWith("S2(") || !first1.startsWith("S1(") || !first2.startsWith("S1(")) {
            return Optional.empty();
        }
        String k1 = inner(first1);
        String k2 = inner(first2);
        String[] pair = inner(second).split("\\*", 2);
        boolean matches = pair.length == 2 && (pair[0].equals(k1) && pair[1].equals(k2) || pair[0].equals(k2) && pair[1].equals(k1));
        if (!matches) {
            return Optional.empty();
        }
        return Optional.of(new Cancellation(!k1.equals(k2), k1.equals(k2) ? List.of(k1) : List.of(k1, k2), a.nPower(), a, b));
    }

    private static String inner(String factor) {
        return factor.substring(3, factor.length() - 1);
    }
}
