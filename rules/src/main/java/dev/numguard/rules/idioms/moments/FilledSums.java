package dev.numguard.rules.idioms.moments;

import dev.numguard.rules.facts.CalleeWrites;
import dev.numguard.rules.facts.MathCalls;
import dev.numguard.rules.model.AssignOp;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.TreeSet;

/**
 * Power sums an array holds because a method called earlier accumulated them into its elements
 * ({@link CalleeWrites}): {@code sums(x, s1, s2)} with {@code s1[k] += v; s2[k] += v * v} in
 * {@code sums}, then {@code s2[k] / n - (s1[k] / n)²} here. The values summed are named by the
 * writing method and the values it adds (each branch of it may add another array's elements:
 * {@code x[i]} for dense input, {@code vals[j]} for sparse), so two arrays the same method fills with
 * Σ v and Σ v² pair up as one variable's first and second power sums. What the writes add decides:
 * sums of deviations ({@code d = v - centre[k]; s2[k] += d * d}) are not raw power sums, whatever the
 * array is called.
 */
final class FilledSums {
    private FilledSums() {
    }

    /** True when some write accumulates ({@code s[k] += ..}): the array holds a sum of what they add. */
    static boolean accumulates(List<CalleeWrites.Write> writes) {
        return writes.stream().anyMatch(w -> w.op() == AssignOp.ADD);
    }

    /** The writes' sum as Σ vᵈ, or null when they add something else or start from anything but 0. */
    static Monomial of(List<CalleeWrites.Write> writes) {
        int degree = 0;
        TreeSet<String> values = new TreeSet<>();
        for (CalleeWrites.Write w : writes) {
            if (w.op() == AssignOp.ASSIGN && MathCalls.isLiteral(w.value(), 0)) {
                continue;                                           // the zero start of the sum
            }
            PowerSum term = w.op() == AssignOp.ADD ? Moments.factor(w.value(), w.writer(), null) : null;
            if (term == null || new HashSet<>(term.values()).size() != 1 || degree != 0 && degree != term.degree()) {
                return null;
            }
            degree = term.degree();
            values.add(term.values().get(0));
        }
        if (degree == 0) {
            return null;
        }
        String value = writes.get(0).writer().method().name() + ":" + String.join("|", values);
        return new Monomial(List.of(new PowerSum(Collections.nCopies(degree, value))), 0, List.of(), List.of(), List.of());
    }
}
