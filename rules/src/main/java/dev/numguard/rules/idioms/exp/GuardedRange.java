package dev.numguard.rules.idioms.exp;

import dev.numguard.rules.SourceSpan;
import dev.numguard.rules.facts.MethodFacts;
import dev.numguard.rules.facts.Nodes;
import dev.numguard.rules.idioms.guards.PathConditions;
import dev.numguard.rules.model.BinaryOp;
import dev.numguard.rules.model.Expr;
import dev.numguard.rules.model.UnaryOp;
import dev.numguard.rules.model.VarKind;
import java.util.List;
import java.util.OptionalDouble;
import java.util.function.DoublePredicate;

/**
 * Whether an enclosing branch keeps a value of one variable far from 0: in
 * {@code if (x > 1.5) { r = exp(19 - 20 * x); … 1 - r … }} the exponent is at most -11, and in
 * {@code if (y > 0.05) log(1 - 4 * y * y)} the argument is at least 0.01. The value is evaluated
 * at the guard's bound and at points ever further inside the guarded range; all of them far from 0
 * and of one sign is taken to mean the whole range is. An earlier {@code if (x < -3300) throw …}
 * bounds x for the code after it the same way.
 */
public final class GuardedRange {
    private static final double[] STEPS = {0, 0.5, 1, 10, 1e3, 1e6};

    private GuardedRange() {
    }

    /** True when {@code value} (of a single local or parameter) is at least {@code distance} away from 0 at {@code site}. */
    public static boolean farFromZero(Expr value, SourceSpan site, double distance, MethodFacts facts) {
        return holds(value, site, facts, v -> Math.abs(v) >= distance, true);
    }

    /** True when {@code value} (of a single local or parameter) is at most {@code limit} at {@code site}. */
    public static boolean atMost(Expr value, SourceSpan site, double limit, MethodFacts facts) {
        return holds(value, site, facts, v -> v <= limit, false);
    }

    /**
     * Whether {@code test} holds for {@code value} over the range an enclosing branch, or an earlier
     * {@code if (…) return/throw}, leaves its one variable (of one sign too when {@code oneSign}).
     */
    private static boolean holds(Expr value, SourceSpan site, MethodFacts facts, DoublePredicate test, boolean oneSign) {
        List<String> variables = Nodes.expressions(value).stream()
                .filter(e -> e instanceof Expr.VarRead v && v.kind() != VarKind.FIELD)
                .map(e -> ((Expr.VarRead) e).name()).distinct().toList();
        if (variables.size() != 1) {
            return false;
        }
        Range range = new Range(variables.get(0), value, test, oneSign, facts);
        return PathConditions.at(site, facts).stream().anyMatch(k -> range.within(k.condition(), k.truth()));
    }

    private record Range(String name, Expr value, DoublePredicate test, boolean oneSign, MethodFacts facts) {
        /** Whether {@code condition} being {@code truth} bounds {@code name} to a range where {@code test} holds. */
        boolean within(Expr condition, boolean truth) {
            Expr c = Nodes.stripCasts(condition);
            if (c instanceof Expr.Unary u && u.op() == UnaryOp.NOT) {
                return within(u.operand(), !truth);
            }
            if (!(c instanceof Expr.Binary b)) {
                return false;
            }
            if (b.op() == BinaryOp.CONDITIONAL_AND && truth || b.op() == BinaryOp.CONDITIONAL_OR && !truth) {
                return within(b.left(), truth) || within(b.right(), truth);
            }
            boolean variableLeft = Nodes.isLocal(b.left(), name);
            if (!variableLeft && !Nodes.isLocal(b.right(), name)) {
                return false;
            }
            // a literal, a constant field, or a local set once to one (final double MAXARG = 1.5)
            OptionalDouble bound = NotTiny.constant(facts.resolve(variableLeft ? b.right() : b.left()), facts.context(), 0);
            int direction = switch (b.op()) {
                case GREATER, GREATER_EQUAL -> 1;
                case LESS, LESS_EQUAL -> -1;
                default -> 0;
            };
            if (bound.isEmpty() || direction == 0) {
                return false;
            }
            direction *= (variableLeft ? 1 : -1) * (truth ? 1 : -1);
            double scale = Math.abs(bound.getAsDouble()) + 1;
            double sign = 0;
            for (double step : STEPS) {
                OptionalDouble at = NotTiny.valueAt(value, facts.context(), name,
                        bound.getAsDouble() + direction * step * scale, 0);
                if (at.isEmpty() || !test.test(at.getAsDouble())
                        || oneSign && sign != 0 && Math.signum(at.getAsDouble()) != sign) {
                    return false;
                }
                sign = Math.signum(at.getAsDouble());
            }
            return true;
        }
    }
}
