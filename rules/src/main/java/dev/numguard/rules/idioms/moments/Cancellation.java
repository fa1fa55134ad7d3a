package dev.numguard.rules.idioms.moments;

import dev.numguard.rules.facts.MethodFacts;
import dev.numguard.rules.model.Expr;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;

/**
 * A subtraction that computes a variance or covariance from raw power sums, the cancellation
 * NaiveVariance flags: Σx²/n − (Σx/n)², n·Σx² − (Σx)², and their weighted forms
 * Σw·x²/Σw − (Σw·x/Σw)² and Σp·x² − (Σp·x)² (p a probability mass), the weight W being any common
 * factor of the three sums.
 *
 * @param covariance E[XY] − E[X]E[Y] rather than E[X²] − E[X]²
 * @param arrays the values summed over (one for a variance, two for a covariance)
 * @param nPower the power of the count n dividing the second-moment term
 * @param left the second-moment term
 * @param right the product of first moments
 * @param weighted true when the sums carry a weight or are normalised by a sum rather than a count
 */
public record Cancellation(boolean covariance, List<String> arrays, int nPower, Monomial left, Monomial right,
                           boolean weighted) {
    /** The subtraction as E[X²] − E[X]² (or E[XY] − E[X]E[Y]), when it is one. */
    public static Optional<Cancellation> of(Expr.Binary subtraction, MethodFacts facts) {
        Monomial a = Moments.of(subtraction.left(), facts);
        Monomial b = Moments.of(subtraction.right(), facts);
        if (a == null || b == null || a.sums().isEmpty() || b.sums().size() < 2) {
            return Optional.empty();
        }
        String stem = NamedMoments.commonStem(a, b);
        a = NamedMoments.unified(a, stem);
        b = NamedMoments.unified(b, stem);
        int degreeB = b.nPower() + b.sums().size() - 2 - b.denominators().size();
        for (PowerSum second : new LinkedHashSet<>(a.sums())) {
            int degreeA = a.nPower() + a.sums().size() - 1 - a.denominators().size();
            for (int i = 0; i < b.sums().size(); i++) {
                for (int j = i + 1; j < b.sums().size(); j++) {
                    Optional<Cancellation> found = match(second, b.sums().get(i), b.sums().get(j), a, b);
                    if (found.isPresent() && (degreeA == degreeB + 1 || found.get().weighted() && degreeA == degreeB)) {
                        return found;
                    }
                }
            }
        }
        return Optional.empty();
    }

    /** Σ W·x·y against Σ W·x and Σ W·y, for some common weight W (possibly none). */
    private static Optional<Cancellation> match(PowerSum second, PowerSum first1, PowerSum first2, Monomial a, Monomial b) {
        if (first1.degree() != first2.degree()) {
            return Optional.empty();
        }
        for (String x : new LinkedHashSet<>(first1.values())) {
            List<String> weight = first1.minus(PowerSum.first(x));
            List<String> ys = new ArrayList<>(first2.values());
            if (!weight.stream().allMatch(ys::remove) || ys.size() != 1) {
                continue;
            }
            String y = ys.get(0);
            if (second.equals(new PowerSum(withOne(withOne(weight, x), y)))) {
                boolean weighted = !weight.isEmpty() || !a.denominators().isEmpty() || !b.denominators().isEmpty();
                return Optional.of(new Cancellation(!x.equals(y), x.equals(y) ? List.of(x) : List.of(x, y),
                        a.nPower(), a, b, weighted));
            }
        }
        return Optional.empty();
    }

    private static List<String> withOne(List<String> values, String one) {
        List<String> out = new ArrayList<>(values);
        out.add(one);
        return out;
    }
}
