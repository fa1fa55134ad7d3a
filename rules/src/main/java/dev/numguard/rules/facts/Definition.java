package dev.numguard.rules.facts;

import dev.numguard.rules.model.AssignOp;
import dev.numguard.rules.model.Expr;
import dev.numguard.rules.model.Stmt;

/**
 * One place where a local variable (or an element of a local array) gets a value.
 *
 * @param variable the variable's name
 * @param site the declaration, assignment or increment statement
 * @param op {@link AssignOp#ASSIGN} for declarations with an initializer and plain assignments
 * @param value the assigned value or the compound operand; {@code null} for increments and
 *     declarations without initializer
 * @param element true when the site writes an element ({@code a[i] = v}), not the variable
 */
public record Definition(String variable, Stmt site, AssignOp op, Expr value, boolean element) {
    /** True for a plain {@code x = v} or {@code T x = v}. */
    public boolean isPlain() {
        return op == AssignOp.ASSIGN && value != null;
    }
}
