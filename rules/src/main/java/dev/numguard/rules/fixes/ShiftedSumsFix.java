package dev.numguard.rules.fixes;

import dev.numguard.rules.Fix;
import dev.numguard.rules.TextEdit;
import dev.numguard.rules.facts.ClassFacts;
import dev.numguard.rules.facts.MathCalls;
import dev.numguard.rules.facts.MethodFacts;
import dev.numguard.rules.facts.MethodUses;
import dev.numguard.rules.facts.Nodes;
import dev.numguard.rules.facts.Reduction;
import dev.numguard.rules.facts.ReductionKind;
import dev.numguard.rules.idioms.moments.Cancellation;
import dev.numguard.rules.model.BinaryOp;
import dev.numguard.rules.model.Expr;
import dev.numguard.rules.model.NumericType;
import dev.numguard.rules.model.Stmt;
import dev.numguard.rules.model.VarKind;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The shifted-data fix of one-pass regression, correlation and covariance sums that a single
 * {@code RunningStats} cannot take over: every power sum of the loop accumulates {@code x − K}
 * instead of {@code x}, with K the value of the first iteration (Chan, Golub and LeVeque). Central
 * moments {@code n·Σx² − (Σx)²} and {@code n·Σxy − ΣxΣy} are unchanged in real arithmetic by the
 * shift, but their rounding error now scales with the spread of the data around K instead of with
 * its magnitude; a mean {@code Σx / n} gets K added back.
 *
 * <p>Offered only where every read of every sum of the loop is understood: each sum starts at zero,
 * is updated in one block of one counted loop and written nowhere else, holds a value or a product
 * of two values, and after the loop is read only inside a cancellation whose counts are the number
 * of updates, as the numerator of such a mean, or in an intercept {@code (Σy·Σxx − Σx·Σxy) / det}
 * over such a determinant (which gets Ky − Kx·slope added back). Float sums are accumulated in double
 * and read back as float. Anything else (an intercept in another form, a sum read inside the loop)
 * keeps the finding without a fix.
 */
public final class ShiftedSumsFix {

    private ShiftedSumsFix() {
    }

    private static final Set<NumericType> SUM_TYPES = EnumSet.of(NumericType.DOUBLE, NumericType.FLOAT);
    /** Values a float shift can hold without a cast. */
    private static final Set<NumericType> FLOAT_VALUES = EnumSet.of(NumericType.FLOAT, NumericType.INT,
            NumericType.LONG);
    private static final Pattern FLOAT_KEYWORD = Pattern.compile("\\bfloat\\b");

    /** One accumulator of the loop and the values whose product it sums (one or two). */
    private record Sum(Reduction reduction, Stmt.LocalDecl declaration, List<Expr> values) {
    }

    private static boolean isFloat(Sum s) {
        return ((Stmt.Assign) s.reduction().update()).target().type().numeric() == NumericType.FLOAT;
    }

    /** How a read of a sum is written after the fix: as it was, or cast back to float from a double sum. */
    private record Reads(List<Sum> sums, boolean inFloat, ClassFacts context) {
        String of(Sum s) {
            return inFloat ? "(float) " + s.reduction().variable() : s.reduction().variable();
        }

        /** The text of {@code e} with every read of a sum in it written as {@link #of}. */
        String text(Expr e) {
            String text = context.text(e);
            if (!inFloat) {
                return text;
            }
            List<Expr.VarRead> inside = new ArrayList<>();
            for (Expr r : Nodes.expressions(e)) {
                if (r instanceof Expr.VarRead v && v.kind() == VarKind.LOCAL
                        && sums.stream().anyMatch(s -> s.reduction().variable().equals(v.name()))) {
                    inside.add(v);
                }
            }
            inside.sort(Comparator.comparingInt((Expr.VarRead v) -> v.span().start()).reversed());
            StringBuilder out = new StringBuilder(text);
            for (Expr.VarRead v : inside) {
                out.insert(v.span().start() - e.span().start(), "(float) ");
            }
            return out.toString();
        }
    }

    /**
     * An intercept of the least-squares line written from the raw sums,
     * {@code (Σy·Σxx − Σx·Σxy) / (n·Σxx − Σx·Σx)}. Shifting x by Kx and y by Ky turns it into the
     * intercept a' of the shifted data, and a = Ky + a' − Kx·b with the slope
     * b = (n·Σxy − Σx·Σy) / (n·Σxx − Σx·Σx), all from the shifted sums.
     */
    private record Intercept(Expr.Binary division, Expr.Binary numerator, Expr count, Expr x, Expr y,
                             Sum sumX, Sum sumY, Sum sumXY) {
        TextEdit edit(String shiftX, String shiftY, Reads reads, MethodFacts facts) {
            String slopeNumerator = reads.text(count) + " * " + reads.of(sumXY) + " - " + reads.of(sumX) + " * "
                    + reads.of(sumY);
            Expr denominator = Nodes.stripCasts(division.right());
            String divisor = denominator instanceof Expr.VarRead || denominator instanceof Expr.Literal
                    ? reads.text(division.right()) : "(" + reads.text(division.right()) + ")";
            return TextEdit.replace(division.span(), SourceEdits.ungroupedWhereStandalone("(" + shiftY + " + ("
                    + reads.text(numerator) + " - " + shiftX + " * (" + slopeNumerator + ")) / " + divisor + ")",
                    division, facts));
        }
    }

    /** The intercepts written from the loop's raw sums after it, with a denominator of update counts. */
    private static List<Intercept> intercepts(Stmt.Loop loop, List<Sum> sums, Reduction counter, MethodFacts facts) {
        List<Intercept> out = new ArrayList<>();
        for (Expr e : Nodes.expressions(facts.method().body())) {
            if (e.span().start() < loop.span().end() || !(e instanceof Expr.Binary division)
                    || division.op() != BinaryOp.DIVIDE || !(Nodes.stripCasts(division.left()) instanceof Expr.Binary numerator)
                    || numerator.op() != BinaryOp.SUBTRACT) {
                continue;
            }
            List<Sum> left = productOfTwoSums(numerator.left(), sums, facts);
            List<Sum> right = productOfTwoSums(numerator.right(), sums, facts);
            if (left == null || right == null) {
                continue;
            }
            Sum sumXX = left.stream().filter(s -> s.values().size() == 2 && same(s.values().get(0), s.values().get(1), facts))
                    .findFirst().orElse(null);
            Sum sumY = left.stream().filter(s -> s != sumXX && s.values().size() == 1).findFirst().orElse(null);
            Sum sumX = right.stream().filter(s -> s.values().size() == 1).findFirst().orElse(null);
            Sum sumXY = right.stream().filter(s -> s != sumX && s.values().size() == 2).findFirst().orElse(null);
            if (sumXX == null || sumY == null || sumX == null || sumXY == null) {
                continue;
            }
            Expr x = sumXX.values().get(0);
            Expr y = sumY.values().get(0);
            if (!same(sumX.values().get(0), x, facts) || same(x, y, facts)
                    || !(same(sumXY.values().get(0), x, facts) && same(sumXY.values().get(1), y, facts)
                    || same(sumXY.values().get(0), y, facts) && same(sumXY.values().get(1), x, facts))) {
                continue;
            }
            Expr count = varianceCount(division.right(), sumXX, sumX, sums, counter, facts);
            if (count != null) {
                out.add(new Intercept(division, numerator, count, x, y, sumX, sumY, sumXY));
            }
        }
        return out;
    }

    /** The two sums {@code e} multiplies (reads of the loop's sums), or null. */
    private static List<Sum> productOfTwoSums(Expr e, List<Sum> sums, MethodFacts facts) {
        if (!(Nodes.stripCasts(e) instanceof Expr.Binary product) || product.op() != BinaryOp.MULTIPLY) {
            return null;
        }
        Sum a = sumRead(product.left(), sums);
        Sum b = sumRead(product.right(), sums);
        return a == null || b == null ? null : List.of(a, b);
    }

    private static Sum sumRead(Expr e, List<Sum> sums) {
        return Nodes.stripCasts(e) instanceof Expr.VarRead v && v.kind() == VarKind.LOCAL
                ? sums.stream().filter(s -> s.reduction().variable().equals(v.name())).findFirst().orElse(null) : null;
    }

    /**
     * The count n of {@code denominator} (as written or through the local it reads), when it is
     * {@code n·Σxx − Σx·Σx} with n the number of updates; null otherwise.
     */
    private static Expr varianceCount(Expr denominator, Sum sumXX, Sum sumX, List<Sum> sums, Reduction counter,
                                      MethodFacts facts) {
        Expr d = Nodes.stripCasts(facts.resolve(denominator));
        if (!(d instanceof Expr.Binary subtraction) || subtraction.op() != BinaryOp.SUBTRACT) {
            return null;
        }
        Optional<Cancellation> found = Cancellation.of(subtraction, facts);
        if (found.isEmpty() || found.get().covariance() || found.get().weighted()) {
            return null;
        }
        Cancellation c = found.get();
        if (!c.left().reductions().equals(List.of(sumXX.reduction())) || c.left().scalars().size() != 1
                || !c.left().divisors().isEmpty() || !c.right().scalars().isEmpty() || !c.right().divisors().isEmpty()
                || !c.right().reductions().stream().allMatch(r -> r.equals(sumX.reduction()))) {
            return null;
        }
        Expr n = c.left().scalars().get(0);
        if (!isUpdateCount(n, sumXX, counter, facts)) {
            return null;
        }
        // the count as the denominator writes it (n rather than the xs.length it holds), where that is the same value
        if (Nodes.stripCasts(subtraction.left()) instanceof Expr.Binary product && product.op() == BinaryOp.MULTIPLY) {
            for (Expr written : List.of(product.left(), product.right())) {
                if (sumRead(written, sums) == null && (Nodes.sameShape(Nodes.stripCasts(written), Nodes.stripCasts(n))
                        || Nodes.sameShape(Nodes.stripCasts(facts.resolve(written)), Nodes.stripCasts(n)))) {
                    return written;
                }
            }
        }
        return n;
    }

    /**
     * Edits declaring the float sum {@code d} double (its 0f start written 0.0); none when the
     * statement also declares a local that is not one of the sums.
     */
    private static Optional<List<TextEdit>> declaredDouble(Stmt.LocalDecl d, List<Sum> sums, MethodFacts facts) {
        ClassFacts context = facts.context();
        boolean shared = Nodes.statements(facts.method().body()).stream().anyMatch(st -> st instanceof Stmt.LocalDecl other
                && other.span().equals(d.span()) && sums.stream().noneMatch(s -> s.declaration() == other));
        if (shared) {
            return Optional.empty();
        }
        Matcher keyword = FLOAT_KEYWORD.matcher(context.text(d.span()));
        if (!keyword.find()) {
            return Optional.empty();
        }
        int start = d.span().start() + keyword.start();
        List<TextEdit> edits = new ArrayList<>(List.of(new TextEdit(start, start + "float".length(), "double")));
        if (d.init() instanceof Expr.Literal zero && context.text(zero).matches("0?\\.?0*[fF]")) {
            edits.add(TextEdit.replace(zero.span(), "0.0"));
        }
        return Optional.of(edits);
    }

    /** The fix, when the sums behind {@code c} are the double locals of one counted loop. */
    public static Optional<Fix> of(MethodFacts facts, Cancellation c) {
        return of(facts, c, false);
    }

    /**
     * The fix where the loop also sums a product of two different values (a covariance or a
     * regression): a RunningStats for one variance would leave that sum naive, so this fix comes first.
     */
    public static Optional<Fix> ofJointSums(MethodFacts facts, Cancellation c) {
        return of(facts, c, true);
    }

    private static Optional<Fix> of(MethodFacts facts, Cancellation c, boolean onlyJoint) {
        Reduction any = c.left().reductions().stream().filter(Reduction.class::isInstance).map(Reduction.class::cast)
                .findFirst().orElse(null);
        if (any == null || any.loop() == null || any.variableKind() != VarKind.LOCAL) {
            return Optional.empty();
        }
        Stmt.Loop loop = any.loop();
        Stmt.Block block = SourceEdits.parentBlock(facts.method(), any.update()).orElse(null);
        Expr start = start(loop);
        if (block == null || start == null || !runsThrough(loop) || !(loop.body() instanceof Stmt.Block body) || body != block) {
            return Optional.empty();
        }
        ClassFacts context = facts.context();
        Reduction counter = LoopRunningStatsFix.counterBeside(any, block, facts);
        List<Sum> sums = new ArrayList<>();
        for (Reduction r : facts.reductions()) {
            if (r.loop() != loop || r == counter || r.kind() == ReductionKind.COUNT
                    || r.kind() == ReductionKind.SUM && MathCalls.isLiteral(r.term(), 1)) {
                continue;
            }
            Stmt.LocalDecl d = facts.declaration(r.variable());
            if (r.kind() != ReductionKind.SUM || r.variableKind() != VarKind.LOCAL || r.subtracted()
                    || !(r.update() instanceof Stmt.Assign a) || !SUM_TYPES.contains(a.target().type().numeric())
                    || !block.statements().contains(r.update()) || d == null || !LoopRunningStatsFix.startsAtZero(d)
                    || !LoopRunningStatsFix.onlyWrittenBy(r, facts)) {
                return Optional.empty();
            }
            List<Expr> values = values(r.term(), facts);
            if (values.isEmpty() || values.size() > 2) {
                return Optional.empty();
            }
            sums.add(new Sum(r, d, values));
        }
        for (Object o : concat(c.left().reductions(), c.right().reductions())) {
            if (!(o instanceof Reduction r) || sums.stream().noneMatch(s -> s.reduction() == r)) {
                return Optional.empty();
            }
        }

        // float sums go to double (their own rounding is FloatAccumulation's finding); the shifts and every
        // read of a sum stay float, so each formula keeps its type
        boolean inFloat = sums.stream().anyMatch(x -> isFloat(x));
        if (inFloat && (sums.stream().anyMatch(x -> !isFloat(x)) || sums.stream().flatMap(x -> x.values().stream())
                .anyMatch(v -> !FLOAT_VALUES.contains(v.type().numeric())))) {
            return Optional.empty();
        }
        if (onlyJoint && sums.stream().noneMatch(x -> x.values().size() == 2
                && !same(x.values().get(0), x.values().get(1), facts))) {
            return Optional.empty();
        }
        // one shift per distinct value, read at the first iteration before the first update
        List<Expr> distinct = new ArrayList<>();
        for (Sum s : sums) {
            for (Expr v : s.values()) {
                if (distinct.stream().noneMatch(d -> same(d, v, facts))) {
                    distinct.add(v);
                }
            }
        }
        int firstUpdate = sums.stream().mapToInt(s -> s.reduction().update().span().start()).min().orElseThrow();
        int lastUpdate = sums.stream().mapToInt(s -> s.reduction().update().span().end()).max().orElseThrow();
        for (Expr v : distinct) {
            if (!stableBetween(v, firstUpdate, lastUpdate, loop, facts)) {
                return Optional.empty();
            }
        }
        List<String> shifts = new ArrayList<>();
        for (Expr v : distinct) {
            // named after the value's local, or the first variable it reads other than the index
            String base = "shift" + Nodes.expressions(Nodes.stripCasts(v)).stream()
                    .filter(e -> e instanceof Expr.VarRead r && !r.name().equals(loop.inductionVariable()))
                    .map(e -> capitalised(((Expr.VarRead) e).name())).findFirst().orElse(String.valueOf(shifts.size() + 1));
            String name = SourceEdits.freshName(facts, base);
            while (shifts.contains(name)) {
                name = name + "_";
            }
            shifts.add(name);
        }

        List<TextEdit> edits = new ArrayList<>();
        Reads reads = new Reads(sums, inFloat, context);
        List<Intercept> intercepts = intercepts(loop, sums, counter, facts);
        for (Intercept intercept : intercepts) {
            edits.add(intercept.edit(shifts.get(indexOf(distinct, intercept.x(), facts)),
                    shifts.get(indexOf(distinct, intercept.y(), facts)), reads, facts));
        }
        // every read of a sum after the loop sits in a cancellation of loop counts, in a mean or in an intercept
        for (Sum s : sums) {
            for (Expr.VarRead read : DeadCode.readsOf(s.declaration().id(), facts)) {
                if (s.reduction().update().span().contains(read.span())
                        || intercepts.stream().anyMatch(i -> i.division().span().contains(read.span()))) {
                    continue;
                }
                if (read.span().start() < loop.span().end()) {
                    return Optional.empty();
                }
                if (inCancellation(read, s, sums, counter, facts)) {
                    if (inFloat) {
                        edits.add(TextEdit.replace(read.span(), reads.of(s)));
                    }
                    continue;
                }
                Expr parent = MethodUses.of(facts).parentBySpan(read);
                if (s.values().size() == 1 && parent instanceof Expr.Binary mean && mean.op() == BinaryOp.DIVIDE
                        && Nodes.stripCasts(mean.left()) == read
                        && isUpdateCount(mean.right(), s, counter, facts)) {
                    String shift = shifts.get(indexOf(distinct, s.values().get(0), facts));
                    edits.add(TextEdit.replace(mean.span(), "(" + shift + " + " + reads.text(mean) + ")"));
                    continue;
                }
                return Optional.empty();
            }
            if (isFloat(s)) {
                Optional<List<TextEdit>> retyped = declaredDouble(s.declaration(), sums, facts);
                if (retyped.isEmpty()) {
                    return Optional.empty();
                }
                retyped.get().stream().filter(e -> edits.stream().noneMatch(o -> o.start() == e.start())).forEach(edits::add);
            }
        }

        // the updates accumulate shifted values; product locals that only fed them go
        List<Expr.VarRead> fed = new ArrayList<>();
        String indent = indentOf(firstUpdate, context);
        StringBuilder first = new StringBuilder("if (" + loop.inductionVariable() + " == " + context.text(start) + ") {\n");
        for (int k = 0; k < distinct.size(); k++) {
            first.append(indent).append("    ").append(shifts.get(k)).append(" = ").append(context.text(distinct.get(k)))
                    .append(";\n");
        }
        first.append(indent).append("}\n").append(indent);
        for (Sum s : sums) {
            List<String> factors = new ArrayList<>();
            for (Expr v : s.values()) {
                String shifted = SourceEdits.asAdditiveOperand(v, context) + " - " + shifts.get(indexOf(distinct, v, facts));
                factors.add(s.values().size() == 1 ? shifted : "(" + shifted + ")");
            }
            edits.add(TextEdit.replace(s.reduction().update().span(),
                    (s.reduction().update().span().start() == firstUpdate ? first.toString() : "")
                    + s.reduction().variable() + " += " + String.join(" * ", factors) + ";"));
            Nodes.expressions(((Stmt.Assign) s.reduction().update()).value()).stream()
                    .filter(e -> e instanceof Expr.VarRead).map(Expr.VarRead.class::cast).forEach(fed::add);
        }
        for (Stmt st : block.statements()) {
            if (st instanceof Stmt.LocalDecl product && product.init() != null
                    && fed.stream().anyMatch(r -> r.name().equals(product.name()))
                    && DeadCode.readsOf(product.id(), facts).stream().allMatch(r -> sums.stream()
                    .anyMatch(s -> s.reduction().update().span().contains(r.span())))
                    && factorsOf(product.init(), facts).size() == 2) {
                DeadCode.deleteLines(product, context).ifPresent(edits::add);
            }
        }

        String loopIndent = indentOf(loop.span().start(), context);
        StringBuilder declarations = new StringBuilder();
        for (int k = 0; k < distinct.size(); k++) {
            declarations.append(inFloat ? "float " : "double ").append(shifts.get(k)).append(" = 0;\n").append(loopIndent);
        }
        // the declarations replace the loop keyword with itself after them, not a bare insertion, so that
        // the same fix offered for another finding of this loop is recognised as already applied
        String text = context.file().text();
        int keywordEnd = loop.span().start();
        while (keywordEnd < text.length() && Character.isJavaIdentifierPart(text.charAt(keywordEnd))) {
            keywordEnd++;
        }
        edits.add(new TextEdit(loop.span().start(), keywordEnd,
                declarations + text.substring(loop.span().start(), keywordEnd)));
        edits.sort(Comparator.comparingInt(TextEdit::start).thenComparingInt(TextEdit::end));
        for (int k = 1; k < edits.size(); k++) {
            if (edits.get(k).start() < edits.get(k - 1).end()) {
                return Optional.empty();
            }
        }
        return Optional.of(Fix.review("Accumulate the sums of the values shifted by their first value", edits,
                List.of()));
    }

    /**
     * Every sum behind {@code c} already accumulates shifted data: each value it multiplies is
     * {@code v − k}, with k a local the loop sets to {@code v} (as this fix writes it, or by hand).
     * Such sums lose digits only to the spread of the data around k, not to its offset.
     */
    public static boolean alreadyShifted(Cancellation c, MethodFacts facts) {
        List<Object> all = concat(c.left().reductions(), c.right().reductions());
        if (all.isEmpty()) {
            return false;
        }
        for (Object o : all) {
            if (!(o instanceof Reduction r) || r.loop() == null) {
                return false;
            }
            List<Expr> values = values(r.term(), facts);
            if (values.isEmpty()) {
                return false;
            }
            for (Expr v : values) {
                if (!(Nodes.stripCasts(v) instanceof Expr.Binary d && d.op() == BinaryOp.SUBTRACT
                        && Nodes.stripCasts(d.right()) instanceof Expr.VarRead k && k.kind() == VarKind.LOCAL
                        && facts.definitions(k.name()).stream().anyMatch(def -> r.loop().span().contains(def.site().span())
                        && def.value() != null && Nodes.sameShape(Nodes.stripCasts(def.value()), Nodes.stripCasts(d.left()))))) {
                    return false;
                }
            }
        }
        return true;
    }

    /** The start of a counted loop whose induction variable only the loop header writes; null otherwise. */
    static Expr start(Stmt.Loop loop) {
        String i = loop.inductionVariable();
        if (i == null || loop.init().size() != 1 || loop.update().size() != 1) {
            return null;
        }
        Stmt init = loop.init().get(0);
        Expr start = init instanceof Stmt.LocalDecl d && d.name().equals(i) ? d.init()
                : init instanceof Stmt.Assign a && Nodes.isLocal(a.target(), i) ? a.value() : null;
        return start instanceof Expr.Literal ? start : null;
    }

    /** The values a sum's term multiplies, through locals holding a product or square; empty when not a product. */
    private static List<Expr> values(Expr term, MethodFacts facts) {
        List<Expr> out = new ArrayList<>();
        for (Expr f : factorsOf(term, facts)) {
            Expr r = Nodes.stripCasts(f);
            if (r instanceof Expr.Literal) {
                return List.of();
            }
            out.add(r);
        }
        return out;
    }

    private static List<Expr> factorsOf(Expr e, MethodFacts facts) {
        Expr r = Nodes.stripCasts(e);
        if (r instanceof Expr.VarRead v && v.kind() == VarKind.LOCAL) {
            Expr resolved = Nodes.stripCasts(facts.resolve(r));
            if (resolved != r && (MathCalls.squared(resolved).isPresent()
                    || resolved instanceof Expr.Binary b && b.op() == BinaryOp.MULTIPLY)) {
                return factorsOf(resolved, facts);
            }
            return List.of(r);
        }
        Optional<Expr> squared = MathCalls.squared(r);
        if (squared.isPresent() && !(r instanceof Expr.Binary)) {
            return List.of(squared.get(), squared.get());
        }
        if (r instanceof Expr.Binary b && b.op() == BinaryOp.MULTIPLY) {
            List<Expr> out = new ArrayList<>(factorsOf(b.left(), facts));
            out.addAll(factorsOf(b.right(), facts));
            return out;
        }
        return List.of(r);
    }

    private static boolean same(Expr a, Expr b, MethodFacts facts) {
        return Nodes.sameShape(Nodes.stripCasts(a), Nodes.stripCasts(b))
                || Nodes.sameShape(Nodes.stripCasts(facts.resolve(a)), Nodes.stripCasts(facts.resolve(b)));
    }

    private static int indexOf(List<Expr> distinct, Expr v, MethodFacts facts) {
        for (int k = 0; k < distinct.size(); k++) {
            if (same(distinct.get(k), v, facts)) {
                return k;
            }
        }
        throw new IllegalStateException("value not collected");
    }

    /**
     * The value reads the same from the first update to the last (no local it reads is written in
     * between, and none is declared after the first update), so K read before the first update is
     * the value the first iteration sums; it has no assignment of its own.
     */
    static boolean stableBetween(Expr v, int from, int to, Stmt.Loop loop, MethodFacts facts) {
        for (Expr e : Nodes.expressions(v)) {
            if (e instanceof Expr.Other o && o.kind().equals("assignment") || e instanceof Expr.Unary u && u.op().assigns()) {
                return false;
            }
            if (e instanceof Expr.VarRead r && r.kind() == VarKind.LOCAL) {
                Stmt.LocalDecl d = facts.declaration(r.name());
                if (d != null && d.span().start() >= from) {
                    return false;
                }
                if (facts.definitions(r.name()).stream().anyMatch(def -> def.site().span().start() >= from
                        && def.site().span().start() < to)) {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * The read is inside a subtraction that is itself a cancellation of this loop's sums whose
     * counts are the number of updates: shifting every value leaves it unchanged.
     */
    private static boolean inCancellation(Expr.VarRead read, Sum sum, List<Sum> sums, Reduction counter,
                                          MethodFacts facts) {
        MethodUses uses = MethodUses.of(facts);
        for (Expr e = uses.parentBySpan(read); e != null; e = uses.parentBySpan(e)) {
            if (e instanceof Expr.Binary b && b.op() == BinaryOp.SUBTRACT) {
                Optional<Cancellation> found = Cancellation.of(b, facts);
                if (found.isPresent()) {
                    Cancellation c = found.get();
                    boolean ours = concat(c.left().reductions(), c.right().reductions()).stream()
                            .allMatch(o -> sums.stream().anyMatch(s -> s.reduction().equals(o)))
                            && concat(c.left().reductions(), c.right().reductions()).contains(sum.reduction());
                    List<Expr> counts = new ArrayList<>(c.left().scalars());
                    counts.addAll(c.left().divisors());
                    counts.addAll(c.right().scalars());
                    counts.addAll(c.right().divisors());
                    return ours && !c.weighted() && counts.stream().allMatch(n -> isUpdateCount(n, sum, counter, facts));
                }
            }
        }
        return false;
    }

    /**
     * {@code n} is the number of updates: the counter beside the sums, the length of the array or
     * the bound the loop runs to (also as the expression the bound local holds), or the induction
     * variable read after a loop from zero in steps of one. Literals are not counts here.
     */
    private static boolean isUpdateCount(Expr n, Sum sum, Reduction counter, MethodFacts facts) {
        Expr count = Nodes.stripCasts(n);
        if (count instanceof Expr.Literal) {
            return false;
        }
        if (LoopRunningStatsFix.isUpdateCount(n, sum.reduction(), counter, facts)) {
            return true;
        }
        Stmt.Loop loop = sum.reduction().loop();
        String i = loop.inductionVariable();
        if (!(loop.condition() instanceof Expr.Binary cmp && cmp.op() == BinaryOp.LESS && Nodes.isLocal(cmp.left(), i))
                || !(start(loop) instanceof Expr.Literal zero && MathCalls.isLiteral(zero, 0))
                || !(loop.update().get(0) instanceof Stmt.ExprStmt step && step.expr() instanceof Expr.Unary u
                && (u.op() == dev.numguard.rules.model.UnaryOp.POST_INCREMENT
                || u.op() == dev.numguard.rules.model.UnaryOp.PRE_INCREMENT))
                || facts.definitions(i).stream().anyMatch(def -> loop.body().span().contains(def.site().span()))) {
            return false;
        }
        if (count instanceof Expr.VarRead read && read.name().equals(i) && read.kind() == VarKind.LOCAL) {
            return read.span().start() >= loop.span().end()
                    && facts.definitions(i).stream().noneMatch(def -> def.site().span().start() >= loop.span().end());
        }
        // the formula's count resolved to what the bound local holds
        Expr bound = Nodes.stripCasts(cmp.right());
        return bound instanceof Expr.VarRead && (Nodes.sameShape(bound, count)
                || Nodes.sameShape(Nodes.stripCasts(facts.resolve(bound)), count))
                && LoopRunningStatsFix.isBound(bound, loop, facts);
    }

    /** Every iteration runs every update: no break, continue, throw or return in the loop body. */
    static boolean runsThrough(Stmt.Loop loop) {
        return Nodes.statements(loop.body()).stream().noneMatch(st -> st instanceof Stmt.Return
                || st instanceof Stmt.Other o && List.of("break", "continue", "throw", "yield").contains(o.kind()));
    }

    static String indentOf(int offset, ClassFacts context) {
        String text = context.file().text();
        return text.substring(context.lineStart(offset), offset).replaceAll("\\S.*", "");
    }

    static String capitalised(String name) {
        return name.isEmpty() ? name : Character.toUpperCase(name.charAt(0)) + name.substring(1);
    }

    private static <T> List<T> concat(List<T> a, List<T> b) {
        List<T> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }
}
