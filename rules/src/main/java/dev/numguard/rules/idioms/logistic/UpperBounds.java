package dev.numguard.rules.idioms.logistic;

import dev.numguard.rules.facts.MathCalls;
import dev.numguard.rules.facts.MethodFacts;
import dev.numguard.rules.facts.Nodes;
import dev.numguard.rules.facts.Reduction;
import dev.numguard.rules.facts.ReductionKind;
import dev.numguard.rules.idioms.exp.Exponents;
import dev.numguard.rules.idioms.exp.GuardedRange;
import dev.numguard.rules.idioms.guards.PathConditions;
import dev.numguard.rules.model.BinaryOp;
import dev.numguard.rules.model.Expr;
import dev.numguard.rules.model.UnaryOp;
import java.util.Optional;
import java.util.Set;

/**
 * Whether an exponent is bounded above where it is used, so that {@code exp} of it cannot
 * overflow: by its form ({@code -|d|}, {@code min(z, c)}, {@code -x·x}, a shift by a maximum, a
 * bounded function, the smaller less the larger of two values), by the branch it sits in ({@code a > b ? … exp(b - a) …}, {@code z > 0 ? … :
 * … exp(z) …}), by an earlier early return on it being large ({@code if (y > MAX) return y;}), by a
 * range an enclosing or earlier check leaves its one variable ({@code (2300 - r) / 80} after
 * {@code if (r < -3300) throw …}), or by an overflow check around it ({@code if (Double.isInfinite(e)) … else …}).
 */
public final class UpperBounds {
    private static final Set<String> OVERFLOW_CHECKS = Set.of("isInfinite", "isFinite", "isNaN");
    private static final int MAX_DEPTH = 6;
    /** Below float's overflow point of exp (88.72), so the exponential is finite in either type. */
    private static final double FLOAT_EXP_LIMIT = 88.0;

    private UpperBounds() {
    }

    /** True when {@code exp(exponent)} at {@code site} provably cannot overflow. */
    public static boolean bounded(Expr exponent, Expr site, MethodFacts facts) {
        return boundedByForm(exponent, facts, 0) || guardedByBranch(exponent, site, facts)
                || guardedByComparison(exponent, site, facts) || insideOverflowCheck(site, facts)
                || GuardedRange.atMost(exponent, site.span(), FLOAT_EXP_LIMIT, facts);
    }

    private static boolean boundedByForm(Expr exponent, MethodFacts facts, int depth) {
        if (depth > MAX_DEPTH) {
            return false;
        }
        Expr e = Nodes.stripCasts(facts.resolve(exponent));
        if (e instanceof Expr.Literal || Exponents.isBounded(e, facts)) {
            return true;
        }
        if (e instanceof Expr.Unary u && u.op() == UnaryOp.NEGATE) {
            return nonNegative(u.operand(), facts);
        }
        if (e instanceof Expr.Call min && MathCalls.call(min, "min", 2).isPresent()) {
            return boundedByForm(min.args().get(0), facts, depth + 1) || boundedByForm(min.args().get(1), facts, depth + 1);
        }
        if (e instanceof Expr.Binary b && b.op() == BinaryOp.SUBTRACT) {
            Optional<Reduction> max = facts.reductionRead(b.right());
            return max.isPresent() && max.get().kind() == ReductionKind.MAX || OrderedPair.ordered(b.left(), b.right(), facts)
                    || nonNegative(b.right(), facts)
                    && boundedByForm(b.left(), facts, depth + 1);
        }
        if (e instanceof Expr.Binary b && b.op() == BinaryOp.MULTIPLY) {
            // -x·x, -c·|d| and the like: a non-positive factor times a non-negative one
            return isNegatedSquare(b) || nonPositive(b.left(), facts) && nonNegative(b.right(), facts)
                    || nonNegative(b.left(), facts) && nonPositive(b.right(), facts);
        }
        return false;
    }

    private static boolean isNegatedSquare(Expr.Binary product) {
        return Nodes.stripCasts(product.left()) instanceof Expr.Unary u && u.op() == UnaryOp.NEGATE
                && Nodes.sameShape(u.operand(), product.right());
    }

    private static boolean nonPositive(Expr e, MethodFacts facts) {
        Expr x = Nodes.stripCasts(e);
        return x instanceof Expr.Literal l && l.numericValue() <= 0
                || x instanceof Expr.Unary u && u.op() == UnaryOp.NEGATE && nonNegative(u.operand(), facts);
    }

    /** {@code |x|}, {@code x·x}, {@code sqrt(x)}, {@code exp(x)}, a non-negative literal. */
    private static boolean nonNegative(Expr e, MethodFacts facts) {
        Expr x = Nodes.stripCasts(facts.resolve(e));
        if (x instanceof Expr.Literal l) {
            return l.numericValue() >= 0;
        }
        if (x instanceof Expr.Call c && MathCalls.isMathOwner(c.ownerType())) {
            return Set.of("abs", "sqrt", "exp", "hypot", "cosh").contains(c.name());
        }
        return x instanceof Expr.Binary b && b.op() == BinaryOp.MULTIPLY && Nodes.sameShape(b.left(), b.right());
    }

    /**
     * {@code exp(b - a)} (or a local holding {@code b - a}) where a branch around it has established
     * {@code a > b}: the then-part of {@code a > b}, {@code a >= b}, {@code b < a}, {@code b <= a}, or
     * the else-part of the opposite comparison.
     */
    private static boolean guardedByBranch(Expr exponent, Expr site, MethodFacts facts) {
        return Nodes.stripCasts(facts.resolve(exponent)) instanceof Expr.Binary d && d.op() == BinaryOp.SUBTRACT
                && PathConditions.around(site.span(), facts).stream().anyMatch(k -> establishes(k.condition(), d, k.truth()));
    }

    /** Whether {@code condition} (when {@code holds}) or its negation implies {@code d.left <= d.right}. */
    private static boolean establishes(Expr condition, Expr.Binary d, boolean holds) {
        if (!(Nodes.stripCasts(condition) instanceof Expr.Binary cmp)) {
            return false;
        }
        Expr small;
        Expr large;
        switch (cmp.op()) {
            case GREATER, GREATER_EQUAL -> {
                large = holds ? cmp.left() : cmp.right();
                small = holds ? cmp.right() : cmp.left();
            }
            case LESS, LESS_EQUAL -> {
                large = holds ? cmp.right() : cmp.left();
                small = holds ? cmp.left() : cmp.right();
            }
            default -> {
                return false;
            }
        }
        return Nodes.sameShape(d.left(), small) && Nodes.sameShape(d.right(), large);
    }

    /**
     * A comparison that bounds the exponent {@code z} (or {@code w} in {@code z = -w}) where the
     * site runs: the then-part of {@code z < K}, the else-part of {@code z > K} or
     * {@code abs(z) > K}, and any code after {@code if (z > K || …) return …;}.
     */
    private static boolean guardedByComparison(Expr exponent, Expr site, MethodFacts facts) {
        Expr z = Nodes.stripCasts(exponent);
        boolean negated = z instanceof Expr.Unary u && u.op() == UnaryOp.NEGATE;
        Expr v = negated ? Nodes.stripCasts(((Expr.Unary) z).operand()) : z;
        return PathConditions.at(site.span(), facts).stream().anyMatch(k -> bounds(k.condition(), v, k.truth(), !negated));
    }

    /** Whether {@code condition}, known to be {@code holds}, bounds {@code v} above (or below). */
    private static boolean bounds(Expr condition, Expr v, boolean holds, boolean above) {
        Expr c = Nodes.stripCasts(condition);
        if (c instanceof Expr.Unary not && not.op() == UnaryOp.NOT) {
            return bounds(not.operand(), v, !holds, above);
        }
        if (!(c instanceof Expr.Binary b)) {
            return false;
        }
        if (b.op() == BinaryOp.CONDITIONAL_AND && holds || b.op() == BinaryOp.CONDITIONAL_OR && !holds) {
            return bounds(b.left(), v, holds, above) || bounds(b.right(), v, holds, above);
        }
        Expr small;
        Expr large;
        switch (b.op()) {
            case LESS, LESS_EQUAL -> {
                small = b.left();
                large = b.right();
            }
            case GREATER, GREATER_EQUAL -> {
                small = b.right();
                large = b.left();
            }
            default -> {
                return false;
            }
        }
        Expr lower = holds ? small : large;
        Expr upper = holds ? large : small;
        Expr bounded = above ? lower : upper;
        Optional<Expr> absolute = MathCalls.call(lower, "abs", 1).map(a -> a.args().get(0));
        return Nodes.sameShape(bounded, v) || absolute.filter(a -> Nodes.sameShape(a, v)).isPresent();
    }

    /** Inside either branch of an {@code if} or conditional that tests for an overflow. */
    private static boolean insideOverflowCheck(Expr site, MethodFacts facts) {
        return PathConditions.around(site.span(), facts).stream().anyMatch(k -> Nodes.expressions(k.condition()).stream()
                .anyMatch(e -> e instanceof Expr.Call c && OVERFLOW_CHECKS.contains(c.name())));
    }
}
