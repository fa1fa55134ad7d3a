package dev.numguard.rules.idioms.exp;

import dev.numguard.rules.facts.Reduction;
import dev.numguard.rules.facts.StreamPipeline;
import dev.numguard.rules.model.Expr;
import dev.numguard.rules.model.MethodModel;
import dev.numguard.rules.model.Stmt;
import java.util.List;

/**
 * A sum of exponentials, Σ exp(aᵢ) (or Σ wᵢ·exp(aᵢ)), as a loop accumulator, a stream
 * reduction, or the result of a helper method of the class that computes one.
 *
 * @param method the method where the sum is computed (a helper when {@code viaHelper} is set)
 * @param terms the exponentials summed
 * @param reduction the loop accumulator, or null
 * @param stream the stream reduction, or null
 * @param viaHelper the call of the helper that computes the sum, or null when it is computed where
 *     it is used
 */
public record ExpSum(MethodModel method, List<ExpTerm> terms, Reduction reduction, StreamPipeline stream,
                     Expr.Call viaHelper) {
    public ExpSum {
        terms = List.copyOf(terms);
    }

    /** The loop the accumulator runs over, or null. */
    public Stmt.Loop loop() {
        return reduction == null ? null : reduction.loop();
    }

    /** True when some term has a weight. */
    public boolean weighted() {
        return terms.stream().anyMatch(t -> t.weight() != null);
    }
}
