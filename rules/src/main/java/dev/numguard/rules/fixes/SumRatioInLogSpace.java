package dev.numguard.rules.fixes;

import dev.numguard.rules.Fix;
import dev.numguard.rules.SourceSpan;
import dev.numguard.rules.TextEdit;
import dev.numguard.rules.facts.ClassFacts;
import dev.numguard.rules.facts.MethodFacts;
import dev.numguard.rules.facts.Nodes;
import dev.numguard.rules.fixes.LogSumExpFixes.LogSpaceAccumulator;
import dev.numguard.rules.idioms.exp.ExpSum;
import dev.numguard.rules.model.BinaryOp;
import dev.numguard.rules.model.Expr;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The ratio of two sums of exponentials {@code A / (A + B)} (a posterior of one group of terms
 * against all of them), both local sums grown by {@code s += exp(a)} in this method: each is
 * accumulated in log space as {@link LogSumExpFixes#accumulateInLogSpace} does, and the ratio
 * becomes {@code StableMath.sigmoid(logA - logB)}, which is A / (A + B) exactly and never
 * overflows. Other reads follow: {@code log(A)} reads {@code logA}, {@code A / B} becomes
 * {@code Math.exp(logA - logB)}, any other read {@code Math.exp(logA)} (the same value, overflowing
 * where A did). Two empty sums give NaN, as 0/0 did; B empty gives 1, as A / A did.
 */
public final class SumRatioInLogSpace {
    private SumRatioInLogSpace() {
    }

    /** The rewrite of {@code ratio} = {@code A / (A + B)} over {@code sums} = [A, B]. */
    public static Optional<Fix> of(Expr.Binary ratio, List<ExpSum> sums, MethodFacts facts) {
        ClassFacts context = facts.context();
        if (sums.size() != 2) {
            return Optional.empty();
        }
        Optional<LogSpaceAccumulator> a = LogSumExpFixes.logSpaceAccumulator(context, facts, sums.get(0));
        Optional<LogSpaceAccumulator> b = LogSumExpFixes.logSpaceAccumulator(context, facts, sums.get(1));
        if (a.isEmpty() || b.isEmpty() || a.get().declaration() == b.get().declaration()
                || a.get().logName().equals(b.get().logName()) || !readsBoth(ratio, a.get(), b.get())) {
            return Optional.empty();
        }
        List<TextEdit> edits = new ArrayList<>(a.get().edits());
        edits.addAll(b.get().edits());
        edits.add(SourceEdits.replaceByPrimary(ratio.span(), LogSumExpFixes.STABLE_MATH + ".sigmoid("
                + a.get().logName() + " - " + b.get().logName() + ")", context));
        List<SourceSpan> done = new ArrayList<>(List.of(ratio.span()));
        readOthers(a.get(), b.get(), done, facts, edits);
        readOthers(b.get(), a.get(), done, facts, edits);
        return Optional.of(Fix.review("Accumulate both sums in log space and take StableMath.sigmoid of their difference",
                edits, List.of(LogSumExpFixes.STABLE_MATH)));
    }

    /** The ratio reads the two sums' variables themselves, A over A + B, not an expression around them. */
    private static boolean readsBoth(Expr.Binary ratio, LogSpaceAccumulator a, LogSpaceAccumulator b) {
        if (!(Nodes.stripCasts(ratio.right()) instanceof Expr.Binary total) || total.op() != BinaryOp.ADD) {
            return false;
        }
        return reads(ratio.left(), a) && (reads(total.left(), a) && reads(total.right(), b)
                || reads(total.left(), b) && reads(total.right(), a));
    }

    private static boolean reads(Expr e, LogSpaceAccumulator sum) {
        return Nodes.stripCasts(e) instanceof Expr.VarRead v && v.id().equals(sum.declaration().id());
    }

    /** Adds the edits of the reads of {@code sum} outside {@code done} and the statements the accumulators rewrote. */
    private static void readOthers(LogSpaceAccumulator sum, LogSpaceAccumulator other, List<SourceSpan> done,
                                      MethodFacts facts, List<TextEdit> edits) {
        ClassFacts context = facts.context();
        for (Expr.VarRead read : DeadCode.readsOf(sum.declaration().id(), facts)) {
            if (done.stream().anyMatch(s -> s.contains(read.span()))
                    || sum.rewritten().stream().anyMatch(s -> s.contains(read.span()))
                    || other.rewritten().stream().anyMatch(s -> s.contains(read.span()))) {
                continue;
            }
            Optional<Expr.Call> log = LogSumExpFixes.logOf(read, facts);
            Optional<Expr.Binary> quotient = quotientOfBoth(read, sum, other, facts);
            if (log.isPresent()) {
                edits.add(SourceEdits.replaceByPrimary(log.get().span(), sum.logName(), context));
            } else if (quotient.isPresent()) {
                boolean first = reads(quotient.get().left(), sum);
                String difference = first ? sum.logName() + " - " + other.logName() : other.logName() + " - " + sum.logName();
                edits.add(SourceEdits.replaceByPrimary(quotient.get().span(), "Math.exp(" + difference + ")", context));
                done.add(quotient.get().span());
            } else {
                edits.add(TextEdit.replace(read.span(), "Math.exp(" + sum.logName() + ")"));
            }
        }
    }

    /** The quotient {@code A / B} (or {@code B / A}) of the two sums around {@code read}. */
    private static Optional<Expr.Binary> quotientOfBoth(Expr.VarRead read, LogSpaceAccumulator sum,
                                                       LogSpaceAccumulator other, MethodFacts facts) {
        return Nodes.expressions(facts.method().body()).stream()
                .filter(e -> e instanceof Expr.Binary q && q.op() == BinaryOp.DIVIDE
                        && (Nodes.stripCasts(q.left()).span().equals(read.span()) && reads(q.right(), other)
                        || Nodes.stripCasts(q.right()).span().equals(read.span()) && reads(q.left(), other)))
                .map(Expr.Binary.class::cast).findFirst();
    }
}
