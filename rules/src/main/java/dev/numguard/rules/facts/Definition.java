package dev.numguard.rules.facts;

import dev.numguard.rules.model.AssignOp;
import dev.numguard.rules.model.Expr;
import dev.numguard.rules.model.Stmt;
import dev.numguard.rules.model.VarId;

/**
 * One place where a variable (or an element of an array) gets a value.
 *
 * @param variable the variable's name
 * @param site the declaration, assignment or increment statement (for an assignment inside an
 *     expression, {@code s += (h[i] = exp(v[i]))}, the statement holding it; null for the value a
 *     parameter has on entry)
 * @param op {@link AssignOp#ASSIGN} for declarations with an initializer and plain assignments
 * @param value the assigned value or the compound operand; {@code null} for increments and
 *     declarations without initializer
 * @param element true when the site writes an element ({@code a[i] = v}), not the variable
 * @param id the variable written (the array, for an element)
 */
public record Definition(String variable, Stmt site, AssignOp op, Expr value, boolean element, VarId id) {
    public Definition {
        id = id == null ? new VarId(dev.numguard.rules.model.VarKind.LOCAL, variable, null, -1) : id;
    }

    /** A definition of a variable whose declaration is not resolved. */
    public Definition(String variable, Stmt site, AssignOp op, Expr value, boolean element) {
        this(variable, site, op, value, element, null);
    }

    /** True for a plain {@code x = v} or {@code T x = v}. */
    public boolean isPlain() {
        return op == AssignOp.ASSIGN && value != null;
    }
}
