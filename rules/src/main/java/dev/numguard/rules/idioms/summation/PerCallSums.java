package dev.numguard.rules.idioms.summation;

import dev.numguard.rules.facts.ClassFacts;
import dev.numguard.rules.facts.MathCalls;
import dev.numguard.rules.facts.MethodFacts;
import dev.numguard.rules.facts.Nodes;
import dev.numguard.rules.facts.Reduction;
import dev.numguard.rules.model.AssignOp;
import dev.numguard.rules.model.Expr;
import dev.numguard.rules.model.Stmt;
import dev.numguard.rules.model.VarKind;

/**
 * Sums whose loop is not the accumulator's own: a field that a method adds one term to per call
 * ({@code addPatternError(..) { totalError += e; }}) and another method resets to 0
 * ({@code reset() { totalError = 0; }}). The reset marks a sum over a pass of data, one call per
 * item; a field that is only ever added to (a clock, a position) is not recognised.
 */
public final class PerCallSums {
    private PerCallSums() {
    }

    /** True when {@code sum}, a field reduction with no loop around it, is reset to 0 by another method. */
    public static boolean isPerCallSum(Reduction sum, MethodFacts facts) {
        if (sum.variableKind() != VarKind.FIELD || sum.loop() != null || facts.method().isConstructor()) {
            return false;
        }
        ClassFacts context = facts.context();
        for (MethodFacts other : context.methodsWithBodies()) {
            if (other.method() == facts.method()) {
                continue;
            }
            for (Stmt s : other.statements()) {
                if (s instanceof Stmt.Assign a && a.op() == AssignOp.ASSIGN && MathCalls.isLiteral(a.value(), 0)
                        && Nodes.stripCasts(a.target()) instanceof Expr.VarRead v && v.kind() == VarKind.FIELD
                        && v.name().equals(sum.variable())) {
                    return true;
                }
            }
        }
        return false;
    }
}
