package dev.numguard.rules.idioms.moments;

import java.util.List;

/**
 * One sum factor of a moment formula: Σ x (degree 1) or Σ x·y (degree 2), over the values named
 * by {@code values} ({@code x[]} for the elements of array x), kept sorted so that Σ x·y and
 * Σ y·x are the same term. Compared by value, never parsed back from text.
 *
 * @param values one value for degree 1, two (sorted) for degree 2
 */
public record PowerSum(List<String> values) implements Comparable<PowerSum> {
    public PowerSum {
        if (values.isEmpty() || values.size() > 2) {
            throw new IllegalArgumentException("a power sum of degree 1 or 2, not " + values);
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
