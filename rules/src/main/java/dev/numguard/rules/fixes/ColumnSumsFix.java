package dev.numguard.rules.fixes;

import dev.numguard.rules.Fix;
import dev.numguard.rules.TextEdit;
import dev.numguard.rules.facts.ClassFacts;
import dev.numguard.rules.facts.Definition;
import dev.numguard.rules.facts.MathCalls;
import dev.numguard.rules.facts.MethodFacts;
import dev.numguard.rules.facts.Nodes;
import dev.numguard.rules.idioms.moments.Cancellation;
import dev.numguard.rules.model.AssignOp;
import dev.numguard.rules.model.Expr;
import dev.numguard.rules.model.NumericType;
import dev.numguard.rules.model.Stmt;
import dev.numguard.rules.model.VarKind;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The fix of per-column (per-class, per-pixel) variances kept as arrays of power sums: a loop over
 * the rows runs a loop over the columns {@code j} that adds {@code x} to {@code sum[j]} and
 * {@code x²} to {@code sumSq[j]}, and a later loop over the same columns takes
 * {@code (sumSq[j] − sum[j]²/n) / (n − 1)}. The array of sums of squares becomes an array of
 * {@code RunningStats} ({@link dev.numguard.guards.RunningStats#newArray}), its update
 * {@code stats[j].accept(x)} and the formula {@code stats[j].sampleVariance()} (or the population
 * variance, or a standard deviation). The array of sums stays where something else reads it (a mean
 * printed beside the deviation) and goes with its update where only the formula did.
 *
 * <p>Offered only where every column provably receives exactly the count the formula divides by:
 * both arrays are local, created zeroed ({@code new double[k]}) and written only by their one
 * update; the two updates sit directly in the body of the column loop, which sits directly in the
 * body of a counted row loop {@code for (int i = 0; i < n; i++)} (or one covering an array whose
 * length is the count) with no {@code break}, {@code continue} or {@code return} inside; the
 * formula's loop walks the same columns (the same header, over variables written once); and every
 * count in the formula is that {@code n}. The rewrite changes declarations and statements, so it
 * is a review fix.
 */
public final class ColumnSumsFix {
    private static final String RUNNING_STATS = RunningStatsFix.RUNNING_STATS;

    private ColumnSumsFix() {
    }

    /** A local array of sums with its one update {@code array[j] += term}. */
    private record ColumnSum(Stmt.LocalDecl declaration, Stmt.Assign update, Expr.VarRead column, Expr term) {
        String name() {
            return declaration.name();
        }
    }

    public static Optional<Fix> of(MethodFacts facts, Expr.Binary subtraction, Cancellation c) {
        if (c.covariance() || c.weighted() || !c.left().reductions().isEmpty() || !c.right().reductions().isEmpty()) {
            return Optional.empty();
        }
        Map<String, Expr.VarRead> arrays = new LinkedHashMap<>();
        for (Expr e : Nodes.expressions(subtraction)) {
            if (e instanceof Expr.ArrayElement element && Nodes.stripCasts(element.array()) instanceof Expr.VarRead array
                    && array.kind() == VarKind.LOCAL) {
                if (!(Nodes.stripCasts(element.index()) instanceof Expr.VarRead index) || index.kind() != VarKind.LOCAL) {
                    return Optional.empty();
                }
                Expr.VarRead previous = arrays.putIfAbsent(array.name(), index);
                if (previous != null && !previous.name().equals(index.name())) {
                    return Optional.empty();
                }
            }
        }
        if (arrays.size() != 2 || arrays.values().stream().map(Expr.VarRead::name).distinct().count() != 1) {
            return Optional.empty();
        }
        List<ColumnSum> sums = new ArrayList<>();
        for (String name : arrays.keySet()) {
            ColumnSum sum = columnSum(name, facts);
            if (sum == null) {
                return Optional.empty();
            }
            sums.add(sum);
        }
        ClassFacts context = facts.context();
        ColumnSum second = null;
        ColumnSum first = null;
        for (int i = 0; i < 2; i++) {
            ColumnSum candidate = sums.get(i);
            ColumnSum other = sums.get(1 - i);
            Optional<Expr> base = MathCalls.squared(candidate.term());
            if (base.isPresent() && context.text(Nodes.stripCasts(base.get())).equals(context.text(Nodes.stripCasts(other.term())))) {
                second = candidate;
                first = other;
            }
        }
        if (second == null || !second.column().name().equals(first.column().name())) {
            return Optional.empty();
        }
        Optional<Stmt.Block> updates = SourceEdits.parentBlock(facts.method(), second.update());
        Stmt.Loop columns = innermostLoop(second.update(), facts);
        if (updates.isEmpty() || !updates.get().statements().contains(first.update()) || columns == null
                || columns.body() != updates.get() || !second.column().name().equals(columns.inductionVariable())) {
            return Optional.empty();
        }
        Stmt.Loop rows = facts.loops().stream().filter(l -> l.body() instanceof Stmt.Block body
                && body.statements().contains(columns)).findFirst().orElse(null);
        String column = arrays.values().iterator().next().name();
        Stmt.Loop formulaLoop = facts.loops().stream().filter(l -> l.span().contains(subtraction.span())
                        && column.equals(l.inductionVariable())).max(Comparator.comparingInt(l -> l.span().start()))
                .orElse(null);
        if (rows == null || leavesEarly(rows) || formulaLoop == null || formulaLoop.span().start() < rows.span().end()
                || !sameColumns(columns, formulaLoop, facts)) {
            return Optional.empty();
        }
        Optional<Stmt.Block> declared = SourceEdits.parentBlock(facts.method(), second.declaration());
        if (declared.isEmpty() || !declared.get().statements().contains(rows)
                || !declared.get().statements().contains(first.declaration())) {
            return Optional.empty();
        }
        for (Expr count : LoopRunningStatsFix.counts(c)) {
            if (!isCount(count, rows, facts)) {
                return Optional.empty();
            }
        }
        LoopRunningStatsFix.Formula formula = LoopRunningStatsFix.formula(subtraction, c.nPower() + 1,
                e -> isCount(e, rows, facts), false, () -> countName(subtraction, rows, facts), facts);
        if (formula == null) {
            return Optional.empty();
        }
        // reads of the sums of squares outside the update and the formula, or locals left feeding nothing
        ColumnSum squares = second;
        if (DeadCode.readsOf(squares.declaration().id(), facts).stream().anyMatch(r -> !squares.update().span().contains(r.span())
                && !formula.root().span().contains(r.span())) || feedsOnlyTheFormula(formula.root(), facts)) {
            return Optional.empty();
        }

        String stats = SourceEdits.freshName(facts, "columnStats", "stats");
        String length = context.text(((Expr.Other) squares.declaration().init()).children().get(0));
        List<TextEdit> edits = new ArrayList<>();
        edits.add(TextEdit.replace(squares.declaration().span(), RUNNING_STATS + "[] " + stats + " = " + RUNNING_STATS
                + ".newArray(" + length + ");"));
        edits.add(TextEdit.replace(squares.update().span(), stats + "[" + squares.column().name() + "].accept("
                + context.text(MathCalls.squared(squares.term()).get()) + ");"));
        String call = stats + "[" + column + "]." + formula.method() + "()";
        if (formula.countFactor() != null) {
            call = formula.countFactor() + " * " + call;
        }
        if (formula.root().type().numeric() == NumericType.FLOAT) {
            call = "(float) " + (formula.countFactor() == null ? call : "(" + call + ")");
        }
        edits.add(formula.countFactor() == null ? SourceEdits.replaceByPrimary(formula.root().span(), call, context)
                : TextEdit.replace(formula.root().span(),
                SourceEdits.ungroupedWhereStandalone("(" + call + ")", formula.root(), facts)));
        ColumnSum sum = first;
        if (DeadCode.readsOf(sum.declaration().id(), facts).stream().allMatch(r -> sum.update().span().contains(r.span())
                || formula.root().span().contains(r.span()))) {
            Optional<TextEdit> declaration = DeadCode.deleteDeclaration(sum.declaration(), facts);
            Optional<TextEdit> update = DeadCode.deleteLines(sum.update(), context);
            if (declaration.isEmpty() || update.isEmpty()) {
                return Optional.empty();
            }
            edits.add(declaration.get());
            edits.add(update.get());
        }
        edits.sort(Comparator.comparingInt(TextEdit::start));
        for (int i = 1; i < edits.size(); i++) {
            if (edits.get(i).start() < edits.get(i - 1).end()) {
                return Optional.empty();
            }
        }
        return Optional.of(Fix.review("Keep a RunningStats (Welford) per column instead of the arrays of power sums",
                edits, List.of(RUNNING_STATS)));
    }

    /**
     * The local {@code double[] name = new double[k]} (alone in its statement) whose elements only
     * {@code name[j] += term} writes, once.
     */
    private static ColumnSum columnSum(String name, MethodFacts facts) {
        Stmt.LocalDecl declaration = facts.declaration(name);
        if (declaration == null || declaration.id() == null || declaration.type().numeric() != NumericType.DOUBLE
                || declaration.type().arrayDimensions() != 1
                || !(declaration.init() instanceof Expr.Other creation && creation.kind().equals("new-array")
                && creation.children().size() == 1)
                || !SourceEdits.startsLine(declaration.span().start(), facts.context())
                || facts.statements().stream().filter(s -> s.span().equals(declaration.span())).count() != 1) {
            return null;
        }
        List<Definition> definitions = facts.definitions(name);
        List<Definition> elements = definitions.stream().filter(Definition::element).toList();
        if (definitions.size() != elements.size() + 1 || elements.size() != 1
                || !(elements.get(0).site() instanceof Stmt.Assign update) || update.op() != AssignOp.ADD
                || !(Nodes.stripCasts(update.target()) instanceof Expr.ArrayElement target)
                || !(Nodes.stripCasts(target.index()) instanceof Expr.VarRead column) || column.kind() != VarKind.LOCAL) {
            return null;
        }
        // the array handed to a call or aliased could be written there
        for (Expr.VarRead read : DeadCode.readsOf(declaration.id(), facts)) {
            boolean indexed = Nodes.expressions(facts.method().body()).stream().anyMatch(e -> e instanceof Expr.ArrayElement el
                    && Nodes.stripCasts(el.array()).span().equals(read.span()));
            if (!indexed) {
                return null;
            }
        }
        return new ColumnSum(declaration, update, column, update.value());
    }

    private static Stmt.Loop innermostLoop(Stmt statement, MethodFacts facts) {
        return facts.loops().stream().filter(l -> l.span().contains(statement.span()))
                .max(Comparator.comparingInt(l -> l.span().start())).orElse(null);
    }

    /** A {@code break}, {@code continue} or {@code return} inside the loop: some row may skip a column. */
    private static boolean leavesEarly(Stmt.Loop loop) {
        return Nodes.statements(loop.body()).stream().anyMatch(s -> s instanceof Stmt.Return
                || s instanceof Stmt.Other o && (o.kind().equals("break") || o.kind().equals("continue")));
    }

    /**
     * Both loops are counted {@code for} loops with the same header text, and every variable the
     * header reads besides the induction variable is written once (its declaration): they walk the
     * same columns.
     */
    private static boolean sameColumns(Stmt.Loop updated, Stmt.Loop read, MethodFacts facts) {
        if (updated.inductionVariable() == null || updated.condition() == null || read.condition() == null) {
            return false;
        }
        if (!header(updated, facts).equals(header(read, facts))) {
            return false;
        }
        for (Expr e : Nodes.expressions(updated.condition())) {
            if (e instanceof Expr.VarRead v && v.kind() == VarKind.LOCAL && !v.name().equals(updated.inductionVariable())
                    && facts.definitions(v.name()).size() != 1) {
                return false;
            }
        }
        for (Stmt init : updated.init()) {
            for (Expr e : Nodes.expressions(init)) {
                if (e instanceof Expr.VarRead v && v.kind() == VarKind.LOCAL && facts.definitions(v.name()).size() != 1) {
                    return false;
                }
            }
        }
        String i = updated.inductionVariable();
        return facts.definitions(i).stream().noneMatch(d -> updated.body().span().contains(d.site().span())
                || read.body().span().contains(d.site().span()));
    }

    private static String header(Stmt.Loop loop, MethodFacts facts) {
        String text = facts.context().text(loop.span());
        return text.substring(0, loop.body().span().start() - loop.span().start()).replaceAll("\\s+", "");
    }

    /** {@code e} is the number of rows: the bound of the row loop, or the length of the array it covers whole. */
    private static boolean isCount(Expr e, Stmt.Loop rows, MethodFacts facts) {
        Expr r = Nodes.stripCasts(e);
        if (r instanceof Expr.Literal) {
            return true;
        }
        if (r instanceof Expr.VarRead length && length.name().equals("length") && length.qualifier() != null
                && Nodes.stripCasts(length.qualifier()) instanceof Expr.VarRead array
                && WholeArrayIdiom.coversArray(rows, array.name(), facts)) {
            return true;
        }
        if (LoopRunningStatsFix.isBound(r, rows, facts)) {
            return true;
        }
        // the formula's count already resolved to the value of the bound local (n = list.size())
        if (rows.condition() instanceof Expr.Binary comparison && Nodes.stripCasts(comparison.right()) instanceof Expr.VarRead bound
                && LoopRunningStatsFix.isBound(bound, rows, facts)
                && Nodes.stripCasts(facts.resolve(bound)).span().equals(r.span())) {
            return true;
        }
        Expr resolved = Nodes.stripCasts(facts.resolve(e));
        return resolved != r && isCount(resolved, rows, facts);
    }

    private static String countName(Expr.Binary subtraction, Stmt.Loop rows, MethodFacts facts) {
        return Nodes.expressions(subtraction).stream().filter(e -> e instanceof Expr.VarRead v
                        && (v.kind() != VarKind.FIELD || v.name().equals("length")) && isCount(e, rows, facts))
                .map(e -> facts.context().text(e)).findFirst().orElse(null);
    }

    /** A local read only inside the replaced formula would be left feeding nothing. */
    private static boolean feedsOnlyTheFormula(Expr root, MethodFacts facts) {
        for (Stmt s : facts.statements()) {
            if (s instanceof Stmt.LocalDecl d && d.id() != null) {
                List<Expr.VarRead> reads = DeadCode.readsOf(d.id(), facts);
                if (!reads.isEmpty() && reads.stream().allMatch(r -> root.span().contains(r.span()))) {
                    return true;
                }
            }
        }
        return false;
    }
}
