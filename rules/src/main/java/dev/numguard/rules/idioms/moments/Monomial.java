package dev.numguard.rules.idioms.moments;

import dev.numguard.rules.model.Expr;
import java.util.ArrayList;
import java.util.List;

/**
 * A product of power sums times a power of the count, the shape in which the moment formulas
 * of variance and covariance are compared: Σx² is {@code [S2(x,x)]·n⁰}, the mean Σx/n is
 * {@code [S1(x)]·n⁻¹}, mean·mean is {@code [S1(x), S1(x)]·n⁻²}, a weighted mean Σw·x/Σw is
 * {@code [S2(w,x)] / [S1(w)]}. Any scalar that is not a sum counts as one power of n (a count, a
 * length, n − 1), a literal as none.
 *
 * @param sums the sum factors, sorted
 * @param nPower the power of the count
 * @param scalars the scalar factors (multiplied) met on the way
 * @param divisors the scalar divisors met on the way
 * @param reductions the loop accumulators and stream reductions the sums come from
 * @param denominators the sum divisors (Σw of a weighted mean, a total kept as a sum), sorted
 */
public record Monomial(List<PowerSum> sums, int nPower, List<Expr> scalars, List<Expr> divisors, List<Object> reductions,
                       List<PowerSum> denominators) {
    public Monomial {
        sums = sorted(sums);
        denominators = sorted(denominators);
        scalars = List.copyOf(scalars);
        divisors = List.copyOf(divisors);
        reductions = List.copyOf(reductions);
    }

    Monomial(List<PowerSum> sums, int nPower, List<Expr> scalars, List<Expr> divisors, List<Object> reductions) {
        this(sums, nPower, scalars, divisors, reductions, List.of());
    }

    static Monomial constant() {
        return new Monomial(List.of(), 0, List.of(), List.of(), List.of());
    }

    static Monomial scalar(Expr e) {
        return new Monomial(List.of(), 1, List.of(e), List.of(), List.of());
    }

    Monomial times(Monomial o) {
        return new Monomial(concat(sums, o.sums), nPower + o.nPower, concat(scalars, o.scalars),
                concat(divisors, o.divisors), concat(reductions, o.reductions), concat(denominators, o.denominators));
    }

    /** Division: the divisor's sums become denominators, its denominators sums. */
    Monomial dividedBy(Monomial o) {
        return new Monomial(concat(sums, o.denominators), nPower - o.nPower, scalars,
                concat(divisors, concat(o.scalars, o.divisors)), concat(reductions, o.reductions),
                concat(denominators, o.sums));
    }

    private static List<PowerSum> sorted(List<PowerSum> sums) {
        List<PowerSum> out = new ArrayList<>(sums);
        out.sort(null);
        return List.copyOf(out);
    }

    private static <T> List<T> concat(List<T> a, List<T> b) {
        List<T> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }
}
