package dev.numguard.rules.idioms.moments;

import java.util.ArrayList;
import java.util.List;

/**
 * One sum factor of a moment formula: Σ of a product of values, the values named by
 * {@code values} ({@code x[]} for the elements of array x, {@code ~x} for a value known only by its
 * name), kept sorted so that Σ x·y and Σ y·x are the same term. Σ x has degree 1, Σ x·x degree 2,
 * a weighted Σ w·x·x degree 3. Compared by value, never parsed back from text.
 *
 * @param values the factors of the summed term, sorted (a multiset)
 */
public record PowerSum(List<String> values) implements Comparable<PowerSum> {
    public PowerSum {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("a power sum needs at least one factor");
        }
        values = values.stream().sorted().toList();
    }

    /** Σ value. */
    static PowerSum first(String value) {
        return new PowerSum(List.of(value));
    }

    /** Σ a·b. */
    static PowerSum second(String a, String b) {
        return new PowerSum(List.of(a, b));
    }

    public int degree() {
        return values.size();
    }

    /** This sum with one more factor in its term. */
    PowerSum with(String value) {
        List<String> more = new ArrayList<>(values);
        more.add(value);
        return new PowerSum(more);
    }

    /** The factors of this term that {@code other} lacks (multiset difference). */
    List<String> minus(PowerSum other) {
        List<String> rest = new ArrayList<>(values);
        for (String v : other.values) {
            rest.remove(v);
        }
        return rest;
    }

    /** Ordered as the textual form {@code S1(x[])}, {@code S2(x[]*y[])} sorts. */
    @Override
    public int compareTo(PowerSum other) {
        return toString().compareTo(other.toString());
    }

    @Override
    public String toString() {
        return "S" + degree() + "(" + String.join("*", values) + ")";
    }
}
