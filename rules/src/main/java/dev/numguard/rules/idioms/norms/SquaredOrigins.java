package dev.numguard.rules.idioms.norms;

import dev.numguard.rules.facts.Definition;
import dev.numguard.rules.facts.MathCalls;
import dev.numguard.rules.facts.MethodFacts;
import dev.numguard.rules.facts.Nodes;
import dev.numguard.rules.facts.ValueOrigins;
import dev.numguard.rules.model.AssignOp;
import dev.numguard.rules.model.BinaryOp;
import dev.numguard.rules.model.Expr;
import dev.numguard.rules.model.NumericType;
import dev.numguard.rules.model.UnaryOp;
import dev.numguard.rules.model.VarKind;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * Where the values squared in a norm come from, across methods ({@link ValueOrigins}), and so
 * whether their scale is the caller's to choose:
 * <ul>
 *   <li>{@link Scale#CALLER_DATA}: some value can be what a caller passes: a parameter of a
 *       method other code can call (not private), a lambda's parameter, a field no code of the
 *       tree writes, or a path the search could not finish. A public norm, distance or math
 *       function of its argument: any double can arrive.</li>
 *   <li>{@link Scale#BOUNDED}: every value comes, through private helpers, locals, array
 *       elements, sums, differences and products, from something whose square cannot overflow
 *       ({@link SquaredRange}: widened float, int or long data, draws, bounded functions,
 *       constants, quotients).</li>
 *   <li>{@link Scale#INTERNAL}: no value comes from a caller, but some come from state whose
 *       scale the code does not show: the result of a library call, an array filled elsewhere,
 *       an object built from a library. Doubtful: such a norm is reported at a lower severity.</li>
 * </ul>
 */
public final class SquaredOrigins {
    /** How far through sums, products and array element writes one value is followed. */
    private static final int MAX_DEPTH = 8;
    /** Origin searches per norm at most; a norm past it is taken for caller data. */
    private static final int MAX_SEARCHES = 40;

    /** Whose scale the squared values have. */
    public enum Scale { CALLER_DATA, BOUNDED, INTERNAL }

    /**
     * The verdict, with (for {@link Scale#INTERNAL}) the source text of one origin whose scale
     * the code does not show.
     */
    public record Verdict(Scale scale, String source) {
    }

    private final NumericType squaredIn;
    private final boolean quotientsScaled;
    private final Set<Expr> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    private boolean caller;
    private String internal;
    private int searches;

    private SquaredOrigins(NumericType squaredIn, boolean quotientsScaled) {
        this.squaredIn = squaredIn;
        this.quotientsScaled = quotientsScaled;
    }

    /**
     * Where {@code values}, read in {@code facts}' method and squared in {@code squaredIn}, come
     * from. With {@code quotientsScaled}, a quotient counts as scaled (a sum of squares of values
     * divided by a scale); a single shifted square of a ratio needs a comparison that bounds it
     * ({@link GuardedMagnitude}), so for it a quotient is followed like any other value.
     */
    public static Verdict of(List<Expr> values, NumericType squaredIn, boolean quotientsScaled, MethodFacts facts) {
        SquaredOrigins walk = new SquaredOrigins(squaredIn, quotientsScaled);
        for (Expr value : values) {
            walk.value(value, facts, 0);
        }
        Scale scale = walk.caller ? Scale.CALLER_DATA : walk.internal != null ? Scale.INTERNAL : Scale.BOUNDED;
        return new Verdict(scale, walk.internal);
    }

    private void value(Expr e, MethodFacts where, int depth) {
        if (caller || !seen.add(e)) {
            return;
        }
        if (depth > MAX_DEPTH || ++searches > MAX_SEARCHES) {
            caller = true;
            return;
        }
        Expr x = Nodes.stripCasts(e);
        if (stop(x, where)) {
            at(x, where, depth);
            return;
        }
        ValueOrigins search = ValueOrigins.of(x, where, this::stop);
        if (!search.complete()) {
            caller = true;
            return;
        }
        if (search.origins().isEmpty()) {
            caller = true;                              // a value the model does not show (a for-each element)
        }
        for (ValueOrigins.Origin origin : search.origins()) {
            if (origin.kind() == ValueOrigins.Kind.INPUT) {
                caller = true;
                return;
            }
            at(Nodes.stripCasts(origin.value()), origin.where(), depth);
        }
    }

    /** Where the search stops: the values this class judges itself. */
    private boolean stop(Expr e, MethodFacts where) {
        Expr x = Nodes.stripCasts(e);
        return x instanceof Expr.VarRead v && v.kind() == VarKind.PARAMETER && !where.method().isPrivate()
                || x instanceof Expr.Binary || x instanceof Expr.Unary
                || filledArray(x, where) || SquaredRange.safe(x, squaredIn, where);
    }

    /** One origin (or stopping point) of a value. */
    private void at(Expr x, MethodFacts where, int depth) {
        if (x instanceof Expr.VarRead v && !filledArray(v, where)) {
            caller = true;          // an argument, a lambda's parameter, a field set from outside, a local of unknown value
        } else if (SquaredRange.safe(x, squaredIn, where)) {
            return;
        } else if (x instanceof Expr.Binary b && b.op() == BinaryOp.DIVIDE && quotientsScaled) {
            return;                                     // divided by a scale: as the rule treats quotients in place
        } else if (x instanceof Expr.Binary b && (b.op() == BinaryOp.ADD || b.op() == BinaryOp.SUBTRACT
                || b.op() == BinaryOp.MULTIPLY || b.op() == BinaryOp.DIVIDE)) {
            value(b.left(), where, depth + 1);
            value(b.right(), where, depth + 1);
        } else if (x instanceof Expr.Unary u && u.op() == UnaryOp.NEGATE) {
            value(u.operand(), where, depth + 1);
        } else if (x instanceof Expr.VarRead array && filledArray(array, where)) {
            for (Definition d : where.elementWritesAll(array.name())) {
                if (d.value() != null) {
                    value(d.value(), where, depth + 1);
                }
            }
            for (Definition d : where.reaching(array)) {
                if (d.value() != null && d.op() == AssignOp.ASSIGN && !newArray(d.value())) {
                    value(d.value(), where, depth + 1);
                }
            }
        } else if (x instanceof Expr.Call call && MathCalls.function(call).isPresent()) {
            call.args().forEach(a -> value(a, where, depth + 1));   // abs, max, sqrt, pow... of the values
        } else if (x instanceof Expr.Other o && o.kind().equals("new-array")) {
            // {a, b} gives its elements; new double[n] (an int dimension) is filled where the model does not follow
            if (o.children().isEmpty() || o.children().stream().anyMatch(c -> !c.type().numeric().isFloatingPoint())) {
                caller = true;
            } else {
                o.children().forEach(c -> value(c, where, depth + 1));
            }
        } else if (internal == null) {
            internal = where.context().text(x);
        }
    }

    /** A local array whose elements the method writes: its values are those writes. */
    private static boolean filledArray(Expr x, MethodFacts where) {
        return x instanceof Expr.VarRead v && v.kind() == VarKind.LOCAL && v.type().arrayDimensions() > 0
                && !where.elementWritesAll(v.name()).isEmpty();
    }

    private static boolean newArray(Expr e) {
        return Nodes.stripCasts(e) instanceof Expr.Other o && o.kind().equals("new-array");
    }
}
