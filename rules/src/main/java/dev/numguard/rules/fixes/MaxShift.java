package dev.numguard.rules.fixes;

import dev.numguard.rules.SourceSpan;
import dev.numguard.rules.TextEdit;
import dev.numguard.rules.facts.ClassFacts;
import dev.numguard.rules.facts.Definition;
import dev.numguard.rules.facts.MathCalls;
import dev.numguard.rules.facts.MethodFacts;
import dev.numguard.rules.facts.Nodes;
import dev.numguard.rules.facts.objects.ObjectLowering;
import dev.numguard.rules.idioms.exp.ExpSum;
import dev.numguard.rules.idioms.exp.ExpTerm;
import dev.numguard.rules.idioms.exp.ReferenceClass;
import dev.numguard.rules.model.Expr;
import dev.numguard.rules.model.LoopKind;
import dev.numguard.rules.model.NumericType;
import dev.numguard.rules.model.Stmt;
import dev.numguard.rules.model.VarKind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The in-place stabilisation shared by the exp-sum rules: right before the loop that sums the
 * exponentials, compute the maximum of the summed exponent with a copy of that loop's header,
 * then subtract it in every exponent of the idiom. Possible only when the sum is a loop of the
 * method itself, the exponent can be recomputed from the loop header alone (no side effects, no
 * local assigned in the loop but the induction variable, no element of an array the loop fills),
 * the loop starts its line, and every
 * other exponent to shift lies after the loop's start in the same block.
 *
 * @param maxName the name of the new local holding the maximum
 * @param edits the insertion of the max loop and the shifted exponents
 */
public record MaxShift(String maxName, List<TextEdit> edits) {
    private static final List<String> PURE_CALLS = List.of("get", "getValue", "doubleValue", "floatValue", "size");

    /** Plans the shift of {@code sum} and of the further exponentials {@code others}, if possible. */
    public static Optional<MaxShift> plan(ClassFacts context, MethodFacts facts, ExpSum sum, List<ExpTerm> others,
                                          NumericType type) {
        return plan(context, facts, sum, others, type, false);
    }

    /**
     * As {@link #plan(ClassFacts, MethodFacts, ExpSum, List, NumericType)}; with {@code withZero}
     * the maximum starts at 0 instead of -Infinity, the maximum over an implicit zero exponent too
     * (a softmax with a constant term exp(0) = 1 in its sum, whose shifted value exp(-max) is then
     * at most 1).
     */
    public static Optional<MaxShift> plan(ClassFacts context, MethodFacts facts, ExpSum sum, List<ExpTerm> others,
                                          NumericType type, boolean withZero) {
        Stmt.Loop loop = sum.loop();
        if (sum.viaHelper() != null || loop == null || sum.terms().size() != 1 || sum.method() != facts.method()
                || loop.kind() != LoopKind.FOR && loop.kind() != LoopKind.FOR_EACH) {
            return Optional.empty();
        }
        ExpTerm summed = sum.terms().get(0);
        List<Stmt.LocalDecl> prelude = new ArrayList<>();
        // a reduced softmax's reference class, c ? 1 : exp(a): its constant 1 is exp(0), the maximum
        // is taken over c ? 0 : a (a is not evaluated where c picks the constant) and 1 becomes exp(-max)
        Optional<Expr.Conditional> reference = referenceClass(summed, loop);
        if (summed.argument() == null || !loop.span().contains(summed.site().span())
                || !computableInHeader(summed.argument(), loop, facts, prelude, 0)
                || reference.isPresent() && !computableInHeader(reference.get().condition(), loop, facts, prelude, 0)
                || !SourceEdits.startsLine(loop.span().start(), context)) {
            return Optional.empty();
        }
        prelude.sort(java.util.Comparator.comparingInt(d -> d.span().start()));
        Optional<Stmt.Block> block = SourceEdits.parentBlock(facts.method(), loop);
        if (block.isEmpty()) {
            return Optional.empty();
        }
        Map<SourceSpan, Expr> exponents = new LinkedHashMap<>();
        exponents.put(summed.site().span(), summed.argument());
        for (ExpTerm other : others) {
            SourceSpan site = other.site().span();
            if (other.argument() == null || !block.get().span().contains(site) || site.start() < loop.span().start()) {
                return Optional.empty();
            }
            exponents.put(site, other.argument());
        }
        String max = SourceEdits.freshName(facts, "max", "maxExponent", "shift");
        // The max takes the exponent's own type: Math.max of a float max and a double exponent is a
        // double, which a float max cannot hold (a lossy conversion javac rejects).
        NumericType exponentType = summed.argument().type().numeric();
        boolean floatMax = exponentType == NumericType.FLOAT
                || type == NumericType.FLOAT && !summed.argument().type().isFloatingScalar()
                        && exponentType != NumericType.INT && exponentType != NumericType.LONG;
        String keyword = floatMax ? "float" : "double";
        String boxed = floatMax ? "Float" : "Double";
        String indent = context.indentationAt(loop.span().start());
        String unit = SourceEdits.indentUnit(loop, context);
        String nl = context.lineSeparator();
        String header = context.file().text().substring(loop.span().start(), loop.body().span().start()).stripTrailing();
        String maxed = reference.map(c -> context.text(c.condition()) + " ? "
                + (c.whenTrue() == summed.site() ? context.text(summed.argument()) + " : 0" : "0 : " + context.text(summed.argument())))
                .orElse(context.text(summed.argument()));
        String insertion = indent + keyword + " " + max + " = " + (withZero ? "0" : boxed + ".NEGATIVE_INFINITY") + ";" + nl
                + indent + header + " {" + nl
                + preludeText(prelude, context, indent + unit, nl)
                + indent + unit + max + " = Math.max(" + max + ", " + maxed + ");" + nl
                + indent + "}" + nl;
        List<TextEdit> edits = new ArrayList<>();
        edits.add(TextEdit.insert(context.lineStart(loop.span().start()), insertion));
        for (Expr exponent : exponents.values()) {
            edits.add(TextEdit.replace(exponent.span(), SourceEdits.asAdditiveOperand(exponent, context) + " - " + max));
        }
        reference.ifPresent(c -> edits.add(TextEdit.replace((c.whenTrue() == summed.site() ? c.whenFalse() : c.whenTrue()).span(),
                "Math.exp(-" + max + ")")));
        return Optional.of(new MaxShift(max, edits));
    }

    /** The conditional {@code c ? 1 : exp(a)} (either order) of the loop whose exponential branch is the summed one. */
    private static Optional<Expr.Conditional> referenceClass(ExpTerm summed, Stmt.Loop loop) {
        return Nodes.expressions(loop.body()).stream()
                .filter(e -> e instanceof Expr.Conditional c && ReferenceClass.exponential(c)
                        .filter(branch -> Nodes.stripCasts(branch) == summed.site()).isPresent())
                .map(Expr.Conditional.class::cast).findFirst();
    }

    private static String preludeText(List<Stmt.LocalDecl> prelude, ClassFacts context, String indent, String nl) {
        StringBuilder out = new StringBuilder();
        Stmt.LocalDecl previous = null;
        for (Stmt.LocalDecl d : prelude) {
            if (previous == null || !previous.span().equals(d.span())) {
                out.append(indent).append(context.text(d.span())).append(nl);
            }
            previous = d;
        }
        return out.toString();
    }

    /**
     * True when a copy of the loop header can compute {@code exponent}: it has no side effect and
     * reads no local assigned inside the loop other than the induction variable, except locals
     * declared once at the top of the loop body from such expressions, which are collected into
     * {@code prelude} to be copied along.
     */
    static boolean computableInHeader(Expr exponent, Stmt.Loop loop, MethodFacts facts, List<Stmt.LocalDecl> prelude,
                                      int depth) {
        if (depth > 4) {
            return false;
        }
        String induction = loop.inductionVariable();
        for (Expr e : Nodes.expressions(exponent)) {
            // an index tuple is the arguments of a container's element getter, m.get(r, c)
            if (e instanceof Expr.Unary u && u.op().assigns() || e instanceof Expr.Other o && !o.kind().equals("this")
                    && !o.kind().equals(ObjectLowering.INDEX_TUPLE)) {
                return false;
            }
            if (e instanceof Expr.Call call && !MathCalls.isMathOwner(call.ownerType()) && !PURE_CALLS.contains(call.name())) {
                return false;
            }
            if (e instanceof Expr.VarRead v && v.kind() == VarKind.LOCAL && facts.definitions(v.name()).stream()
                    .anyMatch(d -> d.element() && loop.span().contains(d.site().span()))
                    && !InPlaceElement.readBeforeItsWrite(v, exponent, loop, facts)) {
                return false; // an array the loop fills: the copied header would read it after it is written
            }
            if (e instanceof Expr.VarRead v && v.kind() == VarKind.LOCAL && !v.name().equals(induction)) {
                Stmt.LocalDecl decl = facts.declaration(v.name());
                if (decl == null) {
                    return false;
                }
                List<Definition> inLoop = facts.definitions(v.name()).stream()
                        .filter(d -> !d.element() && loop.span().contains(d.site().span())).toList();
                if (inLoop.isEmpty()) {
                    continue;
                }
                boolean topOfBody = loop.body() instanceof Stmt.Block body && body.statements().contains(decl)
                        && inLoop.size() == 1 && inLoop.get(0).site() == decl && decl.init() != null;
                if (!topOfBody || !computableInHeader(decl.init(), loop, facts, prelude, depth + 1)) {
                    return false;
                }
                if (!prelude.contains(decl)) {
                    prelude.add(decl);
                }
            }
        }
        return true;
    }
}
