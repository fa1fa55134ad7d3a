package dev.numguard.rules.fixes;

import dev.numguard.rules.Fix;
import dev.numguard.rules.TextEdit;
import dev.numguard.rules.facts.ClassFacts;
import dev.numguard.rules.facts.MathCalls;
import dev.numguard.rules.facts.MethodFacts;
import dev.numguard.rules.facts.Nodes;
import dev.numguard.rules.facts.Reduction;
import dev.numguard.rules.facts.ReductionKind;
import dev.numguard.rules.idioms.moments.Cancellation;
import dev.numguard.rules.model.Expr;
import dev.numguard.rules.model.Stmt;
import dev.numguard.rules.model.VarKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The fix of a one-pass variance over the local sums of one loop where the others do not apply:
 * the formula divides by a count the loop does not provably run to (a stated width, a group size
 * from the caller, a loop from an offset), or the sums stay read elsewhere (stored, returned). A
 * local {@code RunningStats} is fed the same values beside the sum of squares
 * ({@code stats.accept(x)} right after {@code s2 += x * x}), and the subtraction becomes
 * {@code PartialMoments.squaredDeviations(stats, n)} times the power of n it had: equal in real
 * arithmetic to {@code Σx² − (Σx)²/n} for every n, so the rewrite keeps the function even where n
 * is not the number of values, and is exactly the centred sum of squares where it is. The sums
 * stay as they were for every other read.
 *
 * <p>Offered only where the two sums start at zero, are written nowhere but their updates, add
 * {@code x} and {@code x·x} (or {@code pow(x, 2)}) of the same side-effect-free value in one block
 * of the loop, and the formula reads them after the loop in the block that holds it.
 */
public final class StatedCountMomentsFix {
    private static final String RUNNING_STATS = RunningStatsFix.RUNNING_STATS;

    private StatedCountMomentsFix() {
    }

    public static Optional<Fix> of(MethodFacts facts, Expr.Binary subtraction, Cancellation c) {
        // weighted only by a divisor kept as a sum is fine: the sums are checked to be Σx and Σx·x below
        if (c.covariance()) {
            return Optional.empty();
        }
        List<Reduction> all = new ArrayList<>();
        for (Object o : LoopRunningStatsFix.concat(c.left().reductions(), c.right().reductions())) {
            if (!(o instanceof Reduction r) || r.variableKind() != VarKind.LOCAL || r.kind() != ReductionKind.SUM
                    || r.subtracted() || r.loop() == null || !(r.update() instanceof Stmt.Assign)) {
                return Optional.empty();
            }
            if (!all.contains(r)) {
                all.add(r);
            }
        }
        List<Reduction> seconds = c.left().reductions().stream().map(Reduction.class::cast)
                .filter(r -> !c.right().reductions().contains(r)).distinct().toList();
        if (all.size() != 2 || seconds.size() != 1) {
            return Optional.empty();
        }
        Reduction second = seconds.get(0);
        Reduction first = all.get(0) == second ? all.get(1) : all.get(0);
        Optional<Expr> squared = MathCalls.squared(second.term());
        if (squared.isEmpty() || !Nodes.sameShape(Nodes.stripCasts(squared.get()), Nodes.stripCasts(first.term()))) {
            return Optional.empty();
        }
        Expr value = squared.get();
        Stmt.Loop loop = second.loop();
        Stmt.Block block = SourceEdits.parentBlock(facts.method(), second.update()).orElse(null);
        Stmt.Block outer = SourceEdits.parentBlock(facts.method(), loop).orElse(null);
        if (first.loop() != loop || block == null || !block.statements().contains(first.update()) || outer == null
                || subtraction.span().start() < loop.span().end() || !outer.span().contains(subtraction.span())
                || !sideEffectFree(value)) {
            return Optional.empty();
        }
        for (Reduction r : all) {
            Stmt.LocalDecl d = facts.declaration(r.variable());
            if (d == null || !LoopRunningStatsFix.startsAtZero(d) || !LoopRunningStatsFix.onlyWrittenBy(r, facts)) {
                return Optional.empty();
            }
        }
        int from = Math.min(first.update().span().start(), second.update().span().start());
        int to = Math.max(first.update().span().end(), second.update().span().end());
        if (!ShiftedSumsFix.stableBetween(value, from, to, loop, facts)) {
            return Optional.empty();
        }
        Optional<String> fed = StatedCountFormula.acceptedAfter(second.update(), block, value, VarKind.LOCAL)
                .filter(name -> facts.declaration(name) != null
                        && facts.context().text(facts.declaration(name).span()).contains("RunningStats"));
        String stats = fed.orElseGet(() -> SourceEdits.freshName(facts, "stats", "runningStats"));
        Optional<String> formula = StatedCountFormula.replacement(subtraction,
                e -> e instanceof Expr.VarRead v && v.kind() == VarKind.LOCAL
                        ? v.name().equals(second.variable()) ? 2 : v.name().equals(first.variable()) ? 1 : 0 : 0,
                stats, facts);
        if (formula.isEmpty()) {
            return Optional.empty();
        }
        ClassFacts context = facts.context();
        List<TextEdit> edits = new ArrayList<>();
        if (fed.isPresent()) {
            // an earlier round fed a RunningStats beside these sums for another formula: read it
            return Optional.of(Fix.review("Take the variance from the RunningStats fed the same values, for the count "
                    + "the formula divides by", List.of(TextEdit.replace(subtraction.span(), formula.get())),
                    List.of(StatedCountFormula.PARTIAL_MOMENTS)));
        }
        edits.add(new TextEdit(loop.span().start(), loop.span().start(), RUNNING_STATS + " " + stats + " = new "
                + RUNNING_STATS + "();" + context.lineSeparator() + ShiftedSumsFix.indentOf(loop.span().start(), context)));
        // the sum of squares goes where nothing but the formula reads it; else the accept joins its update
        Stmt.LocalDecl squares = facts.declaration(second.variable());
        boolean onlyInFormula = DeadCode.readsOf(squares.id(), facts).stream().allMatch(r -> subtraction.span().contains(r.span())
                || second.update().span().contains(r.span()));
        String accept = stats + ".accept(" + context.text(value) + ");";
        Optional<TextEdit> declarationGone = onlyInFormula && !sharesStatement(squares, facts)
                ? DeadCode.deleteLines(squares, context) : Optional.empty();
        if (declarationGone.isPresent()) {
            edits.add(declarationGone.get());
            edits.add(TextEdit.replace(second.update().span(), accept));
        } else {
            edits.add(TextEdit.replace(second.update().span(), context.text(second.update().span()) + context.lineSeparator()
                    + ShiftedSumsFix.indentOf(second.update().span().start(), context) + accept));
        }
        edits.add(TextEdit.replace(subtraction.span(), formula.get()));
        edits.sort(java.util.Comparator.comparingInt(TextEdit::start));
        for (int i = 1; i < edits.size(); i++) {
            if (edits.get(i).start() < edits.get(i - 1).end()) {
                return Optional.empty();
            }
        }
        return Optional.of(Fix.review("Take the variance from a RunningStats (Welford) fed the same values, "
                + "for the count the formula divides by", edits, List.of(RUNNING_STATS, StatedCountFormula.PARTIAL_MOMENTS)));
    }

    /** True for {@code double a = 0, b = 0;}: deleting one would delete both. */
    private static boolean sharesStatement(Stmt.LocalDecl decl, MethodFacts facts) {
        return Nodes.statements(facts.method().body()).stream()
                .anyMatch(s -> s instanceof Stmt.LocalDecl other && other != decl && other.span().equals(decl.span()));
    }

    /** No call, assignment or increment: evaluating it once more changes nothing. */
    static boolean sideEffectFree(Expr value) {
        for (Expr e : Nodes.expressions(value)) {
            if (e instanceof Expr.Call || e instanceof Expr.Lambda || e instanceof Expr.Unary u && u.op().assigns()
                    || e instanceof Expr.Other) {
                return false;
            }
        }
        return true;
    }
}
