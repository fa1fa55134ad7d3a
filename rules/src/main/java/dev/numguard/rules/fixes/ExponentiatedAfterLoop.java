package dev.numguard.rules.fixes;

import dev.numguard.rules.Fix;
import dev.numguard.rules.SourceSpan;
import dev.numguard.rules.TextEdit;
import dev.numguard.rules.facts.ClassFacts;
import dev.numguard.rules.facts.Definition;
import dev.numguard.rules.facts.MathCalls;
import dev.numguard.rules.facts.MethodFacts;
import dev.numguard.rules.facts.Nodes;
import dev.numguard.rules.facts.Reduction;
import dev.numguard.rules.idioms.exp.ExpSum;
import dev.numguard.rules.model.AssignOp;
import dev.numguard.rules.model.BinaryOp;
import dev.numguard.rules.model.Expr;
import dev.numguard.rules.model.LoopKind;
import dev.numguard.rules.model.NumericType;
import dev.numguard.rules.model.Stmt;
import dev.numguard.rules.model.VarKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A softmax whose exponents need the loop body that computes them ({@code e[i] = exp(logPrior + logLik)}
 * after an inner loop), so no copy of the loop header can take their maximum first: the array keeps
 * the exponents instead ({@code e[i] = logPrior + logLik}), the loop no longer sums, and right after it
 * one loop takes the maximum and another exponentiates in place shifted by it and sums,
 * {@code e[i] = exp(e[i] - max); tot += e[i]}. The ratios {@code e[i] / tot} (in the normalising
 * helper the two are handed to) are unchanged; a read of the total anywhere else becomes
 * {@code tot * exp(max)}, the unshifted total to rounding (Infinity or 0 where the original was).
 *
 * <p>Only for a local {@code double[]} written, in a counted loop, only at the loop's index and only
 * with {@code exp(..)} by top-level statements of its body, summed by a later top-level
 * {@code tot += e[i]} into a local, and read after the loop only within {@code uses}.
 */
public final class ExponentiatedAfterLoop {
    private ExponentiatedAfterLoop() {
    }

    public static Optional<Fix> of(ExpSum sum, List<SourceSpan> uses, MethodFacts facts) {
        ClassFacts context = facts.context();
        Reduction r = sum.reduction();
        Stmt.Loop loop = sum.loop();
        if (r == null || loop == null || sum.viaHelper() != null || sum.method() != facts.method()
                || r.variableKind() != VarKind.LOCAL || r.subtracted() || loop.kind() != LoopKind.FOR
                || loop.inductionVariable() == null || !(loop.body() instanceof Stmt.Block body)
                || !body.statements().contains(r.update()) || !(r.update() instanceof Stmt.Assign update)
                || update.op() != AssignOp.ADD
                || !(Nodes.stripCasts(update.value()) instanceof Expr.ArrayElement summed)
                || !(Nodes.stripCasts(summed.array()) instanceof Expr.VarRead array) || array.kind() != VarKind.LOCAL
                || !isIndex(summed.index(), loop) || !array.type().isFloatingVector()
                || array.type().numeric() != NumericType.DOUBLE || array.type().arrayDimensions() != 1
                || facts.declaration(r.variable()) == null
                || !SourceEdits.startsLine(loop.span().start(), context)) {
            return Optional.empty();
        }
        // every write of the array: e[i] = exp(..), inside the loop, before the sum
        List<Definition> writes = facts.elementWritesAll(array.name());
        if (writes.isEmpty()) {
            return Optional.empty();
        }
        List<Stmt.Loop> inner = Nodes.statements(loop.body()).stream()
                .filter(st -> st instanceof Stmt.Loop).map(Stmt.Loop.class::cast).toList();
        List<TextEdit> edits = new ArrayList<>();
        for (Definition w : writes) {
            if (!w.isPlain() || !(w.site() instanceof Stmt.Assign write) || !loop.span().contains(write.span())
                    || inner.stream().anyMatch(l -> l.span().contains(write.span()))
                    || write.span().start() > update.span().start()
                    || !(write.target() instanceof Expr.ArrayElement target) || !isIndex(target.index(), loop)
                    || !(write.value() instanceof Expr.Call exp) || MathCalls.expArgument(exp).isEmpty()) {
                return Optional.empty();
            }
            edits.add(TextEdit.replace(exp.span(), context.text(MathCalls.expArgument(exp).get())));
        }
        // the copied headers run over the same indices: the body assigns neither the index nor the total's start
        String index = loop.inductionVariable();
        if (facts.definitions(index).stream().anyMatch(d -> loop.body().span().contains(d.site().span()))) {
            return Optional.empty();
        }
        String total = r.variable();
        Stmt.LocalDecl totalDeclaration = facts.declaration(total);
        if (totalDeclaration.init() == null || !(Nodes.stripCasts(totalDeclaration.init()) instanceof Expr.Literal zero)
                || zero.numericValue() != 0.0) {
            return Optional.empty(); // a total started elsewhere (1 for an implicit class) is not Σ exp alone
        }
        // the array and the total: read outside the loop only where both are handed on together
        // (its length anywhere)
        List<Expr.VarRead> totalElsewhere = new ArrayList<>();
        for (Expr e : Nodes.expressions(facts.method().body())) {
            if (!(e instanceof Expr.VarRead v) || v.kind() != VarKind.LOCAL || isLengthOf(v, facts)) {
                continue;
            }
            boolean inUse = uses.stream().anyMatch(u -> u.contains(v.span()));
            boolean inLoop = loop.span().contains(v.span());
            if (v.name().equals(array.name()) && !inUse && !(inLoop && update.span().contains(v.span()))
                    && !(inLoop && writes.stream().anyMatch(w -> w.site().span().contains(v.span())))) {
                return Optional.empty();
            }
            if (v.name().equals(total) && !inUse && !update.span().contains(v.span())) {
                if (inLoop || v.span().start() < loop.span().end()) {
                    return Optional.empty();
                }
                totalElsewhere.add(v);
            }
        }
        if (facts.definitions(total).stream().anyMatch(d -> d.site() != update && d.site() != facts.declaration(total))) {
            return Optional.empty();
        }
        Optional<TextEdit> deleted = DeadCode.deleteLines(update, context);
        if (deleted.isEmpty()) {
            return Optional.empty();
        }
        edits.add(deleted.get());
        String max = SourceEdits.freshName(facts, "max", "maxExponent", "shift");
        String text = context.file().text();
        int after = text.indexOf('\n', loop.span().end());
        if (after < 0 || !text.substring(loop.span().end(), after).isBlank()) {
            return Optional.empty();
        }
        String indent = context.indentationAt(loop.span().start());
        String unit = SourceEdits.indentUnit(loop, context);
        String nl = context.lineSeparator();
        String header = text.substring(loop.span().start(), loop.body().span().start()).stripTrailing();
        String element = array.name() + "[" + loop.inductionVariable() + "]";
        edits.add(TextEdit.insert(after + 1, indent + "double " + max + " = Double.NEGATIVE_INFINITY;" + nl
                + indent + header + " {" + nl
                + indent + unit + max + " = Math.max(" + max + ", " + element + ");" + nl
                + indent + "}" + nl
                + indent + header + " {" + nl
                + indent + unit + element + " = Math.exp(" + element + " - " + max + ");" + nl
                + indent + unit + total + " += " + element + ";" + nl
                + indent + "}" + nl));
        for (Expr.VarRead v : totalElsewhere) {
            String product = total + " * Math.exp(" + max + ")";
            edits.add(TextEdit.replace(v.span(), needsParentheses(v, facts) ? "(" + product + ")" : product));
        }
        return Optional.of(Fix.review("Keep the exponents, then exponentiate shifted by their maximum after the loop",
                edits, List.of()));
    }

    /**
     * Whether a product written for {@code v} needs parentheses: as the operand of a unary operator or
     * a cast, or the right operand of a multiplicative operator; never as an argument, a value, or an
     * operand of {@code +}, {@code -} or a comparison (a double total takes no other operator).
     */
    private static boolean needsParentheses(Expr.VarRead v, MethodFacts facts) {
        for (Expr x : Nodes.expressions(facts.method().body())) {
            if (x instanceof Expr.Unary u && u.operand() == v || x instanceof Expr.Cast c && c.operand() == v) {
                return true;
            }
            if (x instanceof Expr.Binary b && (b.left() == v || b.right() == v)) {
                boolean multiplicative = b.op() == BinaryOp.MULTIPLY || b.op() == BinaryOp.DIVIDE
                        || b.op() == BinaryOp.REMAINDER;
                return multiplicative && b.right() == v;
            }
        }
        return false;
    }

    private static boolean isLengthOf(Expr.VarRead array, MethodFacts facts) {
        return Nodes.expressions(facts.method().body()).stream().anyMatch(e -> e instanceof Expr.VarRead length
                && length.name().equals("length") && length.qualifier() == array);
    }

    private static boolean isIndex(Expr index, Stmt.Loop loop) {
        return Nodes.stripCasts(index) instanceof Expr.VarRead i && i.name().equals(loop.inductionVariable());
    }
}
