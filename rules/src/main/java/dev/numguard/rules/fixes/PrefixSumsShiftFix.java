package dev.numguard.rules.fixes;

import dev.numguard.rules.Fix;
import dev.numguard.rules.TextEdit;
import dev.numguard.rules.facts.ClassFacts;
import dev.numguard.rules.facts.Definition;
import dev.numguard.rules.facts.MethodFacts;
import dev.numguard.rules.facts.MethodUses;
import dev.numguard.rules.facts.Nodes;
import dev.numguard.rules.idioms.moments.Cancellation;
import dev.numguard.rules.model.AssignOp;
import dev.numguard.rules.model.BinaryOp;
import dev.numguard.rules.model.Expr;
import dev.numguard.rules.model.FieldModel;
import dev.numguard.rules.model.MethodModel;
import dev.numguard.rules.model.Stmt;
import dev.numguard.rules.model.UnaryOp;
import dev.numguard.rules.model.VarKind;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The shifted-data fix of segment variances read from prefix sums kept in array fields:
 * {@code P[j] = P[j - 1] + v; Q[j] = Q[j - 1] + v * v; ++j;} in one method, and
 * {@code Q[e] − Q[s] − (P[e] − P[s])² / n} with n the number of values between the two indices
 * ({@code e − s}). Both arrays then accumulate {@code v − K}, K a new field set to the first value
 * appended (when the index still holds its initial value), and the formula stays as written: a
 * variance of shifted values over their own count is the variance of the values, while the prefix
 * sums keep the digits of the spread instead of those of the offset.
 *
 * <p>Every other read of the arrays gets the raw sums back, exactly in real arithmetic: a segment
 * {@code P[a] − P[b]} becomes {@code P[a] − P[b] + (a − b)·K}, its squares
 * {@code Q[a] − Q[b] + K·(2·(P[a] − P[b]) + (a − b)·K)}, a single prefix {@code P[i]} (the sum of the
 * i − i0 + 1 values up to i) {@code P[i] + (i − i0 + 1)·K}, the base entry before the first value
 * staying 0; checks that hold for any prefix sum of squares ({@code Q[i] >= 0},
 * {@code Q[i] >= Q[i - 1]}) are left as they are, since a rebuilt raw sum is exact only in real
 * arithmetic and could flip them within rounding. Offered only where all of that is proved: the arrays are private fields written
 * element-wise only by the two appends, as whole arrays only by allocation in a constructor or by
 * {@code Arrays.copyOf} of themselves (directly or through a private one-line helper), and read
 * only as elements, lengths or copies; the index is a field with a literal start, incremented once
 * by the appender and written nowhere else; the formula's count is the difference of the segment's
 * indices, and the locals between the arrays and the formula feed only the formula. The fix adds a
 * field and changes several statements, so it is a review fix.
 */
public final class PrefixSumsShiftFix {

    private PrefixSumsShiftFix() {
    }

    /** A difference {@code A[hi] − A[lo]} of two elements of the array field A. */
    private record Diff(String array, Expr hi, Expr lo, Expr.Binary node) {
    }

    /** The appends {@code P[j] = P[j - 1] + v} and {@code Q[j] = Q[j - 1] + v * v} and the index increment. */
    private record Appender(MethodFacts facts, Stmt.Assign first, Stmt.Assign second, Stmt increment, Expr value,
                            String index, long start) {
    }

    /** The fix, when {@code c} is a segment variance of two prefix-sum array fields. */
    public static Optional<Fix> of(MethodFacts facts, Expr.Binary subtraction, Cancellation c) {
        if (c.covariance() || c.weighted()) {
            return Optional.empty();
        }
        Set<String> chain = new LinkedHashSet<>();
        List<Diff> second = new ArrayList<>();
        List<Diff> first = new ArrayList<>();
        diffs(subtraction.left(), facts, chain, second, 0);
        diffs(subtraction.right(), facts, chain, first, 0);
        if (second.size() != 1 || first.isEmpty()) {
            return Optional.empty();
        }
        Diff q = second.get(0);
        Diff p = first.get(0);
        if (p.array().equals(q.array()) || first.stream().anyMatch(d -> !d.array().equals(p.array())
                || !Nodes.sameShape(d.hi(), p.hi()) || !Nodes.sameShape(d.lo(), p.lo()))
                || !Nodes.sameShape(q.hi(), p.hi()) || !Nodes.sameShape(q.lo(), p.lo())) {
            return Optional.empty();
        }
        String count = indexDifference(p.hi(), p.lo(), facts.context());
        List<Expr> counts = LoopRunningStatsFix.counts(c);
        if (count == null || counts.isEmpty() || counts.stream().anyMatch(n -> !isCount(n, count, facts))) {
            return Optional.empty();
        }
        // the locals between the arrays and the formula feed only the formula
        for (String local : chain) {
            Stmt.LocalDecl d = facts.declaration(local);
            if (d == null || d.init() == null || facts.definitions(local).size() != 1) {
                return Optional.empty();
            }
            for (Expr.VarRead read : DeadCode.readsOf(d.id(), facts)) {
                boolean inFormula = subtraction.span().contains(read.span()) || chain.stream().anyMatch(other -> {
                    Stmt.LocalDecl o = facts.declaration(other);
                    return o != null && o.init() != null && o.init().span().contains(read.span());
                });
                if (!inFormula) {
                    return Optional.empty();
                }
            }
        }
        Set<Expr> kept = new LinkedHashSet<>();
        kept.add(subtraction);
        for (String local : chain) {
            kept.add(facts.declaration(local).init());
        }

        ClassFacts context = facts.context();
        FieldModel fp = context.clazz().field(p.array()).orElse(null);
        FieldModel fq = context.clazz().field(q.array()).orElse(null);
        if (fp == null || fq == null || fp.isStatic() || fq.isStatic() || !isPrivate(fp, context) || !isPrivate(fq, context)
                || fp.type().arrayDimensions() != 1 || fq.type().arrayDimensions() != 1
                || fp.type().numeric() != dev.numguard.rules.model.NumericType.DOUBLE
                || fq.type().numeric() != dev.numguard.rules.model.NumericType.DOUBLE) {
            return Optional.empty();
        }
        Appender appender = appender(context, p.array(), q.array());
        if (appender == null) {
            return Optional.empty();
        }
        String shift = SourceEdits.freshFieldName(context, p.array() + "Shift", "shift");
        long base = appender.start() - 1;

        List<TextEdit> edits = new ArrayList<>();
        for (MethodFacts m : context.methodsWithBodies()) {
            MethodUses uses = MethodUses.of(m);
            List<Expr.Binary> rewrittenDiffs = new ArrayList<>();
            for (Expr e : Nodes.expressions(m.method().body())) {
                if (!(e instanceof Expr.VarRead v) || v.kind() != VarKind.FIELD
                        || !v.name().equals(p.array()) && !v.name().equals(q.array())) {
                    continue;
                }
                boolean isP = v.name().equals(p.array());
                Expr parent = uses.parentBySpan(v);
                if (!(parent instanceof Expr.ArrayElement element) || element.array() != v) {
                    if (!wholeArrayUse(v, parent, m, context)) {
                        return Optional.empty();
                    }
                    continue;
                }
                if (appender.first().span().contains(element.span()) || appender.second().span().contains(element.span())
                        || kept.stream().anyMatch(k -> k.span().contains(element.span()))) {
                    continue;
                }
                if (!sideEffectFree(element.index())) {
                    return Optional.empty();
                }
                Expr up = uses.parentBySpan(element);
                if (!isP && keepsSquaresInvariant(up, element, q.array())) {
                    continue;                                   // true of shifted and raw prefix squares alike
                }
                if (up instanceof Expr.Binary sub && sub.op() == BinaryOp.SUBTRACT && sub.right() == element
                        && sub.left() instanceof Expr.ArrayElement left && Nodes.stripCasts(left.array()) instanceof Expr.VarRead lv
                        && lv.name().equals(v.name()) && lv.kind() == VarKind.FIELD) {
                    if (!sideEffectFree(left.index())) {
                        return Optional.empty();
                    }
                    continue;                                   // the subtrahend of a segment: rewritten with its minuend
                }
                if (up instanceof Expr.Binary diff && diff.op() == BinaryOp.SUBTRACT && diff.left() == element
                        && diff.right() instanceof Expr.ArrayElement other && Nodes.stripCasts(other.array()) instanceof Expr.VarRead ov
                        && ov.name().equals(v.name()) && ov.kind() == VarKind.FIELD && sideEffectFree(other.index())) {
                    String n = indexDifference(element.index(), other.index(), context);
                    if (n == null && Nodes.stripCasts(other.index()) instanceof Expr.Literal lo && lo.value() instanceof Number l
                            && !(l instanceof Double) && !(l instanceof Float)) {
                        n = l.longValue() == 0 ? SourceEdits.asFactor(element.index(), context)
                                : "(" + context.text(element.index()) + " - " + l.longValue() + ")";
                    }
                    if (n == null) {
                        n = "(" + context.text(element.index()) + " - (" + context.text(other.index()) + "))";
                    }
                    String text = context.text(diff);
                    String raw = isP ? text + " + " + n + " * " + shift
                            : text + " + " + shift + " * (2 * (" + p.array() + "[" + context.text(element.index()) + "] - "
                            + p.array() + "[" + context.text(other.index()) + "]) + " + n + " * " + shift + ")";
                    edits.add(TextEdit.replace(diff.span(), SourceEdits.ungroupedWhereStandalone("(" + raw + ")", diff, m)));
                    rewrittenDiffs.add(diff);
                    continue;
                }
                if (rewrittenDiffs.stream().anyMatch(d -> d.span().contains(element.span()))) {
                    continue;
                }
                if (element.index() instanceof Expr.Literal lit && lit.value() instanceof Number num && num.longValue() == base) {
                    continue;                                   // the entry before the first value stays 0
                }
                String index = context.text(element.index());
                String n = base == 0 ? SourceEdits.asFactor(element.index(), context) : "(" + index + " - " + base + ")";
                String raw = isP ? context.text(element) + " + " + n + " * " + shift
                        : context.text(element) + " + " + shift + " * (2 * " + p.array() + "[" + index + "] + " + n + " * "
                        + shift + ")";
                edits.add(TextEdit.replace(element.span(), SourceEdits.ungroupedWhereStandalone("(" + raw + ")", element, m)));
            }
        }

        // the appends add v − K; K is the first value appended
        String v = SourceEdits.asAdditiveOperand(appender.value(), context);
        edits.add(TextEdit.replace(appender.first().value().span(), context.text(prefixRead(appender.first())) + " + ("
                + v + " - " + shift + ")"));
        edits.add(TextEdit.replace(appender.second().value().span(), context.text(prefixRead(appender.second())) + " + ("
                + v + " - " + shift + ") * (" + v + " - " + shift + ")"));
        String indent = context.indentationAt(appender.first().span().start());
        String methodIndent = context.indentationAt(appender.facts().method().span().start());
        String unit = indent.startsWith(methodIndent) && indent.length() > methodIndent.length()
                ? indent.substring(methodIndent.length()) : "    ";
        int at = Math.min(appender.first().span().start(), appender.second().span().start());
        edits.add(new TextEdit(at, at, "if (" + appender.index() + " == " + appender.start() + ") {\n" + indent + unit
                + shift + " = " + context.text(appender.value()) + ";\n" + indent + "}\n" + indent));
        int fieldEnd = Math.max(fp.span().end(), fq.span().end());
        String fieldIndent = context.indentationAt(fq.span().start());
        edits.add(new TextEdit(fieldEnd, fieldEnd, "\n" + fieldIndent + "private double " + shift + ";"));
        edits.sort(Comparator.comparingInt(TextEdit::start).thenComparingInt(TextEdit::end));
        for (int i = 1; i < edits.size(); i++) {
            if (edits.get(i).start() < edits.get(i - 1).end()) {
                return Optional.empty();
            }
        }
        return Optional.of(Fix.review("Keep the prefix sums of the values less the first one ('" + shift + "'), so a "
                + "segment's sums keep the digits of its spread; raw sums read elsewhere get the shift added back",
                edits, List.of()));
    }

    /**
     * {@code cmp} checks what every prefix sum of squares keeps, shifted or not, on {@code element}:
     * {@code Q[i] >= 0} or {@code Q[i] >= Q[i - 1]} (either way round). Rebuilding the raw sums there
     * could flip the check within rounding (a value equal to 0 adds nothing to the raw sums), so
     * such a check is left as it is: it holds for the shifted sums as it held for the raw ones.
     */
    private static boolean keepsSquaresInvariant(Expr cmp, Expr.ArrayElement element, String q) {
        if (!(cmp instanceof Expr.Binary b) || b.op() != BinaryOp.GREATER_EQUAL && b.op() != BinaryOp.LESS_EQUAL) {
            return false;
        }
        Expr larger = b.op() == BinaryOp.GREATER_EQUAL ? b.left() : b.right();
        Expr smaller = b.op() == BinaryOp.GREATER_EQUAL ? b.right() : b.left();
        if (Nodes.stripCasts(smaller) instanceof Expr.Literal zero && zero.value() instanceof Number n
                && n.doubleValue() == 0.0) {
            return larger == element;
        }
        if (!(Nodes.stripCasts(larger) instanceof Expr.ArrayElement hi) || !(Nodes.stripCasts(smaller) instanceof Expr.ArrayElement lo)
                || !(Nodes.stripCasts(hi.array()) instanceof Expr.VarRead ha) || !ha.name().equals(q)
                || !(Nodes.stripCasts(lo.array()) instanceof Expr.VarRead la) || !la.name().equals(q)
                || hi != element && lo != element) {
            return false;
        }
        // lo's index is hi's less one
        return Nodes.stripCasts(lo.index()) instanceof Expr.Binary minus && minus.op() == BinaryOp.SUBTRACT
                && Nodes.sameShape(Nodes.stripCasts(minus.left()), Nodes.stripCasts(hi.index()))
                && minus.right() instanceof Expr.Literal one && one.value() instanceof Number k && k.longValue() == 1
                && sideEffectFree(hi.index());
    }

    /**
     * The formula's segments come from prefix arrays whose appends already add {@code (v − K)} and
     * {@code (v − K)·(v − K)} with one field K (as this fix writes them): only the spread is left.
     */
    public static boolean alreadyShifted(Expr.Binary subtraction, MethodFacts facts) {
        List<Diff> found = new ArrayList<>();
        diffs(subtraction.left(), facts, new LinkedHashSet<>(), found, 0);
        diffs(subtraction.right(), facts, new LinkedHashSet<>(), found, 0);
        Set<String> arrays = new LinkedHashSet<>();
        found.forEach(d -> arrays.add(d.array()));
        if (arrays.size() != 2) {
            return false;
        }
        String shift = null;
        for (String array : arrays) {
            int appends = 0;
            for (MethodFacts m : facts.context().methodsWithBodies()) {
                for (Stmt st : Nodes.statements(m.method().body())) {
                    if (!(st instanceof Stmt.Assign a) || !(a.target() instanceof Expr.ArrayElement el)
                            || !(Nodes.stripCasts(el.array()) instanceof Expr.VarRead v) || v.kind() != VarKind.FIELD
                            || !v.name().equals(array)) {
                        continue;
                    }
                    if (!(a.value() instanceof Expr.Binary add) || add.op() != BinaryOp.ADD) {
                        return false;
                    }
                    Expr term = Nodes.stripCasts(add.right());
                    List<Expr> factors = term instanceof Expr.Binary mul && mul.op() == BinaryOp.MULTIPLY
                            ? List.of(Nodes.stripCasts(mul.left()), Nodes.stripCasts(mul.right())) : List.of(term);
                    for (Expr f : factors) {
                        if (!(f instanceof Expr.Binary diff && diff.op() == BinaryOp.SUBTRACT
                                && Nodes.stripCasts(diff.right()) instanceof Expr.VarRead k && k.kind() == VarKind.FIELD
                                && (shift == null || shift.equals(k.name())))) {
                            return false;
                        }
                        shift = ((Expr.VarRead) Nodes.stripCasts(diff.right())).name();
                    }
                    appends++;
                }
            }
            if (appends != 1) {
                return false;
            }
        }
        // raw sums rebuilt from the shifted ones (P[a] − P[b] + n·K) cancel as before
        return shift != null && !mentions(subtraction, shift, facts, 0);
    }

    /** {@code e}, with the locals it reads followed to their single values, reads the field {@code name}. */
    private static boolean mentions(Expr e, String name, MethodFacts facts, int depth) {
        if (depth > 8) {
            return true;
        }
        for (Expr x : Nodes.expressions(e)) {
            if (x instanceof Expr.VarRead v && v.kind() == VarKind.FIELD && v.name().equals(name)) {
                return true;
            }
            if (x instanceof Expr.VarRead v && v.kind() == VarKind.LOCAL) {
                Expr resolved = facts.resolve(x);
                if (resolved != x && mentions(resolved, name, facts, depth + 1)) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * The differences of two elements of one array field inside {@code e}, following locals to the
     * single value they hold (collected in {@code chain}).
     */
    private static void diffs(Expr e, MethodFacts facts, Set<String> chain, List<Diff> out, int depth) {
        if (depth > 8) {
            return;
        }
        Expr r = Nodes.stripCasts(e);
        if (r instanceof Expr.Binary b && b.op() == BinaryOp.SUBTRACT
                && Nodes.stripCasts(b.left()) instanceof Expr.ArrayElement hi
                && Nodes.stripCasts(b.right()) instanceof Expr.ArrayElement lo
                && Nodes.stripCasts(hi.array()) instanceof Expr.VarRead a && a.kind() == VarKind.FIELD
                && Nodes.stripCasts(lo.array()) instanceof Expr.VarRead a2 && a2.kind() == VarKind.FIELD
                && a.name().equals(a2.name())) {
            out.add(new Diff(a.name(), hi.index(), lo.index(), b));
            return;
        }
        if (r instanceof Expr.VarRead v && v.kind() == VarKind.LOCAL) {
            Expr resolved = facts.resolve(r);
            if (resolved != r && facts.declaration(v.name()) != null
                    && Nodes.expressions(resolved).stream().anyMatch(x -> x instanceof Expr.ArrayElement
                    || x instanceof Expr.VarRead w && w.kind() == VarKind.LOCAL)) {
                boolean feeds = false;
                List<Diff> inner = new ArrayList<>();
                diffs(resolved, facts, chain, inner, depth + 1);
                feeds = !inner.isEmpty();
                if (feeds) {
                    chain.add(v.name());
                    out.addAll(inner);
                }
            }
            return;
        }
        if (r instanceof Expr.Binary b) {
            diffs(b.left(), facts, chain, out, depth + 1);
            diffs(b.right(), facts, chain, out, depth + 1);
        } else if (r instanceof Expr.Other o) {
            for (Expr child : o.children()) {
                diffs(child, facts, chain, out, depth + 1);
            }
        } else if (r instanceof Expr.Call call && dev.numguard.rules.facts.MathCalls.squared(call).isPresent()) {
            Expr base = dev.numguard.rules.facts.MathCalls.squared(call).get();
            diffs(base, facts, chain, out, depth + 1);
            diffs(base, facts, chain, out, depth + 1);
        }
    }

    /** {@code hi − lo} written short when both add the same literal to a name ({@code end − 1}, {@code start − 1}). */
    private static String indexDifference(Expr hi, Expr lo, ClassFacts context) {
        Object[] a = offsetForm(hi, context);
        Object[] b = offsetForm(lo, context);
        if (a == null || b == null || (long) a[1] != (long) b[1]) {
            return null;
        }
        return "(" + a[0] + " - " + b[0] + ")";
    }

    /** {name, offset} for {@code name}, {@code name + c}, {@code name - c}; null otherwise. */
    private static Object[] offsetForm(Expr e, ClassFacts context) {
        Expr r = Nodes.stripCasts(e);
        if (r instanceof Expr.VarRead v && v.kind() != VarKind.FIELD) {
            return new Object[] {v.name(), 0L};
        }
        if (r instanceof Expr.Binary b && (b.op() == BinaryOp.SUBTRACT || b.op() == BinaryOp.ADD)
                && Nodes.stripCasts(b.left()) instanceof Expr.VarRead v && v.kind() != VarKind.FIELD
                && b.right() instanceof Expr.Literal lit && lit.value() instanceof Number num
                && !(num instanceof Double) && !(num instanceof Float)) {
            return new Object[] {v.name(), b.op() == BinaryOp.ADD ? num.longValue() : -num.longValue()};
        }
        return null;
    }

    /** The formula's count {@code n} is {@code count} ({@code A − B}), written or held by the local it reads. */
    private static boolean isCount(Expr n, String count, MethodFacts facts) {
        for (Expr candidate : List.of(Nodes.stripCasts(n), Nodes.stripCasts(facts.resolve(n)))) {
            if (candidate instanceof Expr.Binary b && b.op() == BinaryOp.SUBTRACT
                    && Nodes.stripCasts(b.left()) instanceof Expr.VarRead x && x.kind() != VarKind.FIELD
                    && Nodes.stripCasts(b.right()) instanceof Expr.VarRead y && y.kind() != VarKind.FIELD
                    && count.equals("(" + x.name() + " - " + y.name() + ")")
                    && noWriteAfterDeclaration(x.name(), facts) && noWriteAfterDeclaration(y.name(), facts)) {
                return true;
            }
        }
        return false;
    }

    /** A parameter or local never assigned (other than by its declaration). */
    private static boolean noWriteAfterDeclaration(String name, MethodFacts facts) {
        Stmt.LocalDecl d = facts.declaration(name);
        for (Definition def : facts.definitions(name)) {
            if (def.site() != null && def.site() != d) {
                return false;
            }
        }
        return true;
    }

    private static boolean isPrivate(FieldModel f, ClassFacts context) {
        return context.text(f.span()).matches("(?s).*\\bprivate\\b.*");
    }

    private static boolean sideEffectFree(Expr e) {
        return Nodes.expressions(e).stream().noneMatch(x -> x instanceof Expr.Call || x instanceof Expr.Unary u
                && u.op().assigns() || x instanceof Expr.Other o && o.kind().equals("assignment"));
    }

    /** The {@code P[j - 1]} that the append adds to. */
    private static Expr prefixRead(Stmt.Assign append) {
        return ((Expr.Binary) append.value()).left();
    }

    /**
     * The one method appending to both arrays, and its index field: proved as the class doc says, or null.
     */
    private static Appender appender(ClassFacts context, String p, String q) {
        List<Stmt.Assign> pWrites = new ArrayList<>();
        List<Stmt.Assign> qWrites = new ArrayList<>();
        MethodFacts owner = null;
        for (MethodFacts m : context.methodsWithBodies()) {
            for (Stmt st : Nodes.statements(m.method().body())) {
                if (st instanceof Stmt.Assign a && a.target() instanceof Expr.ArrayElement el
                        && Nodes.stripCasts(el.array()) instanceof Expr.VarRead v && v.kind() == VarKind.FIELD) {
                    if (v.name().equals(p)) {
                        pWrites.add(a);
                        owner = m;
                    } else if (v.name().equals(q)) {
                        qWrites.add(a);
                    }
                }
            }
            // element writes inside expressions (a[i] = b[j] = v, a[i]++) are not appends
            for (Expr e : Nodes.expressions(m.method().body())) {
                if ((e instanceof Expr.Unary u && u.op().assigns() || e instanceof Expr.Other o && o.kind().equals("assignment"))
                        && Nodes.expressions(e).stream().anyMatch(x -> x instanceof Expr.VarRead r && r.kind() == VarKind.FIELD
                        && (r.name().equals(p) || r.name().equals(q)))) {
                    return null;
                }
            }
        }
        if (pWrites.size() != 1 || qWrites.size() != 1 || owner == null) {
            return null;
        }
        Stmt.Assign first = pWrites.get(0);
        Stmt.Assign second = qWrites.get(0);
        Stmt.Block block = SourceEdits.parentBlock(owner.method(), first).orElse(null);
        if (block == null || !block.statements().contains(second) || first.op() != AssignOp.ASSIGN
                || second.op() != AssignOp.ASSIGN) {
            return null;
        }
        String j = indexField(first, p);
        if (j == null || !j.equals(indexField(second, q))) {
            return null;
        }
        // P[j] = P[j - 1] + v and Q[j] = Q[j - 1] + v * v
        if (!(first.value() instanceof Expr.Binary add1) || add1.op() != BinaryOp.ADD || !isPreviousEntry(add1.left(), p, j)
                || !(second.value() instanceof Expr.Binary add2) || add2.op() != BinaryOp.ADD
                || !isPreviousEntry(add2.left(), q, j)) {
            return null;
        }
        Expr v = Nodes.stripCasts(add1.right());
        if (!(Nodes.stripCasts(add2.right()) instanceof Expr.Binary sq) || sq.op() != BinaryOp.MULTIPLY
                || !Nodes.sameShape(Nodes.stripCasts(sq.left()), v) || !Nodes.sameShape(Nodes.stripCasts(sq.right()), v)
                || !(v instanceof Expr.VarRead value) || value.kind() == VarKind.FIELD
                || owner.definitions(value.name()).stream().anyMatch(d -> d.site() != null
                && d.site().span().start() > Math.min(first.span().start(), second.span().start())
                && d.site().span().start() < Math.max(first.span().end(), second.span().end()))) {
            return null;
        }
        // the index: a field with a literal start, incremented once after both appends, written nowhere else
        FieldModel index = context.clazz().field(j).orElse(null);
        if (index == null || index.isStatic() || !(index.init() instanceof Expr.Literal lit)
                || !(lit.value() instanceof Number start) || start instanceof Double || start instanceof Float
                || start.longValue() < 1) {
            return null;
        }
        Stmt increment = null;
        for (MethodFacts m : context.methodsWithBodies()) {
            for (Stmt st : Nodes.statements(m.method().body())) {
                boolean writes = st instanceof Stmt.Assign a && Nodes.stripCasts(a.target()) instanceof Expr.VarRead t
                        && t.kind() == VarKind.FIELD && t.name().equals(j);
                boolean increments = st instanceof Stmt.ExprStmt es && es.expr() instanceof Expr.Unary u
                        && (u.op() == UnaryOp.PRE_INCREMENT || u.op() == UnaryOp.POST_INCREMENT)
                        && Nodes.stripCasts(u.operand()) instanceof Expr.VarRead t && t.kind() == VarKind.FIELD && t.name().equals(j)
                        || writes && ((Stmt.Assign) st).op() == AssignOp.ADD
                        && dev.numguard.rules.facts.MathCalls.isLiteral(((Stmt.Assign) st).value(), 1);
                if ((writes || increments) && !index.span().contains(st.span())) {   // not the field's own initializer
                    if (increment != null || !increments || !block.statements().contains(st)
                            || st.span().start() < Math.max(first.span().end(), second.span().end())) {
                        return null;
                    }
                    increment = st;
                }
            }
            for (Expr e : Nodes.expressions(m.method().body())) {
                if ((e instanceof Expr.Unary u && u.op().assigns() || e instanceof Expr.Other o && o.kind().equals("assignment"))
                        && (increment == null || !increment.span().contains(e.span()))
                        && Nodes.expressions(e).stream().anyMatch(x -> x instanceof Expr.VarRead r && r.kind() == VarKind.FIELD
                        && r.name().equals(j))) {
                    return null;
                }
            }
        }
        if (increment == null) {
            return null;
        }
        return new Appender(owner, first, second, increment, v, j, start.longValue());
    }

    /** The index field j of {@code A[j]} written by {@code append}; null otherwise. */
    private static String indexField(Stmt.Assign append, String array) {
        return append.target() instanceof Expr.ArrayElement el && Nodes.stripCasts(el.index()) instanceof Expr.VarRead j
                && j.kind() == VarKind.FIELD ? j.name() : null;
    }

    /** {@code A[j - 1]}. */
    private static boolean isPreviousEntry(Expr e, String array, String j) {
        return Nodes.stripCasts(e) instanceof Expr.ArrayElement el && Nodes.stripCasts(el.array()) instanceof Expr.VarRead a
                && a.kind() == VarKind.FIELD && a.name().equals(array)
                && Nodes.stripCasts(el.index()) instanceof Expr.Binary minus && minus.op() == BinaryOp.SUBTRACT
                && Nodes.stripCasts(minus.left()) instanceof Expr.VarRead i && i.kind() == VarKind.FIELD && i.name().equals(j)
                && minus.right() instanceof Expr.Literal one && one.value() instanceof Number n && n.longValue() == 1;
    }

    /**
     * A read of the whole array that keeps its contents: its length, or the array assigned back to
     * itself from a copy ({@code A = Arrays.copyOf(A, n)}, directly or through a private helper of the
     * class that returns {@code Arrays.copyOf} of its first parameter), or the target of an
     * allocation in a constructor.
     */
    private static boolean wholeArrayUse(Expr.VarRead v, Expr parent, MethodFacts m, ClassFacts context) {
        if (parent != null && context.text(parent).replace("this.", "").equals(v.name() + ".length")) {
            return true;
        }
        for (Stmt st : Nodes.statements(m.method().body())) {
            if (!(st instanceof Stmt.Assign a) || a.op() != AssignOp.ASSIGN
                    || !(Nodes.stripCasts(a.target()) instanceof Expr.VarRead t) || t.kind() != VarKind.FIELD
                    || !t.name().equals(v.name())) {
                continue;
            }
            if (a.target() == v || a.target().span().equals(v.span())) {
                return m.method().isConstructor() && context.text(a.value()).startsWith("new ")
                        || copyOfItself(a.value(), v.name(), context);
            }
            if (a.value().span().contains(v.span()) && copyOfItself(a.value(), v.name(), context)) {
                return true;
            }
        }
        return false;
    }

    private static boolean copyOfItself(Expr value, String array, ClassFacts context) {
        if (!(value instanceof Expr.Call call) || call.args().isEmpty()
                || !(Nodes.stripCasts(call.args().get(0)) instanceof Expr.VarRead a) || !a.name().equals(array)
                || a.kind() != VarKind.FIELD) {
            return false;
        }
        if (call.name().equals("copyOf") && context.text(call).startsWith("Arrays.copyOf(")) {
            return true;
        }
        for (MethodModel helper : context.clazz().methodsNamed(call.name())) {
            if (helper.isPrivate() && helper.body() != null && helper.parameters().size() == call.args().size()
                    && helper.body().statements().size() == 1 && helper.body().statements().get(0) instanceof Stmt.Return r
                    && r.value() instanceof Expr.Call inner && inner.name().equals("copyOf")
                    && context.text(inner).startsWith("Arrays.copyOf(") && !inner.args().isEmpty()
                    && Nodes.stripCasts(inner.args().get(0)) instanceof Expr.VarRead param
                    && param.name().equals(helper.parameters().get(0).name())) {
                return true;
            }
        }
        return false;
    }
}
