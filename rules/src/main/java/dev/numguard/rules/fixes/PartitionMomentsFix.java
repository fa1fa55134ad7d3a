package dev.numguard.rules.fixes;

import dev.numguard.rules.Fix;
import dev.numguard.rules.TextEdit;
import dev.numguard.rules.facts.ClassFacts;
import dev.numguard.rules.facts.MathCalls;
import dev.numguard.rules.facts.MethodFacts;
import dev.numguard.rules.facts.Nodes;
import dev.numguard.rules.facts.Reduction;
import dev.numguard.rules.facts.ReductionKind;
import dev.numguard.rules.facts.StreamPipeline;
import dev.numguard.rules.idioms.moments.Cancellation;
import dev.numguard.rules.model.ClassModel;
import dev.numguard.rules.model.Expr;
import dev.numguard.rules.model.FieldModel;
import dev.numguard.rules.model.MethodModel;
import dev.numguard.rules.model.Stmt;
import dev.numguard.rules.model.VarKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The fix of a variance over partial sums that worker objects of a class in the same file keep in
 * fields (one per partition, task or slice) and that are added up afterwards,
 * {@code parts.stream().mapToDouble(Part::sumOfSquares).sum()}: the parts keep a
 * {@code RunningStats} field beside the sums, fed the same value right after the sum of squares
 * ({@code stats.accept(x)}), and the formula merges them (Chan's parallel update, through
 * {@code PartialMoments.merged(parts, p -> p.stats)}) and reads
 * {@code PartialMoments.squaredDeviations(merged, n)}, equal in real arithmetic to
 * {@code Σx² − (Σx)²/n} for whatever count n the formula divides by. The sums and their getters stay.
 * It adds a field to the part class (its serialised form too), so it is a review fix.
 *
 * <p>Offered only where both sums are streamed from the same collection through getters that
 * return one field each, and those fields start at zero, are written nowhere in the file but in
 * one block of one method of the part class ({@code s += x}, {@code s2 += x * x}, the same
 * side-effect-free x) and in constructors setting them to zero.
 */
public final class PartitionMomentsFix {
    private static final String RUNNING_STATS = RunningStatsFix.RUNNING_STATS;

    private PartitionMomentsFix() {
    }

    /** A part's field sum, as the stream reads it through a getter. */
    private record PartSum(StreamPipeline stream, ClassFacts part, String field, Reduction update) {
    }

    public static Optional<Fix> of(MethodFacts facts, Expr.Binary subtraction, Cancellation c) {
        if (c.covariance()) {
            return Optional.empty();
        }
        // the moment analysis reads getter streams by their names only: find them through the formula's locals
        if (LoopRunningStatsFix.concat(c.left().reductions(), c.right().reductions()).stream()
                .anyMatch(o -> !(o instanceof StreamPipeline))) {
            return Optional.empty();
        }
        List<StreamPipeline> streams = new ArrayList<>();
        if (!streamsIn(subtraction, facts, streams, 0)) {
            return Optional.empty();
        }
        // the sum of squares and the sum among them (others, such as a count summed the same way, are counts)
        List<PartSum> found = streams.stream().map(s -> partSum(s, facts)).flatMap(Optional::stream).toList();
        List<PartSum> squaresSums = found.stream().filter(p -> MathCalls.squared(p.update().term()).isPresent()).toList();
        if (squaresSums.size() != 1) {
            return Optional.empty();
        }
        PartSum second = squaresSums.get(0);
        Expr squaredValue = MathCalls.squared(second.update().term()).orElseThrow();
        List<PartSum> sums = found.stream().filter(p -> p != second && p.part() == second.part()
                && Nodes.sameShape(Nodes.stripCasts(p.update().term()), Nodes.stripCasts(squaredValue))).toList();
        if (sums.size() != 1) {
            return Optional.empty();
        }
        PartSum first = sums.get(0);
        if (second.field().equals(first.field())
                || !Nodes.sameShape(Nodes.stripCasts(second.stream().source()), Nodes.stripCasts(first.stream().source()))) {
            return Optional.empty();
        }
        Expr source = Nodes.stripCasts(second.stream().source());
        if (!(source instanceof Expr.VarRead parts) || parts.kind() == VarKind.LOCAL && facts.definitions(parts.name()).size() > 1) {
            return Optional.empty();
        }
        Optional<Expr> squared = MathCalls.squared(second.update().term());
        if (squared.isEmpty() || !Nodes.sameShape(Nodes.stripCasts(squared.get()), Nodes.stripCasts(first.update().term()))
                || !StatedCountMomentsFix.sideEffectFree(squared.get())) {
            return Optional.empty();
        }
        Expr value = squared.get();
        ClassFacts part = second.part();
        MethodModel updating = enclosing(part, second.update()).orElse(null);
        if (updating == null || updating.isStatic() || !ownField(second.update()) || !ownField(first.update())) {
            return Optional.empty();
        }
        MethodFacts updatingFacts = part.facts(updating);
        Stmt.Block block = SourceEdits.parentBlock(updating, second.update().update()).orElse(null);
        if (block == null || !block.statements().contains(first.update().update())
                || !onlyWrittenThere(second, facts.context()) || !onlyWrittenThere(first, facts.context())) {
            return Optional.empty();
        }
        int from = Math.min(first.update().update().span().start(), second.update().update().span().start());
        int to = Math.max(first.update().update().span().end(), second.update().update().span().end());
        if (!ShiftedSumsFix.stableBetween(value, from, to, null, updatingFacts)) {
            return Optional.empty();
        }
        FieldModel squares = part.clazz().field(second.field()).orElseThrow();
        String text = part.file().text();
        String declaration = text.substring(squares.span().start(), squares.span().end());
        if (!declaration.endsWith(";") || declaration.contains(",")) {
            return Optional.empty();
        }
        String stats = StatedCountFormula.acceptedAfter(second.update().update(), block, value, VarKind.FIELD)
                .filter(name -> part.clazz().field(name).map(f -> text.substring(f.span().start(), f.span().end())
                        .contains("RunningStats")).orElse(false)).orElse(null);
        boolean fed = stats != null;
        for (int k = 0; stats == null; k++) {
            String candidate = k == 0 ? "runningStats" : "runningStats" + k;
            if (part.clazz().field(candidate).isEmpty() && !updatingFacts.isNameTaken(candidate)
                    && !mentioned(updating, candidate)) {
                stats = candidate;
            }
        }
        String element = SourceEdits.freshName(facts, "part");
        StreamPipeline squaresStream = second.stream();
        StreamPipeline sumStream = first.stream();
        Optional<String> formula = StatedCountFormula.replacement(subtraction,
                e -> sumKind(e, squaresStream, sumStream, facts),
                StatedCountFormula.PARTIAL_MOMENTS + ".merged(" + facts.context().text(source) + ", " + element + " -> "
                        + element + "." + stats + ")", facts);
        if (formula.isEmpty()) {
            return Optional.empty();
        }
        String separator = facts.context().lineSeparator();
        List<TextEdit> edits = new ArrayList<>();
        if (fed) {
            // an earlier round gave the parts their RunningStats for another formula: merge and read it
            return Optional.of(Fix.review("Merge the parts' RunningStats (Chan) for the variance",
                    List.of(TextEdit.replace(subtraction.span(), formula.get())), List.of(StatedCountFormula.PARTIAL_MOMENTS)));
        }
        int fieldEnd = squares.span().end();
        edits.add(new TextEdit(fieldEnd, fieldEnd, separator + ShiftedSumsFix.indentOf(squares.span().start(), part)
                + "final " + RUNNING_STATS + " " + stats + " = new " + RUNNING_STATS + "();"));
        int updateEnd = second.update().update().span().end();
        edits.add(new TextEdit(updateEnd, updateEnd, separator
                + ShiftedSumsFix.indentOf(second.update().update().span().start(), part)
                + stats + ".accept(" + part.text(value) + ");"));
        edits.add(TextEdit.replace(subtraction.span(), formula.get()));
        edits.sort(java.util.Comparator.comparingInt(TextEdit::start));
        for (int i = 1; i < edits.size(); i++) {
            if (edits.get(i).start() < edits.get(i - 1).end()) {
                return Optional.empty();
            }
        }
        return Optional.of(Fix.review("Keep a RunningStats in each part beside the partial sums and merge them "
                + "(Chan) for the variance", edits, List.of(RUNNING_STATS, StatedCountFormula.PARTIAL_MOMENTS)));
    }

    /** 2 for the stream of the sum of squares or a local holding only it, 1 for the sum's, else 0. */
    private static int sumKind(Expr e, StreamPipeline squares, StreamPipeline sum, MethodFacts facts) {
        Expr x = Nodes.stripCasts(e);
        if (x instanceof Expr.VarRead v && v.kind() == VarKind.LOCAL && facts.definitions(v.name()).size() <= 1) {
            Expr resolved = facts.resolve(x);
            x = resolved == null ? x : Nodes.stripCasts(resolved);
        }
        Optional<StreamPipeline> stream = StreamPipeline.of(x);
        return stream.isEmpty() ? 0 : stream.get().equals(squares) ? 2 : stream.get().equals(sum) ? 1 : 0;
    }

    /**
     * Collects the stream reductions {@code e} reads, directly or through locals; false where it
     * reads a local written more than once.
     */
    private static boolean streamsIn(Expr e, MethodFacts facts, List<StreamPipeline> out, int depth) {
        Expr x = Nodes.stripCasts(e);
        if (depth > 16) {
            return false;
        }
        Optional<StreamPipeline> stream = StreamPipeline.of(x);
        if (stream.isPresent()) {
            if (!out.contains(stream.get())) {
                out.add(stream.get());
            }
            return true;
        }
        if (x instanceof Expr.Binary b) {
            return streamsIn(b.left(), facts, out, depth + 1) && streamsIn(b.right(), facts, out, depth + 1);
        }
        Optional<Expr> squared = MathCalls.squared(x);
        if (squared.isPresent()) {
            return streamsIn(squared.get(), facts, out, depth + 1);
        }
        if (x instanceof Expr.VarRead v && v.kind() == VarKind.LOCAL) {
            if (facts.definitions(v.name()).size() > 1) {
                return false;
            }
            Expr resolved = facts.resolve(x);
            return resolved == null || Nodes.stripCasts(resolved) == x || streamsIn(resolved, facts, out, depth + 1);
        }
        // a count (a call, a field): the moment analysis took it as a scalar; it must hold no stream of its own
        return Nodes.expressions(x).stream().noneMatch(inner -> StreamPipeline.of(inner).isPresent());
    }

    /** The field sum a stream of getter results adds up, when the getter and the field are plain. */
    private static Optional<PartSum> partSum(StreamPipeline stream, MethodFacts facts) {
        if (stream.kind() != ReductionKind.SUM || stream.mappings().size() != 1
                || !(stream.mappings().get(0) instanceof Expr.MethodRef ref) || stream.source() == null) {
            return Optional.empty();
        }
        ClassFacts context = facts.context();
        ClassFacts part = null;
        for (ClassFacts candidate : context.project().classesOf(context.file())) {
            ClassModel m = candidate.clazz();
            if (m.qualifiedName().equals(ref.ownerType()) || m.simpleName().equals(ref.ownerType())
                    || ref.ownerType().endsWith("." + m.simpleName()) || ref.ownerType().endsWith("$" + m.simpleName())) {
                if (part != null) {
                    return Optional.empty();
                }
                part = candidate;
            }
        }
        if (part == null) {
            return Optional.empty();
        }
        List<MethodModel> getters = part.clazz().methodsNamed(ref.name());
        if (getters.size() != 1 || !getters.get(0).parameters().isEmpty() || getters.get(0).isStatic()) {
            return Optional.empty();
        }
        Expr returned = Nodes.singleReturnValue(getters.get(0)).map(Nodes::stripCasts).orElse(null);
        if (!(returned instanceof Expr.VarRead read) || read.kind() != VarKind.FIELD
                || read.qualifier() != null && !(read.qualifier() instanceof Expr.Other t && t.kind().equals("this"))) {
            return Optional.empty();
        }
        Optional<FieldModel> field = part.clazz().field(read.name());
        if (field.isEmpty() || field.get().isStatic() || field.get().init() != null
                && !(field.get().init() instanceof Expr.Literal l && MathCalls.isLiteral(l, 0))) {
            return Optional.empty();
        }
        List<Reduction> updates = part.fieldAccumulators().reductionsOf(read.name());
        if (updates.size() != 1 || updates.get(0).kind() != ReductionKind.SUM || updates.get(0).subtracted()
                || !(updates.get(0).update() instanceof Stmt.Assign)) {
            return Optional.empty();
        }
        return Optional.of(new PartSum(stream, part, read.name(), updates.get(0)));
    }

    private static Optional<MethodModel> enclosing(ClassFacts part, Reduction r) {
        return part.clazz().methods().stream().filter(m -> m.body() != null
                && m.body().span().contains(r.update().span())).findFirst();
    }

    /**
     * No statement or expression anywhere in the file writes the field but its update, and
     * constructors of its class setting it to zero.
     */
    private static boolean onlyWrittenThere(PartSum sum, ClassFacts context) {
        for (ClassFacts clazz : context.project().classesOf(context.file())) {
            for (MethodModel m : clazz.clazz().methods()) {
                if (m.body() == null) {
                    continue;
                }
                for (Stmt s : Nodes.statements(m.body())) {
                    if (s instanceof Stmt.Assign a && isField(a.target(), sum.field()) && s != sum.update().update()
                            && !(clazz == sum.part() && m.isConstructor() && Nodes.stripCasts(a.value()) instanceof Expr.Literal l
                            && MathCalls.isLiteral(l, 0) && a.op() == dev.numguard.rules.model.AssignOp.ASSIGN)) {
                        return false;
                    }
                }
                for (Expr e : Nodes.expressions(m.body())) {
                    if (e instanceof Expr.Unary u && u.op().assigns() && isField(u.operand(), sum.field())
                            || e instanceof Expr.Other o && o.kind().equals("assignment") && !o.children().isEmpty()
                            && isField(o.children().get(0), sum.field())) {
                        return false;
                    }
                }
            }
        }
        return true;
    }

    /** The update writes the instance's own field ({@code s += x} or {@code this.s += x}), where the new field is in scope. */
    private static boolean ownField(Reduction update) {
        return update.update() instanceof Stmt.Assign a && Nodes.stripCasts(a.target()) instanceof Expr.VarRead v
                && (v.qualifier() == null || v.qualifier() instanceof Expr.Other t && t.kind().equals("this"));
    }

    private static boolean isField(Expr target, String name) {
        return Nodes.stripCasts(target) instanceof Expr.VarRead v && v.kind() == VarKind.FIELD && v.name().equals(name);
    }

    private static boolean mentioned(MethodModel method, String name) {
        return method.body() != null && Nodes.expressions(method.body()).stream()
                .anyMatch(e -> e instanceof Expr.VarRead v && v.name().equals(name));
    }
}
