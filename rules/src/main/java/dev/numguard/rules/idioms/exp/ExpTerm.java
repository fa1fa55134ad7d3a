package dev.numguard.rules.idioms.exp;

import dev.numguard.rules.model.Expr;

/**
 * One exponential inside a sum: {@code exp(argument)}, possibly times a weight.
 *
 * @param site the {@code exp}/{@code pow} call, or the {@code Math::exp} method reference
 * @param argument the exponent; {@code null} for a method reference (the stream element)
 * @param weight the factor multiplying the exponential ({@code w[i] * exp(..)}) or the divisor
 *     dividing it ({@code exp(..) / n}), or {@code null}
 */
public record ExpTerm(Expr site, Expr argument, Expr weight) {
}
