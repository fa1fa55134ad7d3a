package dev.numguard.rules.idioms.summation;

import dev.numguard.rules.facts.MethodFacts;
import dev.numguard.rules.facts.Nodes;
import dev.numguard.rules.model.BinaryOp;
import dev.numguard.rules.model.Expr;
import dev.numguard.rules.model.LoopKind;
import dev.numguard.rules.model.Stmt;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * Whether a loop runs a handful of times fixed by the code (over 3 coordinates, 4 RGBA channels, the
 * taps of a convolution kernel) or as often as there is data. Only the first kind is recognised; every
 * other loop counts as data-sized, since a bound read from a parameter, a field or a collection is set
 * by whoever supplies the data.
 */
public final class LoopExtent {
    /** More values than this written out in place is unusual; a for-each over them is short. */
    static final int SHORT_LOOP_LIMIT = 16;
    /**
     * A literal bound fixes the length in the code, not in the data: up to 1024 terms a float sum's
     * error stays below 1024·5.96e-8 = 6.1e-5 of the sum of magnitudes (a 256-bin histogram: 1.5e-5).
     */
    static final int FIXED_LOOP_LIMIT = 1024;

    /** Bounds named after these are the size of a filter, not of the data it is applied to. */
    private static final Set<String> FIXED_SIZE_WORDS = Set.of("kernel", "radius", "tap", "stencil", "filter");

    private LoopExtent() {
    }

    /** True when {@code loop} runs at most {@link #SHORT_LOOP_LIMIT} times by construction. */
    public static boolean isShort(Stmt.Loop loop, MethodFacts facts) {
        if (loop.kind() == LoopKind.FOR_EACH) {
            return Nodes.stripCasts(loop.iterable()) instanceof Expr.Other creation
                    && creation.kind().equals("new-array") && creation.children().size() <= SHORT_LOOP_LIMIT
                    && creation.children().stream().noneMatch(c -> c instanceof Expr.Other);
        }
        if (loop.kind() != LoopKind.FOR || !(loop.condition() instanceof Expr.Binary cmp)) {
            return false;
        }
        Expr bound = cmp.op() == BinaryOp.LESS || cmp.op() == BinaryOp.LESS_EQUAL ? cmp.right()
                : cmp.op() == BinaryOp.GREATER || cmp.op() == BinaryOp.GREATER_EQUAL ? cmp.left() : null;
        if (bound == null) {
            return false;
        }
        Expr resolved = facts.resolve(bound);
        if (Nodes.stripCasts(resolved) instanceof Expr.Literal literal) {
            return literal.numericValue() <= FIXED_LOOP_LIMIT;
        }
        return namesFixedSize(resolved) || namesFixedSize(bound);
    }

    /**
     * The literal bound N of {@code for (i = 0; i < N; i++)} (through a local holding the literal),
     * an upper bound of its trip count when the index starts at a non-negative literal; empty
     * otherwise.
     */
    public static OptionalDouble literalTripBound(Stmt.Loop loop, MethodFacts facts) {
        if (loop.kind() != LoopKind.FOR || !(loop.condition() instanceof Expr.Binary cmp)
                || cmp.op() != BinaryOp.LESS && cmp.op() != BinaryOp.LESS_EQUAL) {
            return OptionalDouble.empty();
        }
        if (!(Nodes.stripCasts(cmp.left()) instanceof Expr.VarRead index) || facts.definitions(index.name()).stream()
                .anyMatch(d -> d.isPlain() && d.value() != null && !(Nodes.stripCasts(d.value()) instanceof Expr.Literal start
                        && start.numericValue() >= 0))) {
            return OptionalDouble.empty();
        }
        if (Nodes.stripCasts(facts.resolve(cmp.right())) instanceof Expr.Literal literal) {
            return OptionalDouble.of(literal.numericValue() + (cmp.op() == BinaryOp.LESS_EQUAL ? 1 : 0));
        }
        return OptionalDouble.empty();
    }

    private static boolean namesFixedSize(Expr e) {
        for (Expr part : Nodes.expressions(e)) {
            String name = part instanceof Expr.VarRead v ? v.name() : part instanceof Expr.Call c ? c.name() : null;
            if (name != null && FIXED_SIZE_WORDS.stream().anyMatch(name.toLowerCase(Locale.ROOT)::contains)) {
                return true;
            }
        }
        return false;
    }
}
