package dev.numguard.rules.fixes;

import dev.numguard.rules.Fix;
import dev.numguard.rules.TextEdit;
import dev.numguard.rules.facts.ClassFacts;
import dev.numguard.rules.facts.MathCalls;
import dev.numguard.rules.facts.MethodFacts;
import dev.numguard.rules.facts.MethodUses;
import dev.numguard.rules.facts.Nodes;
import dev.numguard.rules.idioms.moments.Cancellation;
import dev.numguard.rules.model.AssignOp;
import dev.numguard.rules.model.BinaryOp;
import dev.numguard.rules.model.ClassModel;
import dev.numguard.rules.model.Expr;
import dev.numguard.rules.model.FieldModel;
import dev.numguard.rules.model.LoopKind;
import dev.numguard.rules.model.MethodModel;
import dev.numguard.rules.model.NumericType;
import dev.numguard.rules.model.Stmt;
import dev.numguard.rules.model.VarKind;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The shifted-data fix of per-element running sums kept in two array fields of a class:
 * {@code S[j] += x; Q[j] += x * x;} in a counted loop over every element ({@code for (j = 0; j < len; j++)},
 * {@code len} the arrays' allocated length), in any number of update methods (a pixel-wise
 * projection of image slices, per-feature moments of a stream of rows), and an element-wise
 * one-pass variance {@code (n·Q[i] − S[i]²)/n} (any form {@link StatedCountFormula} reads) in
 * another method. The class gets a shift array (each element's first value) and an update count;
 * the loops add {@code x − K[j]} and {@code (x − K[j])²}, the first pass setting {@code K[j] = x},
 * and the subtraction becomes {@code PartialMoments.squaredDeviations(updates, K[i], S[i], Q[i], n)}
 * times the power of n it had: equal in real arithmetic to {@code Σx² − (Σx)²/n} for every n (the
 * count the formula divides by is not proved to be the number of updates), with the digits of the
 * spread kept where the raw sums lose them once |mean|/std passes about 10^8. Field types, the
 * public API and the arrays' memory layout stay; one array of the same length is added.
 *
 * <p>Offered only where all of that is proved: both arrays are private instance {@code double[]}
 * fields, allocated only by {@code new double[len]} (in constructors or their initialisers, all
 * with the same length, a literal or fields written only in constructors) and otherwise touched
 * only by the element updates and the formula, in no other class of the file; each update loop
 * starts at 0, runs to that length (or the arrays' {@code length}), holds both updates of the same
 * side-effect-free value directly in its body and has no {@code break}, {@code continue} or
 * {@code return}: so every element is updated exactly once per pass and the count of passes is its
 * number of values. Where the arrays are read anywhere else (a mean, a getter, a reset), the raw
 * sums would be needed back, and no fix is offered. It adds fields and changes several
 * statements, so it is a review fix.
 */
public final class FieldArrayShiftFix {

    private FieldArrayShiftFix() {
    }

    /** One loop's updates {@code S[j] += x} and {@code Q[j] += x * x}. */
    private record Update(MethodFacts facts, Stmt.Loop loop, String index, Stmt.Assign sum, Stmt.Assign squares,
                          Expr value) {
    }

    public static Optional<Fix> of(MethodFacts facts, Expr.Binary subtraction, Cancellation c) {
        if (c.covariance() || c.weighted() || facts.method().isStatic()) {
            return Optional.empty();
        }
        ClassFacts context = facts.context();
        // the two array fields the formula reads, at one index
        Set<String> arrays = new LinkedHashSet<>();
        Expr index = null;
        for (Expr e : Nodes.expressions(subtraction)) {
            if (e instanceof Expr.ArrayElement el && Nodes.stripCasts(el.array()) instanceof Expr.VarRead v
                    && v.kind() == VarKind.FIELD) {
                if (index != null && !Nodes.sameShape(Nodes.stripCasts(index), Nodes.stripCasts(el.index()))) {
                    return Optional.empty();
                }
                index = el.index();
                arrays.add(v.name());
            }
        }
        if (arrays.size() != 2 || index == null || !StatedCountMomentsFix.sideEffectFree(index)) {
            return Optional.empty();
        }
        List<FieldModel> fields = new ArrayList<>();
        for (String name : arrays) {
            FieldModel f = context.clazz().field(name).orElse(null);
            if (f == null || f.isStatic() || f.type().arrayDimensions() != 1 || f.type().numeric() != NumericType.DOUBLE
                    || !context.text(f.span()).matches("(?s).*\\bprivate\\b.*")) {
                return Optional.empty();
            }
            fields.add(f);
        }
        List<Update> updates = updates(context, arrays);
        if (updates == null || updates.isEmpty()) {
            return Optional.empty();
        }
        String sumName = ((Expr.VarRead) Nodes.stripCasts(((Expr.ArrayElement) updates.get(0).sum().target()).array())).name();
        String squaresName = arrays.stream().filter(n -> !n.equals(sumName)).findFirst().orElseThrow();
        for (Update u : updates) {
            if (!arrayName(u.sum()).equals(sumName) || !arrayName(u.squares()).equals(squaresName)) {
                return Optional.empty();
            }
        }
        // every other touch of the arrays: an allocation of the same length, or a read in the formula
        List<Stmt.Assign> allocations = new ArrayList<>();
        String length = allocationLength(context, arrays, updates, subtraction, allocations);
        if (length == null) {
            return Optional.empty();
        }
        for (Update u : updates) {
            if (!coversEveryElement(u, length, arrays)) {
                return Optional.empty();
            }
        }

        String text = context.file().text();
        String shift = fresh(context, text, "shift", "firstValues");
        String count = fresh(context, text, "updates", "passes");
        Expr.ArrayElement sumRead = elementOf(subtraction, sumName);
        Expr.ArrayElement squaresRead = elementOf(subtraction, squaresName);
        if (sumRead == null || squaresRead == null) {
            return Optional.empty();
        }
        String at = context.text(index);
        String arguments = count + ", " + shift + "[" + at + "], " + context.text(sumRead) + ", " + context.text(squaresRead);
        final Expr.ArrayElement s1 = sumRead;
        Optional<String> formula = StatedCountFormula.replacement(subtraction,
                e -> e instanceof Expr.ArrayElement el && Nodes.stripCasts(el.array()) instanceof Expr.VarRead v
                        && v.kind() == VarKind.FIELD ? v.name().equals(squaresName) ? 2 : v.name().equals(sumName) ? 1 : 0 : 0,
                arguments, facts);
        if (formula.isEmpty() || s1 == null) {
            return Optional.empty();
        }

        List<TextEdit> edits = new ArrayList<>();
        edits.add(TextEdit.replace(subtraction.span(), formula.get()));
        // the fields: a shift array of the same length and the count of passes
        FieldModel squaresField = context.clazz().field(squaresName).orElseThrow();
        int fieldEnd = afterSemicolon(text, Math.max(fields.get(0).span().end(), fields.get(1).span().end()));
        String fieldIndent = context.indentationAt(squaresField.span().start());
        String nl = context.lineSeparator();
        String initialiser = squaresField.init() instanceof Expr.Other o ? " = new double["
                + context.text(o.children().get(0)) + "]" : "";
        edits.add(new TextEdit(fieldEnd, fieldEnd, nl + fieldIndent + (squaresField.isFinal() ? "private final double[] " : "private double[] ") + shift + initialiser + ";" + nl + fieldIndent
                + "private long " + count + ";"));
        for (Stmt.Assign allocation : allocations) {
            if (arrayTarget(allocation).equals(squaresName)) {
                int end = afterSemicolon(text, allocation.span().end());
                edits.add(new TextEdit(end, end, nl + context.indentationAt(allocation.span().start()) + shift
                        + " = new double[" + context.text(((Expr.Other) allocation.value()).children().get(0)) + "];"));
            }
        }
        for (Update u : updates) {
            String j = u.index();
            String x = SourceEdits.asAdditiveOperand(u.value(), context);
            String shifted = x + " - " + shift + "[" + j + "]";
            Stmt first = u.sum().span().start() < u.squares().span().start() ? u.sum() : u.squares();
            String indent = context.indentationAt(first.span().start());
            String unit = SourceEdits.indentUnit(u.loop(), context);
            edits.add(new TextEdit(first.span().start(), first.span().start(), "if (" + count + " == 0) {" + nl + indent
                    + unit + shift + "[" + j + "] = " + context.text(u.value()) + ";" + nl + indent + "}" + nl + indent));
            edits.add(TextEdit.replace(u.sum().value().span(), shifted));
            edits.add(TextEdit.replace(u.squares().value().span(), "(" + shifted + ") * (" + shifted + ")"));
            int end = u.loop().span().end();
            while (end < text.length() && (text.charAt(end) == ' ' || text.charAt(end) == '\t')) {
                end++;                                          // after the loop's line, trailing blanks kept there
            }
            edits.add(new TextEdit(end, end, nl + context.indentationAt(u.loop().span().start()) + count + "++;"));
        }
        edits.sort(Comparator.comparingInt(TextEdit::start).thenComparingInt(TextEdit::end));
        for (int i = 1; i < edits.size(); i++) {
            if (edits.get(i).start() < edits.get(i - 1).end()) {
                return Optional.empty();
            }
        }
        return Optional.of(Fix.review("Sum each element's values less its first one ('" + shift + "') and count the "
                + "passes, so the sums keep the digits of the spread; the variance is read back for the count the "
                + "formula divides by", edits, List.of(StatedCountFormula.PARTIAL_MOMENTS)));
    }

    /**
     * The loops adding {@code x} to one array and {@code x·x} to the other at their induction
     * variable; null where an element of either array is written any other way.
     */
    private static List<Update> updates(ClassFacts context, Set<String> arrays) {
        List<Update> found = new ArrayList<>();
        List<Stmt.Assign> seen = new ArrayList<>();
        for (MethodFacts m : context.methodsWithBodies()) {
            for (Stmt st : m.statements()) {
                if (!(st instanceof Stmt.Assign a) || !(Nodes.stripCasts(a.target()) instanceof Expr.ArrayElement el)
                        || !(Nodes.stripCasts(el.array()) instanceof Expr.VarRead v) || !arrays.contains(v.name())
                        || v.kind() != VarKind.FIELD || seen.contains(a)) {
                    continue;
                }
                Stmt.Loop loop = m.loops().stream().filter(l -> l.span().contains(a.span()))
                        .max(Comparator.comparingInt(l -> l.span().start())).orElse(null);
                if (a.op() != AssignOp.ADD || loop == null || loop.kind() != LoopKind.FOR
                        || !(loop.body() instanceof Stmt.Block body) || !body.statements().contains(a)) {
                    return null;
                }
                String j = loop.inductionVariable();
                Stmt.Assign other = null;
                for (Stmt s : body.statements()) {
                    if (s != a && s instanceof Stmt.Assign b && Nodes.stripCasts(b.target()) instanceof Expr.ArrayElement e2
                            && Nodes.stripCasts(e2.array()) instanceof Expr.VarRead w && w.kind() == VarKind.FIELD
                            && arrays.contains(w.name()) && !w.name().equals(v.name())) {
                        if (other != null) {
                            return null;
                        }
                        other = b;
                    }
                }
                if (j == null || other == null || other.op() != AssignOp.ADD) {
                    return null;
                }
                Stmt.Assign sum;
                Stmt.Assign squares;
                Optional<Expr> sq = MathCalls.squared(other.value());
                if (sq.isPresent() && Nodes.sameShape(Nodes.stripCasts(sq.get()), Nodes.stripCasts(a.value()))) {
                    sum = a;
                    squares = other;
                } else {
                    sq = MathCalls.squared(a.value());
                    if (sq.isEmpty() || !Nodes.sameShape(Nodes.stripCasts(sq.get()), Nodes.stripCasts(other.value()))) {
                        return null;
                    }
                    sum = other;
                    squares = a;
                }
                Expr value = sum.value();
                for (Stmt.Assign u : List.of(sum, squares)) {
                    Expr.ArrayElement target = (Expr.ArrayElement) Nodes.stripCasts(u.target());
                    if (!(Nodes.stripCasts(target.index()) instanceof Expr.VarRead i) || !i.name().equals(j)) {
                        return null;
                    }
                }
                int from = Math.min(sum.span().start(), squares.span().start());
                int to = Math.max(sum.span().end(), squares.span().end());
                if (!StatedCountMomentsFix.sideEffectFree(value) || !ShiftedSumsFix.stableBetween(value, from, to, loop, m)
                        || leavesEarly(loop)) {
                    return null;
                }
                seen.add(sum);
                seen.add(squares);
                found.add(new Update(m, loop, j, sum, squares, value));
            }
        }
        return found;
    }

    /**
     * The length every allocation of the arrays gives them, as a key ({@link #lengthKey}), collecting
     * the allocations in constructors; null where an allocation has another length or is anywhere
     * else, where another read of the arrays is not an element in the formula or in an update (or
     * the bound of an update loop), or where another class of the file names them.
     */
    private static String allocationLength(ClassFacts context, Set<String> arrays, List<Update> updates,
                                           Expr.Binary subtraction, List<Stmt.Assign> allocations) {
        Set<String> lengths = new LinkedHashSet<>();
        for (FieldModel f : context.clazz().fields()) {
            if (arrays.contains(f.name()) && f.init() != null) {
                if (!(f.init() instanceof Expr.Other o) || !o.kind().equals("new-array") || o.children().size() != 1) {
                    return null;
                }
                lengths.add(lengthKey(o.children().get(0), null, context));
            }
        }
        for (MethodFacts m : context.methodsWithBodies()) {
            MethodUses uses = MethodUses.of(m);
            for (Expr e : Nodes.expressions(m.method().body())) {
                if (!(e instanceof Expr.VarRead v) || v.kind() != VarKind.FIELD || !arrays.contains(v.name())) {
                    continue;
                }
                Expr parent = uses.parentBySpan(v);
                if (parent instanceof Expr.ArrayElement el && el.array() == v) {
                    boolean inUpdate = updates.stream().anyMatch(u -> u.sum().target().span().contains(el.span())
                            || u.squares().target().span().contains(el.span()));
                    boolean inFormula = subtraction.span().contains(el.span());
                    if (!inUpdate && !inFormula) {
                        return null;
                    }
                    continue;
                }
                if (updates.stream().anyMatch(u -> u.loop().condition() != null
                        && u.loop().condition().span().contains(v.span()))
                        && context.file().text().startsWith(".length", v.span().end())) {
                    continue;                                   // the bound of an update loop
                }
                Stmt.Assign allocation = null;
                for (Stmt st : m.statements()) {
                    if (st instanceof Stmt.Assign a && a.op() == AssignOp.ASSIGN && a.target().span().equals(v.span())) {
                        allocation = a;
                    }
                }
                Stmt.Assign assigned = allocation;
                if (assigned != null && context.clazz().fields().stream().anyMatch(f -> f.name().equals(v.name())
                        && f.init() != null && f.span().contains(assigned.span()))) {
                    continue;                                   // the field's initialiser, read above
                }
                if (allocation == null || !m.method().isConstructor()
                        || !(allocation.value() instanceof Expr.Other o) || !o.kind().equals("new-array")
                        || o.children().size() != 1) {
                    return null;
                }
                lengths.add(lengthKey(o.children().get(0), m, context));
                allocations.add(allocation);
            }
        }
        ClassModel own = context.clazz();
        for (ClassModel other : context.file().classes()) {
            if (other == own) {
                continue;
            }
            for (MethodModel method : other.methods()) {
                if (method.body() != null && Nodes.expressions(method.body()).stream().anyMatch(e -> e instanceof Expr.VarRead v
                        && v.kind() == VarKind.FIELD && arrays.contains(v.name())
                        && (v.ownerType() == null || v.ownerType().equals(own.qualifiedName())))) {
                    return null;
                }
            }
        }
        return lengths.size() == 1 && !lengths.contains(null) ? lengths.iterator().next() : null;
    }

    /**
     * What a length means wherever it is read: {@code field:F} for a field written only in
     * constructors (or a constructor parameter the constructor stores in such a field,
     * {@code this.F = p}), {@code literal:…} for a literal; null for anything else.
     */
    private static String lengthKey(Expr size, MethodFacts constructor, ClassFacts context) {
        Expr x = Nodes.stripCasts(size);
        if (x instanceof Expr.Literal lit && lit.value() instanceof Number) {
            return "literal:" + lit.text();
        }
        if (!(x instanceof Expr.VarRead v)) {
            return null;
        }
        String field = null;
        if (v.kind() == VarKind.FIELD) {
            field = v.name();
        } else if (v.kind() == VarKind.PARAMETER && constructor != null) {
            for (Stmt st : constructor.statements()) {
                if (st instanceof Stmt.Assign a && a.op() == AssignOp.ASSIGN && Nodes.stripCasts(a.target()) instanceof Expr.VarRead t
                        && t.kind() == VarKind.FIELD && Nodes.stripCasts(a.value()) instanceof Expr.VarRead p
                        && p.kind() == VarKind.PARAMETER && p.name().equals(v.name())) {
                    field = t.name();
                }
            }
            boolean reassigned = constructor.statements().stream().anyMatch(st -> st instanceof Stmt.Assign a
                    && Nodes.stripCasts(a.target()) instanceof Expr.VarRead t && t.kind() == VarKind.PARAMETER
                    && t.name().equals(v.name()));
            if (reassigned) {
                return null;
            }
        }
        return field != null && constructorOnly(field, context) ? "field:" + field : null;
    }

    /** The field is written only in constructors: its value is the same in every later method. */
    private static boolean constructorOnly(String field, ClassFacts context) {
        for (MethodFacts m : context.methodsWithBodies()) {
            if (!m.method().isConstructor() && (Nodes.statements(m.method().body()).stream().anyMatch(s ->
                    s instanceof Stmt.Assign a && Nodes.stripCasts(a.target()) instanceof Expr.VarRead t
                            && t.kind() == VarKind.FIELD && t.name().equals(field))
                    || Nodes.expressions(m.method().body()).stream().anyMatch(x -> x instanceof Expr.Unary u
                    && u.op().assigns() && Nodes.stripCasts(u.operand()) instanceof Expr.VarRead t
                    && t.kind() == VarKind.FIELD && t.name().equals(field)))) {
                return false;
            }
        }
        return true;
    }

    /** {@code for (j = 0; j < length; j++)} (or {@code j < S.length}): the loop adds to every element once. */
    private static boolean coversEveryElement(Update u, String length, Set<String> arrays) {
        Stmt.Loop loop = u.loop();
        String j = u.index();
        if (loop.init().size() != 1 || loop.update().size() != 1 || !(loop.condition() instanceof Expr.Binary cond)
                || cond.op() != BinaryOp.LESS || !(Nodes.stripCasts(cond.left()) instanceof Expr.VarRead i)
                || !i.name().equals(j)) {
            return false;
        }
        Stmt init = loop.init().get(0);
        Expr start = init instanceof Stmt.LocalDecl d && d.name().equals(j) ? d.init()
                : init instanceof Stmt.Assign a && a.op() == AssignOp.ASSIGN && Nodes.stripCasts(a.target()) instanceof Expr.VarRead t
                && t.name().equals(j) ? a.value() : null;
        if (!(start instanceof Expr.Literal zero) || !(zero.value() instanceof Number n) || n.doubleValue() != 0.0) {
            return false;
        }
        String step = u.facts().context().text(loop.update().get(0).span()).replace(" ", "").replace(";", "");
        if (!step.equals(j + "++") && !step.equals("++" + j) && !step.equals(j + "+=1")) {
            return false;
        }
        Expr bound = Nodes.stripCasts(cond.right());
        if (length.equals(lengthKey(bound, null, u.facts().context()))) {
            return true;
        }
        String text = u.facts().context().text(bound).replace("this.", "");
        return arrays.stream().anyMatch(a -> text.equals(a + ".length"));
    }

    private static boolean leavesEarly(Stmt.Loop loop) {
        return Nodes.statements(loop.body()).stream().anyMatch(s -> s instanceof Stmt.Return
                || s instanceof Stmt.Other o && (o.kind().equals("break") || o.kind().equals("continue")));
    }

    private static String arrayName(Stmt.Assign update) {
        return ((Expr.VarRead) Nodes.stripCasts(((Expr.ArrayElement) Nodes.stripCasts(update.target())).array())).name();
    }

    private static String arrayTarget(Stmt.Assign allocation) {
        return ((Expr.VarRead) Nodes.stripCasts(allocation.target())).name();
    }

    private static Expr.ArrayElement elementOf(Expr.Binary subtraction, String array) {
        for (Expr e : Nodes.expressions(subtraction)) {
            if (e instanceof Expr.ArrayElement el && Nodes.stripCasts(el.array()) instanceof Expr.VarRead v
                    && v.kind() == VarKind.FIELD && v.name().equals(array)) {
                return el;
            }
        }
        return null;
    }

    /** The offset just past the {@code ;} that ends the declaration or statement ending at {@code end}. */
    private static int afterSemicolon(String text, int end) {
        if (end > 0 && text.charAt(end - 1) == ';') {
            return end;
        }
        int semicolon = text.indexOf(';', end);
        return semicolon < 0 ? end : semicolon + 1;
    }

    /** A name no field of the class has and no identifier of the file spells (a local, an inherited field). */
    private static String fresh(ClassFacts context, String text, String... candidates) {
        for (int suffix = 0; ; suffix++) {
            for (String candidate : candidates) {
                String name = suffix == 0 ? candidate : candidate + suffix;
                if (context.clazz().field(name).isEmpty() && !Pattern.compile("\\b" + name + "\\b").matcher(text).find()) {
                    return name;
                }
            }
        }
    }
}
