package dev.numguard.rules.idioms.guards;

import dev.numguard.rules.facts.MethodFacts;
import dev.numguard.rules.facts.Nodes;
import dev.numguard.rules.facts.ValueOrigins;
import dev.numguard.rules.model.Expr;
import dev.numguard.rules.model.VarKind;

/**
 * Whether a parameter or a field only ever holds values that were tested where they were made:
 * every place the value can come from ({@link ValueOrigins}: the arguments of every call that can
 * reach the parameter, the values written to the field, through constructors and locals) lies
 * where a branch condition ({@link PathConditions}) reads the variable it passes. A caller that
 * runs {@code iter(beta, v)} only under {@code if (beta > 0)}, or a factory that builds the scaler
 * holding {@code std} only in the else-part of {@code if (std < CLOSE_TO_ZERO)}, has guarded the
 * division by it in the callee. As with a guard in the method itself, the direction of the test is
 * not checked.
 */
public final class TestedOrigins {
    private TestedOrigins() {
    }

    /** True when {@code value}, a parameter or field read in {@code facts}' method, is tested at each of its origins (or is a non-zero literal there). */
    public static boolean holds(Expr value, MethodFacts facts) {
        Expr read = Nodes.stripCasts(value);
        if (!(read instanceof Expr.VarRead v) || v.kind() == VarKind.LOCAL) {
            return false;
        }
        ValueOrigins origins = ValueOrigins.of(read, facts, (e, where) -> e != read && tested(e, where));
        return origins.complete() && !origins.origins().isEmpty()
                && origins.origins().stream().allMatch(o -> o.value() != read && (nonZeroLiteral(o.value())
                        || tested(o.value(), o.where())));
    }

    private static boolean nonZeroLiteral(Expr e) {
        return Nodes.stripCasts(e) instanceof Expr.Literal l && l.value() instanceof Number n && n.doubleValue() != 0;
    }

    /** A branch condition known where {@code e} is evaluated reads one of the variables {@code e} reads. */
    private static boolean tested(Expr e, MethodFacts where) {
        if (!where.method().span().contains(e.span())) {
            return false;
        }
        var known = PathConditions.at(e.span(), where);
        return !known.isEmpty() && Nodes.expressions(e).stream().anyMatch(x -> x instanceof Expr.VarRead v
                && known.stream().anyMatch(k -> k.tests(v.name())));
    }
}
