package dev.numguard.rules.idioms.logistic;

import dev.numguard.rules.model.Expr;

/**
 * A logistic sigmoid found behind an expression: its value is {@code σ(logit)} when {@code negated}
 * is false and {@code σ(-logit)} when it is true ({@code 1 / (1 + exp(logit))}).
 *
 * @param logit the logit as written where the sigmoid was found; {@code null} when it cannot be
 *     named at the place that reads the sigmoid (a field set elsewhere, one of two branches)
 * @param negated whether the sigmoid is of the negated logit
 */
public record Sigmoid(Expr logit, boolean negated) {

    /** Whether a rewrite can name the logit where the sigmoid is read. */
    public boolean rewritable() {
        return logit != null;
    }

    /** The sigmoid of the opposite logit: {@code 1 - σ(z) = σ(-z)}. */
    public Sigmoid complement() {
        return new Sigmoid(logit, !negated);
    }

    /** The same sigmoid with a logit that cannot be named where it is read. */
    Sigmoid unnamed() {
        return new Sigmoid(null, negated);
    }
}
