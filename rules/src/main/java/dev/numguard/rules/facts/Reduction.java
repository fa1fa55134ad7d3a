package dev.numguard.rules.facts;

import dev.numguard.rules.model.Expr;
import dev.numguard.rules.model.Stmt;
import dev.numguard.rules.model.VarKind;

/**
 * An accumulator: a variable updated from itself in a loop (or, for a field, in a method called
 * repeatedly), for example {@code s += f(x[i])}, which this records as Σ f(x[i]).
 *
 * @param variable the accumulator's name
 * @param variableKind {@link VarKind#LOCAL} or {@link VarKind#FIELD}
 * @param kind what it computes
 * @param term what is added, multiplied or compared each time ({@code null} for COUNT)
 * @param update the statement doing the update
 * @param loop the loop the accumulation runs over: for a local, the outermost loop around the
 *     update that does not also hold the declaration; for a field, the innermost loop around the
 *     update, or {@code null} when each call adds one term
 * @param subtracted true for {@code s -= t} (the reduction is then Σ −t)
 */
public record Reduction(String variable, VarKind variableKind, ReductionKind kind, Expr term, Stmt update,
                        Stmt.Loop loop, boolean subtracted) {
}
