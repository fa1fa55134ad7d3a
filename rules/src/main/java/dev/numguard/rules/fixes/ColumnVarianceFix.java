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
import dev.numguard.rules.model.LoopKind;
import dev.numguard.rules.model.NumericType;
import dev.numguard.rules.model.Stmt;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The fix of a per-column variance of a matrix kept as rows: a loop over the columns {@code j}
 * sums {@code row[j]} and {@code row[j]²} over every row, then takes {@code sumSq / n - mean²}.
 * {@code Statistics.columnVariance(rows)} is computed once before the column loop and the formula
 * becomes its {@code [j]}; the sum-of-squares accumulator, which fed only the formula, goes.
 */
public final class ColumnVarianceFix {
    private ColumnVarianceFix() {
    }

    public static Optional<Fix> of(ClassFacts context, MethodFacts facts, Expr.Binary subtraction, Cancellation c) {
        if (c.covariance() || c.nPower() != -1 || c.left().divisors().size() != 1) {
            return Optional.empty();
        }
        Optional<Reduction> found = c.left().reductions().stream()
                .filter(r -> r instanceof Reduction red && red.kind() == ReductionKind.SUM && red.loop() != null)
                .map(Reduction.class::cast).findFirst();
        if (found.isEmpty() || !(found.get().update() instanceof Stmt.Assign update)) {
            return Optional.empty();
        }
        Reduction squares = found.get();
        Optional<Expr> squared = MathCalls.squared(squares.term());
        if (squared.isEmpty() || !(Nodes.stripCasts(squared.get()) instanceof Expr.ArrayElement element)
                || !(Nodes.stripCasts(element.index()) instanceof Expr.VarRead column)) {
            return Optional.empty();
        }
        Optional<Expr> matrix = rowsOf(element, squares.loop(), facts);
        Optional<Stmt.Loop> columnLoop = facts.loops().stream()
                .filter(l -> l.span().contains(squares.loop().span()) && l.span().contains(subtraction.span())
                        && column.name().equals(l.inductionVariable()))
                .reduce((outer, inner) -> inner);
        if (matrix.isEmpty() || columnLoop.isEmpty() || !matrix.get().type().numeric().isFloatingPoint()
                || matrix.get().type().arrayDimensions() != 2 || !(matrix.get() instanceof Expr.VarRead)
                || !isLengthOf(c.left().divisors().get(0), matrix.get(), facts)
                || !SourceEdits.startsLine(columnLoop.get().span().start(), context)) {
            return Optional.empty();
        }
        Stmt.LocalDecl accumulator = facts.declaration(squares.variable());
        if (accumulator == null || DeadCode.readsOf(accumulator.id(), facts).stream()
                .anyMatch(r -> !update.span().contains(r.span()) && !subtraction.span().contains(r.span()))) {
            return Optional.empty();
        }
        String elementType = matrix.get().type().numeric() == NumericType.FLOAT ? "float" : "double";
        String variances = SourceEdits.freshName(facts, "columnVariances", "variances");
        String rows = context.text(matrix.get());
        List<TextEdit> edits = new ArrayList<>();
        edits.add(TextEdit.insert(columnLoop.get().span().start(), elementType + "[] " + variances + " = "
                + MomentFixes.STATISTICS + ".columnVariance(" + rows + ");" + context.lineSeparator()
                + context.indentationAt(columnLoop.get().span().start())));
        edits.add(SourceEdits.replaceByPrimary(subtraction.span(), variances + "[" + column.name() + "]", context));
        DeadCode.deleteDeclaration(accumulator, facts).ifPresent(edits::add);
        DeadCode.deleteLines(update, context).ifPresent(edits::add);
        return Optional.of(Fix.review("Use Statistics.columnVariance", edits, List.of(MomentFixes.STATISTICS)));
    }

    /** The matrix whose rows the loop walks: {@code rows} in {@code for (double[] row : rows)} or {@code rows[i][j]}. */
    private static Optional<Expr> rowsOf(Expr.ArrayElement element, Stmt.Loop loop, MethodFacts facts) {
        Expr row = Nodes.stripCasts(element.array());
        if (loop.kind() == LoopKind.FOR_EACH && row instanceof Expr.VarRead v && v.name().equals(loop.element().name())) {
            return Optional.of(Nodes.stripCasts(loop.iterable()));
        }
        if (row instanceof Expr.ArrayElement rowRead && Nodes.stripCasts(rowRead.index()) instanceof Expr.VarRead i
                && i.name().equals(loop.inductionVariable())
                && Nodes.stripCasts(rowRead.array()) instanceof Expr.VarRead matrix
                && WholeArrayIdiom.coversArray(loop, matrix.name(), facts)) {
            return Optional.of(matrix);
        }
        return Optional.empty();
    }

    /** True when {@code divisor} is (a local holding) {@code matrix.length}. */
    private static boolean isLengthOf(Expr divisor, Expr matrix, MethodFacts facts) {
        Expr n = Nodes.stripCasts(facts.resolve(divisor));
        return n instanceof Expr.VarRead length && length.name().equals("length") && length.qualifier() != null
                && facts.context().text(length.qualifier()).equals(facts.context().text(matrix));
    }
}
