package dev.numguard.rules.fixes;

import dev.numguard.rules.facts.MathCalls;
import dev.numguard.rules.facts.MethodFacts;
import dev.numguard.rules.facts.Nodes;
import dev.numguard.rules.model.BinaryOp;
import dev.numguard.rules.model.Expr;
import dev.numguard.rules.model.NumericType;
import dev.numguard.rules.model.Stmt;
import dev.numguard.rules.model.VarKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.ToIntFunction;

/**
 * The text that replaces a one-pass variance subtraction by {@code PartialMoments.squaredDeviations}
 * of a RunningStats fed the same values, for whatever count n the formula divides by: the
 * subtraction is {@code n^e·(Σx² − (Σx)²/n)} (e = −1 for {@code Σx²/n − mean²}, 0 for
 * {@code Σx² − mean·Σx}, 1 for {@code n·Σx² − (Σx)²}), and {@code squaredDeviations(stats, n)}
 * equals the bracket in real arithmetic for every n, the number of values or not. Shared by the
 * fixes that cannot prove the count is the number of updates (or leave the sums in place).
 */
final class StatedCountFormula {
    static final String PARTIAL_MOMENTS = "dev.numguard.guards.PartialMoments";

    private StatedCountFormula() {
    }

    /** The factors of one term of the formula: how many of each sum, and the power of the count n. */
    private record Term(int squares, int sums, int power) {
        Term times(Term o) {
            return new Term(squares + o.squares, sums + o.sums, power + o.power);
        }
    }

    /**
     * The replacement of {@code subtraction} (parenthesised where it has to be), with
     * {@code stats} the text of a RunningStats holding the summed values, and {@code sumOf} telling
     * a read of the sum of squares (2) or of the sum (1) from anything else (0). The formula must be
     * {@code n^e·Σx²} less {@code n^(e−1)·(Σx)²} with e in {−1, 0, 1}, written with products,
     * quotients and squares through locals, every other factor one and the same count n (a local,
     * a parameter, a field, an expression of them). Empty otherwise, or when a constant factor or
     * a second count appears.
     */
    static Optional<String> replacement(Expr.Binary subtraction, ToIntFunction<Expr> sumOf, String stats,
                                        MethodFacts facts) {
        List<Expr> counts = new ArrayList<>();
        Term left = term(subtraction.left(), sumOf, counts, subtraction, facts, 0);
        Term right = term(subtraction.right(), sumOf, counts, subtraction, facts, 0);
        if (left == null || right == null || counts.isEmpty() || left.squares() != 1 || left.sums() != 0
                || right.squares() != 0 || right.sums() != 2 || right.power() != left.power() - 1
                || left.power() < -1 || left.power() > 1) {
            return Optional.empty();
        }
        Expr n = counts.get(0);
        for (Expr other : counts) {
            if (!Nodes.sameShape(other, n)) {
                return Optional.empty();
            }
        }
        if (!plainCount(n, counts, subtraction, facts)) {
            return Optional.empty();
        }
        String count = facts.context().text(n);
        String factor = count.matches("[\\w.]+") ? count : "(" + count + ")";
        String deviations = PARTIAL_MOMENTS + ".squaredDeviations(" + stats + ", " + count + ")";
        int e = left.power();
        String text = e == 0 ? deviations : e == -1 ? deviations + " / " + factor : factor + " * " + deviations;
        if (subtraction.type().numeric() == NumericType.FLOAT) {
            text = "(float) (" + text + ")";
        } else if (e == 0) {
            return Optional.of(text);                          // a call: a primary expression already
        }
        return Optional.of(SourceEdits.ungroupedWhereStandalone("(" + text + ")", subtraction, facts));
    }

    /** The factors of {@code e}, the counts it multiplies or divides by collected in {@code counts}; null if unreadable. */
    private static Term term(Expr e, ToIntFunction<Expr> sumOf, List<Expr> counts, Expr.Binary subtraction,
                             MethodFacts facts, int depth) {
        Expr x = Nodes.stripCasts(e);
        if (x == null || depth > 16 || x instanceof Expr.Literal) {
            return null;                                        // a constant factor: the power of n is unreadable
        }
        int sum = sumOf.applyAsInt(x);
        if (sum == 2) {
            return new Term(1, 0, 0);
        }
        if (sum == 1) {
            return new Term(0, 1, 0);
        }
        if (x instanceof Expr.Binary b && (b.op() == BinaryOp.MULTIPLY || b.op() == BinaryOp.DIVIDE)) {
            Term l = term(b.left(), sumOf, counts, subtraction, facts, depth + 1);
            Term r = term(b.right(), sumOf, counts, subtraction, facts, depth + 1);
            if (l == null || r == null) {
                return null;
            }
            if (b.op() == BinaryOp.MULTIPLY) {
                return l.times(r);
            }
            return r.squares() == 0 && r.sums() == 0 ? new Term(l.squares(), l.sums(), l.power() - r.power()) : null;
        }
        Optional<Expr> squared = MathCalls.squared(x);
        if (squared.isPresent()) {
            Term base = term(squared.get(), sumOf, counts, subtraction, facts, depth + 1);
            return base == null ? null : base.times(base);
        }
        if (x instanceof Expr.VarRead v && v.kind() == VarKind.LOCAL && facts.definitions(v.name()).size() <= 1) {
            Expr resolved = facts.resolve(x);
            if (resolved != null && Nodes.stripCasts(resolved) != x) {
                List<Expr> inner = new ArrayList<>();
                Term held = term(resolved, sumOf, inner, subtraction, facts, depth + 1);
                if (held != null && (held.squares() > 0 || held.sums() > 0)) {
                    counts.addAll(inner);
                    return held;                                // a mean or a moment kept in a local
                }
                if (mentionsSum(resolved, sumOf)) {
                    return null;
                }
            }
        }
        if (mentionsSum(x, sumOf) || x instanceof Expr.Unary) {
            return null;
        }
        counts.add(x);                                          // a count: a local, a parameter, a field, a call
        return new Term(0, 0, 1);
    }

    private static boolean mentionsSum(Expr e, ToIntFunction<Expr> sumOf) {
        return Nodes.expressions(e).stream().anyMatch(inner -> sumOf.applyAsInt(Nodes.stripCasts(inner)) != 0);
    }

    /**
     * The count means the same at the subtraction: it reads only locals declared once before it in
     * a block around it, parameters and fields; a call only where the formula itself makes it.
     */
    private static boolean plainCount(Expr n, List<Expr> counts, Expr.Binary subtraction, MethodFacts facts) {
        for (Expr e : Nodes.expressions(n)) {
            if (e instanceof Expr.VarRead v) {
                if (v.kind() == VarKind.LOCAL) {
                    Stmt.LocalDecl d = facts.declaration(v.name());
                    if (d == null || facts.definitions(v.name()).size() > 1 && !settledBefore(v.name(), counts, subtraction, facts)
                            || d.span().start() > subtraction.span().start()
                            || SourceEdits.parentBlock(facts.method(), d).map(b -> !b.span().contains(subtraction.span()))
                            .orElse(true)) {
                        return false;
                    }
                }
            } else if (e instanceof Expr.Call) {
                if (!subtraction.span().contains(e.span())) {
                    return false;
                }
            } else if (!(e instanceof Expr.Binary || e instanceof Expr.Cast || e instanceof Expr.Literal)) {
                return false;
            }
        }
        return true;
    }

    /**
     * A local written more than once (a count summed in a loop, a total set in each turn) still means
     * the same at every read of the formula: the reads all lie in the subtraction, or every write of
     * it comes before the first read and shares no loop with a read.
     */
    private static boolean settledBefore(String name, List<Expr> counts, Expr.Binary subtraction, MethodFacts facts) {
        List<Expr> reads = counts.stream().flatMap(c -> Nodes.expressions(c).stream())
                .filter(e -> e instanceof Expr.VarRead v && v.kind() == VarKind.LOCAL && v.name().equals(name)).toList();
        if (reads.stream().allMatch(r -> subtraction.span().contains(r.span()))) {
            return true;
        }
        int first = reads.stream().mapToInt(r -> r.span().start()).min().orElse(subtraction.span().start());
        for (dev.numguard.rules.facts.Definition def : facts.definitions(name)) {
            if (def.site().span().end() > first) {
                return false;
            }
            for (Stmt.Loop loop : facts.enclosingLoops(def.site().span())) {
                if (reads.stream().anyMatch(r -> loop.span().contains(r.span()))) {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * The name of the RunningStats that the statement right after {@code update} in {@code block}
     * feeds {@code value} ({@code stats.accept(value);}, as these fixes write it), for a fix offered
     * again after an earlier round applied it for another formula over the same sums; empty if none.
     * The caller checks that the name is declared a RunningStats (types may be unresolved here).
     */
    static Optional<String> acceptedAfter(Stmt update, Stmt.Block block, Expr value, VarKind kind) {
        int at = block.statements().indexOf(update);
        if (at < 0 || at + 1 >= block.statements().size()
                || !(block.statements().get(at + 1) instanceof Stmt.ExprStmt next)
                || !(next.expr() instanceof Expr.Call call) || !call.name().equals("accept") || call.args().size() != 1
                || !(call.target() instanceof Expr.VarRead target) || target.kind() != kind
                || !Nodes.sameShape(Nodes.stripCasts(call.args().get(0)), Nodes.stripCasts(value))) {
            return Optional.empty();
        }
        return Optional.of(target.name());
    }

    /** A local declared once, before the subtraction and in a block around it, with {@code n} as its value. */
    private static Optional<String> holder(Expr n, Expr.Binary subtraction, MethodFacts facts) {
        for (Stmt st : facts.statements()) {
            if (st instanceof Stmt.LocalDecl d && d.init() != null && d.type().isScalar()
                    && Nodes.sameShape(Nodes.stripCasts(d.init()), n) && facts.definitions(d.name()).size() <= 1
                    && facts.declaration(d.name()) == d && d.span().end() <= subtraction.span().start()
                    && SourceEdits.parentBlock(facts.method(), d).map(b -> b.span().contains(subtraction.span())).orElse(false)) {
                return Optional.of(d.name());
            }
        }
        return Optional.empty();
    }
}
