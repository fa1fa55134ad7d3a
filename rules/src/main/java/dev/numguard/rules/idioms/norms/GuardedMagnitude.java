package dev.numguard.rules.idioms.norms;

import dev.numguard.rules.SourceSpan;
import dev.numguard.rules.facts.Definition;
import dev.numguard.rules.facts.MathCalls;
import dev.numguard.rules.facts.MethodFacts;
import dev.numguard.rules.facts.Nodes;
import dev.numguard.rules.idioms.exp.NotTiny;
import dev.numguard.rules.idioms.guards.PathConditions;
import dev.numguard.rules.model.BinaryOp;
import dev.numguard.rules.model.Expr;
import dev.numguard.rules.model.UnaryOp;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;

/**
 * Magnitude bounds that a comparison on the path establishes for a value about to be squared:
 * <ul>
 *   <li>a ratio taken under a comparison of magnitudes, as Givens rotations and LAPACK's own
 *       {@code dlapy2} do ({@code if (|f| >= |g|) { c = g / f; … sqrt(c*c + 1) … } else { s = f / g; … }},
 *       the ternary and early-return forms too): at most 1 in magnitude, so its square plus a constant
 *       neither overflows nor underflows;</li>
 *   <li>a value tested against a constant ({@code if (Math.abs(x) < 1e20) … x*x …}, also through
 *       {@code z = Math.abs(x); if (z < 1e20)}): below the constant in magnitude, which keeps the
 *       square finite when the constant is below the overflow point of the square's type.</li>
 * </ul>
 * Only the conditions of enclosing {@code if}s and conditionals and of earlier {@code if (…) return/throw}
 * are read; a variable reassigned between the test and the use is not followed.
 */
public final class GuardedMagnitude {
    private GuardedMagnitude() {
    }

    /** A condition known to have the value {@code truth}. */
    /** Whether every definition of {@code base} reaching its read is a ratio at most 1 in magnitude. */
    public static boolean ratioAtMostOne(Expr base, MethodFacts facts) {
        Expr x = Nodes.stripCasts(base);
        if (!(x instanceof Expr.VarRead)) {
            return false;
        }
        List<Definition> definitions = facts.definitionsAt(x);
        return !definitions.isEmpty() && definitions.stream().allMatch(d -> d.isPlain() && d.value() != null
                && d.site() != null && boundedRatio(d.value(), known(d.site().span(), facts), facts));
    }

    /** Whether {@code base} is below {@code limit} in magnitude at {@code site} by a test against a constant. */
    public static boolean below(Expr base, SourceSpan site, double limit, MethodFacts facts) {
        for (PathConditions k : known(site, facts)) {
            Expr[] order = ordered(k);
            Expr magnitude = order == null ? null : magnitudeOf(order[0], facts);
            if (magnitude != null && Nodes.sameShape(magnitude, base)) {
                OptionalDouble bound = NotTiny.constant(facts.resolve(order[1]), facts.context(), 0);
                if (bound.isPresent() && bound.getAsDouble() <= limit) {
                    return true;
                }
            }
        }
        return false;
    }

    /** {@code p / q} with |q| >= |p| known, or a conditional whose branches are such ratios under its condition. */
    private static boolean boundedRatio(Expr value, List<PathConditions> known, MethodFacts facts) {
        Expr v = Nodes.stripCasts(value);
        if (v instanceof Expr.Conditional c) {
            List<PathConditions> whenTrue = new ArrayList<>(known);
            whenTrue.add(new PathConditions(c.condition(), true));
            List<PathConditions> whenFalse = new ArrayList<>(known);
            whenFalse.add(new PathConditions(c.condition(), false));
            return boundedRatio(c.whenTrue(), whenTrue, facts) && boundedRatio(c.whenFalse(), whenFalse, facts);
        }
        if (!(v instanceof Expr.Binary ratio) || ratio.op() != BinaryOp.DIVIDE) {
            return false;
        }
        Expr numerator = valueOf(ratio.left(), facts);
        Expr denominator = valueOf(ratio.right(), facts);
        for (PathConditions k : expanded(known)) {
            Expr[] order = ordered(k);
            Expr small = order == null ? null : magnitudeOf(order[0], facts);
            Expr large = small == null ? null : magnitudeOf(order[1], facts);
            if (large != null && Nodes.sameShape(small, numerator) && Nodes.sameShape(large, denominator)) {
                return true;
            }
        }
        return false;
    }

    /** {@code {small, large}} of a comparison known to hold as {@code small <= large} (or {@code <}), else null. */
    private static Expr[] ordered(PathConditions k) {
        if (!(Nodes.stripCasts(k.condition()) instanceof Expr.Binary cmp)) {
            return null;
        }
        return switch (cmp.op()) {
            case GREATER, GREATER_EQUAL -> k.truth() ? new Expr[] {cmp.right(), cmp.left()}
                    : new Expr[] {cmp.left(), cmp.right()};
            case LESS, LESS_EQUAL -> k.truth() ? new Expr[] {cmp.left(), cmp.right()}
                    : new Expr[] {cmp.right(), cmp.left()};
            default -> null;
        };
    }

    /** The x of {@code Math.abs(x)}, or of a local all of whose reaching definitions are {@code Math.abs(x)}; else null. */
    private static Expr magnitudeOf(Expr e, MethodFacts facts) {
        Expr x = Nodes.stripCasts(e);
        if (MathCalls.call(x, "abs", 1).isPresent()) {
            return Nodes.stripCasts(((Expr.Call) x).args().get(0));
        }
        if (x instanceof Expr.VarRead) {
            List<Definition> definitions = facts.definitionsAt(x);
            if (!definitions.isEmpty() && definitions.stream().allMatch(d -> d.isPlain() && d.value() != null
                    && MathCalls.call(Nodes.stripCasts(d.value()), "abs", 1).isPresent())) {
                Expr first = ((Expr.Call) Nodes.stripCasts(definitions.get(0).value())).args().get(0);
                if (definitions.stream().allMatch(d ->
                        Nodes.sameShape(((Expr.Call) Nodes.stripCasts(d.value())).args().get(0), first))) {
                    return Nodes.stripCasts(first);
                }
            }
        }
        return null;
    }

    /** An operand of the ratio as the comparison would name it: |x| (or a local holding it) counts as x. */
    private static Expr valueOf(Expr e, MethodFacts facts) {
        Expr magnitude = magnitudeOf(e, facts);
        return magnitude != null ? magnitude : Nodes.stripCasts(e);
    }

    /** The known conditions with {@code &&} (true), {@code ||} (false) and {@code !} taken apart. */
    private static List<PathConditions> expanded(List<PathConditions> known) {
        List<PathConditions> out = new ArrayList<>();
        for (PathConditions k : known) {
            split(k.condition(), k.truth(), out);
        }
        return out;
    }

    private static void split(Expr condition, boolean truth, List<PathConditions> out) {
        Expr c = Nodes.stripCasts(condition);
        if (c instanceof Expr.Unary u && u.op() == UnaryOp.NOT) {
            split(u.operand(), !truth, out);
        } else if (c instanceof Expr.Binary b && (b.op() == BinaryOp.CONDITIONAL_AND && truth
                || b.op() == BinaryOp.CONDITIONAL_OR && !truth)) {
            split(b.left(), truth, out);
            split(b.right(), truth, out);
        } else {
            out.add(new PathConditions(c, truth));
        }
    }

    /** The conditions that hold at {@code site} ({@link PathConditions}), taken apart. */
    private static List<PathConditions> known(SourceSpan site, MethodFacts facts) {
        return expanded(PathConditions.at(site, facts));
    }
}
