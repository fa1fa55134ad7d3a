package dev.numguard.rules.fixes;

import dev.numguard.rules.facts.MathCalls;
import dev.numguard.rules.facts.MethodFacts;
import dev.numguard.rules.facts.Nodes;
import dev.numguard.rules.facts.StreamPipeline;
import dev.numguard.rules.idioms.moments.Cancellation;
import dev.numguard.rules.idioms.moments.Monomial;
import dev.numguard.rules.model.Expr;
import dev.numguard.rules.model.NumericType;
import dev.numguard.rules.model.Stmt;
import dev.numguard.rules.model.VarKind;
import java.util.List;
import java.util.Optional;

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

    /**
     * The replacement of {@code subtraction} (parenthesised where it has to be), with
     * {@code stats} the text of a RunningStats holding the summed values; empty when the counts of
     * the formula are not one plain expression in scope at the subtraction, or a constant factor
     * would make the power of the count unreadable.
     */
    static Optional<String> replacement(Expr.Binary subtraction, Cancellation c, String stats, MethodFacts facts) {
        if (c.covariance() || c.weighted()) {
            return Optional.empty();
        }
        List<Expr> counts = LoopRunningStatsFix.counts(c);
        if (counts.isEmpty()) {
            return Optional.empty();
        }
        Expr n = Nodes.stripCasts(counts.get(0));
        for (Expr other : counts) {
            if (!Nodes.sameShape(Nodes.stripCasts(other), n)) {
                return Optional.empty();
            }
        }
        int left = power(c.left());
        int right = power(c.right());
        if (left == Integer.MIN_VALUE || right != left - 1 || left < -1 || left > 1
                || hasConstantFactor(subtraction, facts, 0)) {
            return Optional.empty();
        }
        // the moment analysis resolves counts through locals: name the local that holds it where there is one
        String count = holder(n, subtraction, facts).orElse(null);
        if (count == null && plainCount(n, subtraction, facts)) {
            count = facts.context().text(n);
        }
        if (count == null) {
            return Optional.empty();
        }
        String factor = count.matches("[\\w.]+") ? count : "(" + count + ")";
        String deviations = PARTIAL_MOMENTS + ".squaredDeviations(" + stats + ", " + count + ")";
        String text = left == 0 ? deviations : left == -1 ? deviations + " / " + factor : factor + " * " + deviations;
        if (subtraction.type().numeric() == NumericType.FLOAT) {
            text = "(float) (" + text + ")";
        } else if (left == 0) {
            return Optional.of(text);                          // a call: a primary expression already
        }
        return Optional.of(SourceEdits.ungroupedWhereStandalone("(" + text + ")", subtraction, facts));
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

    /** The power of the count in one term: its scalar factors less its scalar divisors. */
    private static int power(Monomial m) {
        int p = m.scalars().size() - m.divisors().size();
        return p == m.nPower() && m.denominators().isEmpty() ? p : Integer.MIN_VALUE;
    }

    /**
     * The count reads only locals declared once in a block around the subtraction, parameters and
     * fields (through names, not calls), so its text means the same at the subtraction.
     */
    private static boolean plainCount(Expr n, Expr.Binary subtraction, MethodFacts facts) {
        if (n instanceof Expr.Literal) {
            return false;
        }
        for (Expr e : Nodes.expressions(n)) {
            if (e instanceof Expr.VarRead v) {
                if (v.kind() == VarKind.LOCAL) {
                    Stmt.LocalDecl d = facts.declaration(v.name());
                    if (d == null || facts.definitions(v.name()).size() > 1 || d.span().start() > subtraction.span().start()
                            || SourceEdits.parentBlock(facts.method(), d).map(b -> !b.span().contains(subtraction.span()))
                            .orElse(true)) {
                        return false;
                    }
                }
            } else if (!(e instanceof Expr.Binary || e instanceof Expr.Cast || e instanceof Expr.Literal)) {
                return false;
            }
        }
        return true;
    }

    /**
     * A literal factor somewhere in the formula or the locals it reads (a {@code 2 *}, a count
     * written as a number): the moment analysis does not count it as a power of n.
     */
    private static boolean hasConstantFactor(Expr e, MethodFacts facts, int depth) {
        if (depth > 6) {
            return true;
        }
        Expr x = Nodes.stripCasts(e);
        if (x instanceof Expr.Literal) {
            return true;
        }
        Optional<Expr> squared = MathCalls.squared(x);
        if (squared.isPresent() && !(x instanceof Expr.Binary)) {
            return hasConstantFactor(squared.get(), facts, depth + 1);
        }
        if (x instanceof Expr.Binary b) {
            return hasConstantFactor(b.left(), facts, depth + 1) || hasConstantFactor(b.right(), facts, depth + 1);
        }
        if (x instanceof Expr.VarRead v && v.kind() == VarKind.LOCAL && facts.reductionRead(x).isEmpty()) {
            Expr resolved = facts.resolve(x);
            if (resolved != null && Nodes.stripCasts(resolved) != x && StreamPipeline.of(resolved).isEmpty()
                    && !(Nodes.stripCasts(resolved) instanceof Expr.Literal l && MathCalls.isLiteral(l, 0))) {
                return hasConstantFactor(resolved, facts, depth + 1);
            }
        }
        return false;
    }
}
