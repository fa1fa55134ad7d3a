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
import dev.numguard.rules.idioms.moments.Cancellation;
import dev.numguard.rules.model.AssignOp;
import dev.numguard.rules.model.BinaryOp;
import dev.numguard.rules.model.Expr;
import dev.numguard.rules.model.NumericType;
import dev.numguard.rules.model.Stmt;
import dev.numguard.rules.model.VarKind;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The fix of a one-pass (weighted) variance whose power sums {@code Σw·x}, {@code Σw·x·x} are
 * locals set to zero and then added to in pairs, in as many loops or nested loops as the code has,
 * with weights of any sign and a count the analysis cannot tie to the updates (a histogram total, a
 * total weight kept elsewhere, a count summed in an outer loop): {@code sum += w * x} next to
 * {@code sumSq += w * x * x}. A local {@code ShiftedMoments} is made where the sums are set to zero,
 * fed {@code accept(x, w)} beside each pair of updates (sums of {@code w·(x − K)}, {@code w·(x − K)²}
 * and {@code w}, K the first value), and the subtraction becomes
 * {@code PartialMoments.squaredDeviations(moments, n)} times the power of n it had: equal in exact
 * arithmetic to {@code Σw·x² − (Σw·x)²/n} for every n and every sign of the weights, and, where n is
 * the total weight, the sum of squared deviations from sums that kept the digits of the spread.
 * Where the sums are set to zero again in other blocks (one pair of sums reused for several
 * formulas), only the block of this formula is rewritten. A sum that nothing but the formula reads
 * is removed with its updates and its reset.
 *
 * <p>Offered only where both sums are set to zero by adjacent statements of one block that holds
 * the formula, every write of them in that block between the resets and the formula is such a pair
 * of adjacent updates (no other write, no increment), the terms have no side effect and do not read
 * the sums, and no update after the formula can run before it.
 */
public final class ShiftedMomentsFix {
    static final String SHIFTED_MOMENTS = "dev.numguard.guards.ShiftedMoments";

    private ShiftedMomentsFix() {
    }

    /** One pair of updates: {@code second += w·x·x} next to {@code first += w·x}. */
    private record Pair(Stmt.Assign second, Stmt.Assign first, Expr value, List<Expr> weight) {
    }

    /** Where each sum starts at zero for this formula, and the pairs of updates in between. */
    private record Plan(String second, String first, Stmt secondStart, Stmt firstStart, Stmt.Block block,
                        List<Pair> pairs) {
        Stmt later() {
            return secondStart.span().start() >= firstStart.span().start() ? secondStart : firstStart;
        }
    }

    public static Optional<Fix> of(MethodFacts facts, Expr.Binary subtraction, Cancellation c) {
        if (c.covariance()) {
            return Optional.empty();
        }
        Optional<Plan> found = plan(facts, subtraction, c);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Plan plan = found.get();
        String moments = SourceEdits.freshName(facts, "moments", "shiftedMoments");
        boolean removeSecond = removable(plan.second(), plan, subtraction, facts);
        boolean removeFirst = removable(plan.first(), plan, subtraction, facts);
        Stmt.LocalDecl secondDecl = facts.declaration(plan.second());
        Stmt.LocalDecl firstDecl = facts.declaration(plan.first());
        boolean shared = secondDecl.span().equals(firstDecl.span());
        // the other formulas over the same sums, each in a block of its own that sets them to zero
        List<Expr.Binary> others = removeSecond && removeFirst ? sameSumsElsewhere(facts, subtraction, plan)
                : List.of();
        List<Expr.Binary> formulas = new ArrayList<>(others);
        formulas.add(subtraction);
        boolean secondEverywhere = removeSecond && covered(plan.second(), formulas, facts);
        boolean firstEverywhere = removeFirst && covered(plan.first(), formulas, facts);
        if (!secondEverywhere || !firstEverywhere) {
            formulas = List.of(subtraction);
            secondEverywhere = removeSecond && readsOutside(plan.second(), subtraction, facts).isEmpty();
            firstEverywhere = removeFirst && readsOutside(plan.first(), subtraction, facts).isEmpty();
        }
        // the locals only the formula read (its mean, the sum only that mean read) go with it
        List<TextEdit> feeding = List.of();
        if (formulas.size() == 1) {
            Optional<String> text = StatedCountFormula.replacement(subtraction,
                    e -> e instanceof Expr.VarRead v && v.kind() == VarKind.LOCAL
                            ? v.name().equals(plan.second()) ? 2 : v.name().equals(plan.first()) ? 1 : 0 : 0,
                    moments, facts);
            if (text.isEmpty()) {
                return Optional.empty();
            }
            feeding = DeadCode.onlyFeeding(subtraction.span(), text.get(), facts);
            if (readElsewhere(feeding, subtraction, facts)) {
                feeding = List.of();                            // a local class or lambda still reads one of them
            }
            if (!firstEverywhere && deletes(feeding, firstDecl) && onlyHere(plan.first(), plan, facts)) {
                removeFirst = true;
                firstEverywhere = true;
            }
            if (!secondEverywhere && deletes(feeding, secondDecl) && onlyHere(plan.second(), plan, facts)) {
                removeSecond = true;
                secondEverywhere = true;
            }
        }
        // a declaration that starts the sum goes only with every read of it
        removeSecond &= secondEverywhere || plan.secondStart() != secondDecl;
        removeFirst &= firstEverywhere || plan.firstStart() != firstDecl;
        if (shared && (removeSecond != removeFirst || secondEverywhere != firstEverywhere)) {
            return Optional.empty();                            // one declaration statement for both
        }
        Set<Stmt> declarations = new LinkedHashSet<>();
        if (secondEverywhere) {
            declarations.add(secondDecl);
        }
        if (firstEverywhere) {
            declarations.add(firstDecl);
        }
        List<TextEdit> edits = new ArrayList<>();
        Set<SourceSpanKey> done = new LinkedHashSet<>();
        for (Expr.Binary formula : formulas) {
            Plan p = formula == subtraction ? plan : plan(facts, formula, Cancellation.of(formula, facts).orElseThrow())
                    .orElseThrow();
            Optional<List<TextEdit>> region = regionEdits(facts, formula, p, removeSecond, removeFirst, moments, done);
            if (region.isEmpty()) {
                return Optional.empty();
            }
            edits.addAll(region.get());
        }
        for (Stmt s : declarations) {
            if (!done.add(new SourceSpanKey(s.span().start(), s.span().end()))) {
                continue;                                       // a shared declaration, or a replaced start
            }
            Optional<TextEdit> gone = DeadCode.deleteLines(s, facts.context());
            if (gone.isEmpty()) {
                return Optional.empty();
            }
            edits.add(gone.get());
        }
        for (TextEdit dead : feeding) {
            if (edits.stream().noneMatch(e -> e.start() < dead.end() && dead.start() < e.end()
                    || e.start() == e.end() && dead.start() <= e.start() && e.start() < dead.end())) {
                edits.add(dead);                                // what the fix does not already delete
            }
        }
        edits.sort(Comparator.comparingInt(TextEdit::start));
        for (int i = 1; i < edits.size(); i++) {
            if (edits.get(i).start() < edits.get(i - 1).end()) {
                return Optional.empty();
            }
        }
        return Optional.of(Fix.review("Accumulate the (weighted) power sums on shifted values in a ShiftedMoments "
                + "and take the sum of squared deviations for the count the formula divides by", edits,
                List.of(SHIFTED_MOMENTS, StatedCountFormula.PARTIAL_MOMENTS)));
    }

    /**
     * The edits of one block: the ShiftedMoments made where the sums are set to zero, fed beside
     * each pair of updates, read in the formula; the removed sums' resets and updates deleted.
     */
    private static Optional<List<TextEdit>> regionEdits(MethodFacts facts, Expr.Binary subtraction, Plan plan,
                                                        boolean removeSecond, boolean removeFirst, String moments,
                                                        Set<SourceSpanKey> done) {
        ClassFacts context = facts.context();
        Optional<String> formula = StatedCountFormula.replacement(subtraction,
                e -> e instanceof Expr.VarRead v && v.kind() == VarKind.LOCAL
                        ? v.name().equals(plan.second()) ? 2 : v.name().equals(plan.first()) ? 1 : 0 : 0,
                moments, facts);
        if (formula.isEmpty()) {
            return Optional.empty();
        }
        List<TextEdit> edits = new ArrayList<>();
        Set<Stmt> deleted = new LinkedHashSet<>();
        if (removeSecond) {
            deleted.add(plan.secondStart());
        }
        if (removeFirst) {
            deleted.add(plan.firstStart());
        }
        String declaration = SHIFTED_MOMENTS + " " + moments + " = new " + SHIFTED_MOMENTS + "();";
        Stmt later = plan.later();
        if (deleted.contains(later)) {
            edits.add(TextEdit.replace(later.span(), declaration));
            done.add(new SourceSpanKey(later.span().start(), later.span().end()));
        } else {
            edits.add(new TextEdit(later.span().end(), later.span().end(), context.lineSeparator()
                    + ShiftedSumsFix.indentOf(later.span().start(), context) + declaration));
        }
        for (Stmt s : deleted) {
            if (!done.add(new SourceSpanKey(s.span().start(), s.span().end()))) {
                continue;                                       // a shared declaration, or the replaced start
            }
            Optional<TextEdit> gone = DeadCode.deleteLines(s, context);
            if (gone.isEmpty()) {
                return Optional.empty();
            }
            edits.add(gone.get());
        }
        for (Pair p : plan.pairs()) {
            String accept = moments + ".accept(" + context.text(p.value())
                    + (p.weight().isEmpty() ? "" : ", " + LoopRunningStatsFix.product(p.weight(), context)) + ");";
            if (removeSecond) {
                edits.add(TextEdit.replace(p.second().span(), accept));
            } else if (removeFirst) {
                edits.add(TextEdit.replace(p.first().span(), accept));
            } else {
                Stmt.Assign last = p.second().span().start() > p.first().span().start() ? p.second() : p.first();
                edits.add(new TextEdit(last.span().end(), last.span().end(), context.lineSeparator()
                        + ShiftedSumsFix.indentOf(last.span().start(), context) + accept));
            }
            if (removeSecond && removeFirst) {
                Optional<TextEdit> gone = DeadCode.deleteLines(p.first(), context);
                if (gone.isEmpty()) {
                    return Optional.empty();
                }
                edits.add(gone.get());
            }
        }
        boolean call = !formula.get().startsWith("(") && subtraction.type().numeric() != NumericType.FLOAT;
        edits.add(call ? SourceEdits.replaceByPrimary(subtraction.span(), formula.get(), context)
                : TextEdit.replace(subtraction.span(), formula.get()));
        return Optional.of(edits);
    }

    /** The other formulas of the method over the same two sums that this fix rewrites, removing both. */
    private static List<Expr.Binary> sameSumsElsewhere(MethodFacts facts, Expr.Binary subtraction, Plan plan) {
        List<Expr.Binary> out = new ArrayList<>();
        for (Expr e : Nodes.expressions(facts.method().body())) {
            if (e == subtraction || !(e instanceof Expr.Binary b) || b.op() != BinaryOp.SUBTRACT
                    || b.span().contains(subtraction.span()) || subtraction.span().contains(b.span())) {
                continue;
            }
            Optional<Cancellation> c = Cancellation.of(b, facts);
            if (c.isEmpty() || c.get().covariance()) {
                continue;
            }
            Optional<Plan> other = plan(facts, b, c.get());
            if (other.isPresent() && other.get().second().equals(plan.second()) && other.get().first().equals(plan.first())
                    && removable(plan.second(), other.get(), b, facts) && removable(plan.first(), other.get(), b, facts)) {
                out.add(b);
            }
        }
        return out;
    }

    /**
     * A local the deletions remove is named inside code the model keeps opaque (an anonymous class
     * body, which the method's own reads do not list), outside the deletions and the formula: an
     * anonymous class reading a captured mean, as gatk IntHistogram does.
     */
    private static boolean readElsewhere(List<TextEdit> deletions, Expr.Binary subtraction, MethodFacts facts) {
        String text = facts.context().file().text();
        List<SourceSpan> opaque = Nodes.expressions(facts.method().body()).stream()
                .filter(e -> e instanceof Expr.Other).map(Expr::span).toList();
        if (opaque.isEmpty()) {
            return false;
        }
        for (Stmt st : facts.statements()) {
            if (!(st instanceof Stmt.LocalDecl d) || !deletes(deletions, d)) {
                continue;
            }
            Matcher m = Pattern.compile("(?<![\\w$.])" + Pattern.quote(d.name()) + "(?![\\w$])").matcher(text);
            for (SourceSpan region : opaque) {
                m.region(region.start(), region.end());
                while (m.find()) {
                    int at = m.start();
                    boolean covered = subtraction.span().start() <= at && at < subtraction.span().end()
                            || deletions.stream().anyMatch(e -> e.start() <= at && at < e.end());
                    if (!covered) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /** One of the deletions covers the statement. */
    private static boolean deletes(List<TextEdit> deletions, Stmt statement) {
        return deletions.stream().anyMatch(d -> d.start() <= statement.span().start() && statement.span().end() <= d.end());
    }

    /** Every write of the sum is its declaration, its reset for this formula or one of the paired updates. */
    private static boolean onlyHere(String name, Plan plan, MethodFacts facts) {
        Stmt.LocalDecl decl = facts.declaration(name);
        return facts.definitions(name).stream().allMatch(d -> d.site() == decl || d.site() == plan.secondStart()
                || d.site() == plan.firstStart() || plan.pairs().stream().anyMatch(p -> p.first() == d.site()
                || p.second() == d.site()));
    }

    /** Every read of the sum lies in one of the formulas (or is the target of its own update). */
    private static boolean covered(String name, List<Expr.Binary> formulas, MethodFacts facts) {
        return readsOutside(name, formulas.get(formulas.size() - 1), facts).stream()
                .allMatch(r -> formulas.stream().anyMatch(f -> f.span().contains(r.span())));
    }

    private record SourceSpanKey(int start, int end) {
    }

    /** The sums, their resets and the pairs of updates, when the shape holds. */
    private static Optional<Plan> plan(MethodFacts facts, Expr.Binary subtraction, Cancellation c) {
        Set<String> left = names(c.left().reductions());
        Set<String> right = names(c.right().reductions());
        if (left == null || right == null) {
            return Optional.empty();
        }
        List<String> seconds = left.stream().filter(n -> !right.contains(n)).toList();
        if (seconds.size() != 1) {
            return Optional.empty();
        }
        String second = seconds.get(0);
        for (String first : right) {
            if (!first.equals(second)) {
                Optional<Plan> p = plan(facts, subtraction, second, first);
                if (p.isPresent()) {
                    return p;
                }
            }
        }
        return Optional.empty();
    }

    /** The local sums the monomial reads, or null when one is not a plain local sum. */
    private static Set<String> names(List<Object> reductions) {
        Set<String> out = new LinkedHashSet<>();
        for (Object o : reductions) {
            if (!(o instanceof Reduction r) || r.variableKind() != VarKind.LOCAL || r.subtracted()
                    || r.kind() != dev.numguard.rules.facts.ReductionKind.SUM) {
                return null;
            }
            out.add(r.variable());
        }
        return out;
    }

    private static Optional<Plan> plan(MethodFacts facts, Expr.Binary subtraction, String second, String first) {
        Stmt.LocalDecl secondDecl = facts.declaration(second);
        Stmt.LocalDecl firstDecl = facts.declaration(first);
        if (secondDecl == null || firstDecl == null || !secondDecl.type().isScalar() || !firstDecl.type().isScalar()
                || incremented(second, facts) || incremented(first, facts)) {
            return Optional.empty();
        }
        Stmt secondStart = start(second, secondDecl, subtraction, facts);
        Stmt firstStart = start(first, firstDecl, subtraction, facts);
        if (secondStart == null || firstStart == null) {
            return Optional.empty();
        }
        Stmt.Block block = SourceEdits.parentBlock(facts.method(), secondStart).orElse(null);
        if (block == null || SourceEdits.parentBlock(facts.method(), firstStart).orElse(null) != block) {
            return Optional.empty();
        }
        int a = block.statements().indexOf(secondStart);
        int b = block.statements().indexOf(firstStart);
        if (a < 0 || b < 0 || Math.abs(a - b) > 1) {
            return Optional.empty();                            // set to zero together: nothing runs in between
        }
        Stmt later = a >= b ? secondStart : firstStart;
        int from = later.span().end();
        int to = subtraction.span().start();
        // the formula inside a loop of the block: an update after it in that loop runs before its next turn
        Stmt.Loop around = facts.enclosingLoops(subtraction.span()).stream()
                .filter(l -> block.span().contains(l.span()) && l.span().start() >= from).findFirst().orElse(null);
        List<Stmt.Assign> secondUpdates = new ArrayList<>();
        List<Stmt.Assign> firstUpdates = new ArrayList<>();
        for (String name : List.of(second, first)) {
            for (Definition d : facts.definitions(name)) {
                int at = d.site().span().start();
                if (d.site() == secondStart || d.site() == firstStart || !block.span().contains(d.site().span())
                        || at < from && at >= Math.min(secondStart.span().start(), firstStart.span().start())) {
                    continue;
                }
                if (at < from) {
                    continue;                                   // before the resets in the block: reset anyway
                }
                if (at >= to) {
                    if (around != null && around.span().contains(d.site().span())) {
                        return Optional.empty();
                    }
                    continue;
                }
                if (d.element() || !(d.site() instanceof Stmt.Assign assign) || assign.op() != AssignOp.ADD
                        || !Nodes.isLocal(Nodes.stripCasts(assign.target()), name)) {
                    return Optional.empty();
                }
                (name.equals(second) ? secondUpdates : firstUpdates).add(assign);
            }
        }
        if (secondUpdates.isEmpty() || secondUpdates.size() != firstUpdates.size()) {
            return Optional.empty();
        }
        List<Pair> pairs = new ArrayList<>();
        for (Stmt.Assign s : secondUpdates) {
            Stmt.Block holder = SourceEdits.parentBlock(facts.method(), s).orElse(null);
            if (holder == null) {
                return Optional.empty();
            }
            int i = holder.statements().indexOf(s);
            Stmt.Assign partner = firstUpdates.stream().filter(f -> {
                int j = holder.statements().indexOf(f);
                return j >= 0 && Math.abs(i - j) == 1;
            }).findFirst().orElse(null);
            if (partner == null) {
                return Optional.empty();
            }
            Optional<Pair> pair = pair(s, partner, second, first);
            if (pair.isEmpty()) {
                return Optional.empty();
            }
            pairs.add(pair.get());
        }
        if (pairs.stream().map(Pair::first).distinct().count() != pairs.size()) {
            return Optional.empty();
        }
        return Optional.of(new Plan(second, first, secondStart, firstStart, block, pairs));
    }

    /** {@code second += w·x·x} against {@code first += w·x}: the factor the second has more is the value. */
    private static Optional<Pair> pair(Stmt.Assign second, Stmt.Assign first, String secondName, String firstName) {
        for (Stmt.Assign u : List.of(second, first)) {
            if (!StatedCountMomentsFix.sideEffectFree(u.value()) || Nodes.mentions(u.value(), secondName)
                    || Nodes.mentions(u.value(), firstName)) {
                return Optional.empty();
            }
        }
        List<Expr> secondFactors = ShiftedMassMomentsFix.factors(second.value());
        List<Expr> firstFactors = ShiftedMassMomentsFix.factors(first.value());
        for (Expr x : firstFactors) {
            List<Expr> expected = new ArrayList<>(firstFactors);
            expected.add(x);
            if (LoopRunningStatsFix.sameFactors(secondFactors, expected) && !(x instanceof Expr.Literal)) {
                List<Expr> weight = new ArrayList<>(firstFactors);
                weight.remove(x);
                return Optional.of(new Pair(second, first, x, weight));
            }
        }
        return Optional.empty();
    }

    /**
     * The statement that sets {@code name} to zero last before the formula, in a block that holds it:
     * its declaration ({@code double s = 0;}) or an assignment {@code s = 0;}; null if none.
     */
    private static Stmt start(String name, Stmt.LocalDecl decl, Expr.Binary subtraction, MethodFacts facts) {
        Stmt best = null;
        List<Stmt> resets = new ArrayList<>();
        if (decl.init() != null && MathCalls.isLiteral(decl.init(), 0)) {
            resets.add(decl);
        }
        for (Definition d : facts.definitions(name)) {
            if (!d.element() && d.site() instanceof Stmt.Assign a && a.op() == AssignOp.ASSIGN
                    && Nodes.isLocal(Nodes.stripCasts(a.target()), name) && MathCalls.isLiteral(a.value(), 0)) {
                resets.add(a);
            }
        }
        for (Stmt s : resets) {
            if (s.span().end() <= subtraction.span().start() && SourceEdits.parentBlock(facts.method(), s)
                    .map(b -> b.span().contains(subtraction.span())).orElse(false)
                    && (best == null || s.span().start() > best.span().start())) {
                best = s;
            }
        }
        return best;
    }

    /** {@code s++}, {@code s--} or an assignment inside an expression: a write the plan cannot see. */
    private static boolean incremented(String name, MethodFacts facts) {
        return Nodes.expressions(facts.method().body()).stream().anyMatch(e -> e instanceof Expr.Unary u
                && u.op().assigns() && Nodes.isLocal(u.operand(), name)
                || e instanceof Expr.Other o && o.kind().equals("assignment") && !o.children().isEmpty()
                && Nodes.isLocal(o.children().get(0), name));
    }

    /** The reads of {@code name} outside the formula and outside the targets of its own writes. */
    private static List<Expr.VarRead> readsOutside(String name, Expr.Binary subtraction, MethodFacts facts) {
        Stmt.LocalDecl decl = facts.declaration(name);
        List<Expr.VarRead> out = new ArrayList<>();
        for (Expr.VarRead r : DeadCode.readsOf(decl.id(), facts)) {
            if (subtraction.span().contains(r.span())) {
                continue;
            }
            boolean target = facts.definitions(name).stream().anyMatch(d -> d.site() instanceof Stmt.Assign a
                    && Nodes.stripCasts(a.target()).span().equals(r.span()));
            if (!target) {
                out.add(r);
            }
        }
        return out;
    }

    /**
     * Nothing but the formula reads what the sum holds in this block: every other read lies in a
     * block of its own that sets the sum to zero before it, apart from this one.
     */
    private static boolean removable(String name, Plan plan, Expr.Binary subtraction, MethodFacts facts) {
        for (Expr.VarRead r : readsOutside(name, subtraction, facts)) {
            boolean ownReset = facts.definitions(name).stream().anyMatch(d -> !d.element()
                    && d.site() instanceof Stmt.Assign a && a.op() == AssignOp.ASSIGN
                    && MathCalls.isLiteral(a.value(), 0) && a.span().end() <= r.span().start()
                    && SourceEdits.parentBlock(facts.method(), a).map(b -> b.span().contains(r.span())
                            && !b.span().contains(plan.block().span()) && !plan.block().span().contains(b.span()))
                            .orElse(false));
            if (!ownReset) {
                return false;
            }
        }
        return true;
    }
}
