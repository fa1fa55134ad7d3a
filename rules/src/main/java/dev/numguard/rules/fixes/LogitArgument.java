package dev.numguard.rules.fixes;

import dev.numguard.rules.facts.ClassFacts;
import dev.numguard.rules.model.Expr;
import dev.numguard.rules.model.NumericType;
import dev.numguard.rules.model.UnaryOp;

/**
 * The text of a logit as the argument of a double {@code StableMath} function: negated when asked
 * ({@code -z}, and {@code z} for a logit written {@code -z}), and widened to double when it is
 * not one, so that overload resolution keeps the double precision the original computed in.
 */
public final class LogitArgument {
    private LogitArgument() {
    }

    public static String text(Expr logit, boolean negate, ClassFacts context) {
        String text;
        boolean primary;
        if (negate && logit instanceof Expr.Unary u && u.op() == UnaryOp.NEGATE) {
            text = SourceEdits.asFactor(u.operand(), context);
            primary = text.startsWith("(") || isPrimary(u.operand());
        } else if (negate) {
            text = "-" + SourceEdits.asFactor(logit, context);
            primary = false;
        } else {
            text = context.text(logit);
            primary = isPrimary(logit);
        }
        if (logit.type().numeric() == NumericType.DOUBLE) {
            return text;
        }
        return "(double) " + (primary ? text : "(" + text + ")");
    }

    private static boolean isPrimary(Expr e) {
        return e instanceof Expr.Literal || e instanceof Expr.VarRead || e instanceof Expr.ArrayElement
                || e instanceof Expr.Call;
    }
}
