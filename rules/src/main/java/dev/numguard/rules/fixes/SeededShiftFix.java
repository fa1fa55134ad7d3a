package dev.numguard.rules.fixes;

import dev.numguard.rules.Fix;
import dev.numguard.rules.TextEdit;
import dev.numguard.rules.facts.ClassFacts;
import dev.numguard.rules.facts.Definition;
import dev.numguard.rules.facts.MathCalls;
import dev.numguard.rules.facts.MethodFacts;
import dev.numguard.rules.facts.MethodUses;
import dev.numguard.rules.facts.Nodes;
import dev.numguard.rules.facts.Reduction;
import dev.numguard.rules.idioms.moments.Cancellation;
import dev.numguard.rules.model.AssignOp;
import dev.numguard.rules.model.BinaryOp;
import dev.numguard.rules.model.Expr;
import dev.numguard.rules.model.NumericType;
import dev.numguard.rules.model.Stmt;
import dev.numguard.rules.model.UnaryOp;
import dev.numguard.rules.model.VarKind;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The shifted-sums fix of a running variance kept in locals that are updated in several places
 * rather than in one loop body (a region grown from a seed, each accepted neighbour adding to the
 * count, the sum and the sum of squares in its own branch), where the sums are seeded with a value
 * first: {@code count++; sum = seed; sumSq = seed * seed;} before the updates
 * {@code count++; sum += v; sumSq += v * v;}. Every summed value becomes {@code v − seed}, the seed
 * read from the local it is held in (unchanged from the seeding to the last update), the seeding
 * itself sets both sums to zero (the seed less itself); means
 * {@code sum / count} get the seed added back, and the central-moment formulas
 * {@code sumSq − sum·sum / count} (and {@code count·sumSq − sum·sum}) stay as written: shifting
 * leaves them unchanged in exact arithmetic when the count is the number of values summed, while
 * the sums keep the digits of the spread instead of those of the offset. Values or a seed that are
 * not double are shifted in double ({@code (double) v − seed}), so float data keeps its digits and
 * an int square cannot overflow.
 *
 * <p>That the count is the number of values summed is proved, not assumed: the count and both sums
 * are locals declared together at zero; every write of a sum sits in a block that also increments
 * the count once and adds the same value (and its square) to the other sum, with nothing between
 * those statements that reads or writes them; the seeding is the first write of the sums (no loop
 * repeats it) and the only plain assignment; and every write of the count that reaches a formula
 * or a mean belongs to such a block (increments elsewhere, say in the other branch of the
 * {@code if} choosing the mode, do not reach them). The sums are read only in those formulas and
 * means. It changes several statements, so it is a review fix.
 */
public final class SeededShiftFix {

    private SeededShiftFix() {
    }

    /** One block's update: the count increment, the two sum writes and the value they add. */
    private record Group(Stmt.Block block, Stmt count, Stmt.Assign first, Stmt.Assign second, Expr value,
                         boolean seed, int start, int end) {
    }

    /** The fix, when {@code c} reads two seeded local sums and a count updated together block by block. */
    public static Optional<Fix> of(MethodFacts facts, Expr.Binary subtraction, Cancellation c) {
        if (c.covariance() || c.weighted()) {
            return Optional.empty();
        }
        String s2 = onlyVariable(c.left().reductions());
        String s1 = onlyVariable(c.right().reductions());
        List<Expr> counts = LoopRunningStatsFix.counts(c);
        if (s1 == null || s2 == null || s1.equals(s2) || counts.isEmpty()) {
            return Optional.empty();
        }
        String n = null;
        for (Expr e : counts) {
            if (!(Nodes.stripCasts(e) instanceof Expr.VarRead v) || v.kind() != VarKind.LOCAL || n != null && !n.equals(v.name())) {
                return Optional.empty();
            }
            n = v.name();
        }
        Stmt.LocalDecl d1 = facts.declaration(s1);
        Stmt.LocalDecl d2 = facts.declaration(s2);
        Stmt.LocalDecl dn = facts.declaration(n);
        if (d1 == null || d2 == null || dn == null || !LoopRunningStatsFix.startsAtZero(d1)
                || !LoopRunningStatsFix.startsAtZero(d2) || !LoopRunningStatsFix.startsAtZero(dn)
                || d1.type().numeric() != NumericType.DOUBLE || d2.type().numeric() != NumericType.DOUBLE) {
            return Optional.empty();
        }
        Stmt.Block declared = SourceEdits.parentBlock(facts.method(), d1).orElse(null);
        if (declared == null || !declared.statements().contains(d2) || !declared.statements().contains(dn)) {
            return Optional.empty();
        }

        // the blocks writing the sums, each with one increment of the count and the value and its square
        List<Group> groups = new ArrayList<>();
        for (Definition def : facts.definitions(s1)) {
            if (def.site() == d1) {
                continue;
            }
            Group g = group(def.site(), s1, s2, n, facts);
            if (g == null) {
                return Optional.empty();
            }
            groups.add(g);
        }
        for (Definition def : facts.definitions(s2)) {
            if (def.site() != d2 && groups.stream().noneMatch(g -> g.second() == def.site())) {
                return Optional.empty();
            }
        }
        List<Group> seeds = groups.stream().filter(Group::seed).toList();
        if (seeds.size() != 1) {
            return Optional.empty();
        }
        Group seed = seeds.get(0);
        if (groups.stream().anyMatch(g -> g != seed && g.start() < seed.end())
                || facts.enclosingLoops(seed.first().span()).stream().anyMatch(l -> !l.span().contains(d1.span()))) {
            return Optional.empty();                            // the seeding must be the first write of the sums
        }
        if (!(Nodes.stripCasts(seed.value()) instanceof Expr.VarRead k) || !stableShift(k, seed, groups, facts)) {
            return Optional.empty();
        }
        String shift = k.name();

        // every read of the sums is in a formula over the count, or a mean sum / count
        ClassFacts context = facts.context();
        List<TextEdit> edits = new ArrayList<>();
        List<Expr> checkedReads = new ArrayList<>();
        for (Stmt.LocalDecl d : List.of(d1, d2)) {
            for (Expr.VarRead read : DeadCode.readsOf(d.id(), facts)) {
                if (groups.stream().anyMatch(g -> g.first().span().contains(read.span())
                        || g.second().span().contains(read.span()))) {
                    continue;
                }
                Expr.Binary formula = formulaAround(read, s1, s2, n, facts);
                if (formula != null) {
                    checkedReads.add(formula);
                    continue;
                }
                Expr parent = MethodUses.of(facts).parentBySpan(read);
                if (d == d1 && parent instanceof Expr.Binary mean && mean.op() == BinaryOp.DIVIDE
                        && Nodes.stripCasts(mean.left()) == read && Nodes.stripCasts(mean.right()) instanceof Expr.VarRead count
                        && count.kind() == VarKind.LOCAL && count.name().equals(n)) {
                    checkedReads.add(mean);
                    edits.add(TextEdit.replace(mean.span(),
                            SourceEdits.ungroupedWhereStandalone("(" + shift + " + " + context.text(mean) + ")", mean, facts)));
                    continue;
                }
                return Optional.empty();
            }
        }
        for (Expr read : checkedReads) {
            if (!countsUpdates(read, n, dn, groups, facts)) {
                return Optional.empty();
            }
        }
        if (!countsUpdates(subtraction, n, dn, groups, facts) || !stableShiftAt(k, checkedReads, facts)) {
            return Optional.empty();
        }

        for (Group g : groups) {
            if (g.seed()) {
                // the seed less itself: both sums start from zero
                edits.add(TextEdit.replace(g.first().value().span(), "0.0"));
                edits.add(TextEdit.replace(g.second().value().span(), "0.0"));
                continue;
            }
            // values or a shift that are not double (float pixels, int counts) are shifted in double: exact for
            // float data near the seed, and no int product to overflow
            boolean widen = g.value().type().numeric() != NumericType.DOUBLE || k.type().numeric() != NumericType.DOUBLE;
            String shifted = (widen ? "(double) " + SourceEdits.asFactor(g.value(), context)
                    : SourceEdits.asAdditiveOperand(g.value(), context)) + " - " + shift;
            edits.add(TextEdit.replace(g.first().value().span(), shifted));
            edits.add(TextEdit.replace(g.second().value().span(), "(" + shifted + ") * (" + shifted + ")"));
        }
        edits.sort(Comparator.comparingInt(TextEdit::start).thenComparingInt(TextEdit::end));
        for (int i = 1; i < edits.size(); i++) {
            if (edits.get(i).start() < edits.get(i - 1).end()) {
                return Optional.empty();
            }
        }
        return Optional.of(Fix.review("Sum the values less the seed value '" + shift + "', so the sums keep the "
                + "digits of the spread", edits, List.of()));
    }

    /** The one local variable all {@code reductions} accumulate into, or null. */
    private static String onlyVariable(List<Object> reductions) {
        String name = null;
        for (Object o : reductions) {
            if (!(o instanceof Reduction r) || r.variableKind() != VarKind.LOCAL || r.subtracted()
                    || name != null && !name.equals(r.variable())) {
                return null;
            }
            name = r.variable();
        }
        return name;
    }

    /**
     * The update around the write {@code site} of the first sum: in its block, one increment of the
     * count, and the write of the second sum with the square of the value the first adds, both
     * seeding ({@code =}) or both adding ({@code +=}); the statements between them neither jump nor
     * touch the count or the sums. Null otherwise.
     */
    private static Group group(Stmt site, String s1, String s2, String n, MethodFacts facts) {
        if (!(site instanceof Stmt.Assign first) || !Nodes.isLocal(first.target(), s1)
                || first.op() != AssignOp.ADD && first.op() != AssignOp.ASSIGN) {
            return null;
        }
        Stmt.Block block = SourceEdits.parentBlock(facts.method(), site).orElse(null);
        if (block == null) {
            return null;
        }
        Stmt count = null;
        Stmt.Assign second = null;
        for (Stmt st : block.statements()) {
            if (isIncrement(st, n)) {
                if (count != null) {
                    return null;
                }
                count = st;
            } else if (st instanceof Stmt.Assign a && Nodes.isLocal(a.target(), s2)) {
                if (second != null) {
                    return null;
                }
                second = a;
            } else if (st != first && st instanceof Stmt.Assign a && Nodes.isLocal(a.target(), s1)) {
                return null;
            }
        }
        if (count == null || second == null || second.op() != first.op()) {
            return null;
        }
        boolean seed = first.op() == AssignOp.ASSIGN;
        Expr v = first.value();
        if (mentions(v, s1, s2, n) || mentions(second.value(), s1, s2, n) || !isSquareOf(second.value(), v)
                || Nodes.expressions(v).stream().anyMatch(e -> e instanceof Expr.Call || e instanceof Expr.Unary u
                && u.op().assigns() || e instanceof Expr.Other o && o.kind().equals("assignment"))) {
            return null;
        }
        List<Stmt> all = block.statements();
        int from = Math.min(all.indexOf(count), Math.min(all.indexOf(first), all.indexOf(second)));
        int to = Math.max(all.indexOf(count), Math.max(all.indexOf(first), all.indexOf(second)));
        for (int i = from; i <= to; i++) {
            Stmt st = all.get(i);
            if (st != count && st != first && st != second && (!(st instanceof Stmt.ExprStmt e) || mentions(e.expr(), s1, s2, n))) {
                return null;
            }
        }
        return new Group(block, count, first, second, v, seed, all.get(from).span().start(), all.get(to).span().end());
    }

    private static boolean isIncrement(Stmt st, String n) {
        return st instanceof Stmt.ExprStmt e && e.expr() instanceof Expr.Unary u
                && (u.op() == UnaryOp.POST_INCREMENT || u.op() == UnaryOp.PRE_INCREMENT) && Nodes.isLocal(u.operand(), n)
                || st instanceof Stmt.Assign a && a.op() == AssignOp.ADD && Nodes.isLocal(a.target(), n)
                && MathCalls.isLiteral(a.value(), 1);
    }

    private static boolean mentions(Expr e, String... names) {
        return Nodes.expressions(e).stream().anyMatch(x -> x instanceof Expr.VarRead r && r.kind() == VarKind.LOCAL
                && List.of(names).contains(r.name()));
    }

    /** {@code square} is {@code v * v} or {@code pow(v, 2)}, v as {@code value} is written. */
    private static boolean isSquareOf(Expr square, Expr value) {
        Expr s = Nodes.stripCasts(square);
        Expr v = Nodes.stripCasts(value);
        if (s instanceof Expr.Binary b && b.op() == BinaryOp.MULTIPLY) {
            return Nodes.sameShape(Nodes.stripCasts(b.left()), v) && Nodes.sameShape(Nodes.stripCasts(b.right()), v);
        }
        return false;
    }

    /**
     * The shift {@code k}, the local or parameter the seeding adds, holds one value from the
     * seeding to the last update: every assignment of it comes before the seeding, in no loop that
     * also runs an update; a local is declared (and assigned) where every update sees it.
     */
    private static boolean stableShift(Expr.VarRead k, Group seed, List<Group> groups, MethodFacts facts) {
        if (k.kind() != VarKind.LOCAL && k.kind() != VarKind.PARAMETER) {
            return false;
        }
        Stmt.LocalDecl dk = facts.declaration(k.name());
        if (dk == null && facts.method().parameter(k.name()) == null) {
            return false;
        }
        boolean assigned = dk == null || dk.init() != null;
        for (Definition def : facts.definitions(k.name())) {
            if (def.site() == null || def.site() == dk) {
                continue;
            }
            if (def.site().span().end() > seed.start()) {
                return false;
            }
            for (Stmt.Loop loop : facts.loops()) {
                if (loop.span().contains(def.site().span())
                        && groups.stream().anyMatch(g -> loop.span().contains(g.first().span()))) {
                    return false;
                }
            }
            // assigned unconditionally in a block that holds every update
            Stmt.Block block = SourceEdits.parentBlock(facts.method(), def.site()).orElse(null);
            if (def.isPlain() && block != null && groups.stream().allMatch(g -> block.span().contains(g.block().span()))) {
                assigned = true;
            }
        }
        if (!assigned) {
            return false;
        }
        if (dk != null) {
            Stmt.Block scope = SourceEdits.parentBlock(facts.method(), dk).orElse(null);
            return scope != null && groups.stream().allMatch(g -> scope.span().contains(g.block().span()));
        }
        return true;
    }

    /** The shift is in scope and assigned where the means and formulas read it back. */
    private static boolean stableShiftAt(Expr.VarRead k, List<Expr> reads, MethodFacts facts) {
        Stmt.LocalDecl dk = facts.declaration(k.name());
        if (dk == null) {
            return true;
        }
        Stmt.Block scope = SourceEdits.parentBlock(facts.method(), dk).orElse(null);
        if (scope == null || reads.stream().anyMatch(r -> !scope.span().contains(r.span()))) {
            return false;
        }
        // a read outside every block assigning k could see it unassigned: require the reads after a plain
        // assignment whose block holds them (or an initialised declaration)
        if (dk.init() != null) {
            return true;
        }
        for (Expr r : reads) {
            boolean seen = false;
            for (Definition def : facts.definitions(k.name())) {
                Stmt.Block block = def.site() == null ? null : SourceEdits.parentBlock(facts.method(), def.site()).orElse(null);
                if (def.isPlain() && block != null && block.span().contains(r.span())
                        && def.site().span().end() <= r.span().start()) {
                    seen = true;
                }
            }
            if (!seen) {
                return false;
            }
        }
        return true;
    }

    /**
     * The subtraction around {@code read} that is a variance of the two sums over the count n (not
     * weighted, every count a read of n); null when the read sits in no such formula.
     */
    private static Expr.Binary formulaAround(Expr.VarRead read, String s1, String s2, String n, MethodFacts facts) {
        MethodUses uses = MethodUses.of(facts);
        for (Expr e = uses.parentBySpan(read); e != null; e = uses.parentBySpan(e)) {
            if (e instanceof Expr.Binary b && b.op() == BinaryOp.SUBTRACT) {
                Optional<Cancellation> found = Cancellation.of(b, facts);
                if (found.isEmpty()) {
                    continue;
                }
                Cancellation c = found.get();
                if (c.covariance() || c.weighted() || !s2.equals(onlyVariable(c.left().reductions()))
                        || !s1.equals(onlyVariable(c.right().reductions()))) {
                    return null;
                }
                for (Expr count : LoopRunningStatsFix.counts(c)) {
                    if (!(Nodes.stripCasts(count) instanceof Expr.VarRead v) || !v.name().equals(n)) {
                        return null;
                    }
                }
                return LoopRunningStatsFix.counts(c).isEmpty() ? null : b;
            }
        }
        return null;
    }

    /**
     * At {@code read} (a formula or a mean), the count is the number of values summed: every write
     * of the count reaching its reads of n is the declaration or an update block's increment, and
     * the read does not sit inside an update block, between its statements.
     */
    private static boolean countsUpdates(Expr read, String n, Stmt.LocalDecl dn, List<Group> groups, MethodFacts facts) {
        for (Group g : groups) {
            if (read.span().start() < g.end() && read.span().end() > g.start()) {
                return false;
            }
        }
        for (Expr e : Nodes.expressions(read)) {
            if (e instanceof Expr.VarRead v && v.kind() == VarKind.LOCAL && v.name().equals(n)) {
                for (Definition def : facts.reaching(v)) {
                    if (def.site() != dn && groups.stream().noneMatch(g -> g.count() == def.site())) {
                        return false;
                    }
                }
            }
        }
        return true;
    }

    /**
     * Every sum behind {@code c} adds values less one shift {@code k}, a local or parameter that no
     * loop around the updates assigns (as this fix writes them): only the spread of the data around
     * k is left to cancel.
     */
    public static boolean alreadyShifted(Cancellation c, MethodFacts facts) {
        String s2 = onlyVariable(c.left().reductions());
        String s1 = onlyVariable(c.right().reductions());
        if (c.covariance() || c.weighted() || s1 == null || s2 == null || s1.equals(s2)) {
            return false;
        }
        String shift = null;
        List<Stmt> updates = new ArrayList<>();
        for (String s : List.of(s1, s2)) {
            Stmt.LocalDecl d = facts.declaration(s);
            for (Definition def : facts.definitions(s)) {
                if (def.site() == d) {
                    continue;
                }
                if (!(def.site() instanceof Stmt.Assign a) || a.value() == null) {
                    return false;
                }
                if (a.op() == AssignOp.ASSIGN && MathCalls.isLiteral(a.value(), 0)) {
                    continue;                                   // the seed, less itself
                }
                List<Expr> factors = new ArrayList<>();
                Expr value = Nodes.stripCasts(a.value());
                if (s.equals(s2) && value instanceof Expr.Binary m && m.op() == BinaryOp.MULTIPLY) {
                    factors.add(Nodes.stripCasts(m.left()));
                    factors.add(Nodes.stripCasts(m.right()));
                } else {
                    factors.add(value);
                }
                for (Expr f : factors) {
                    if (!(f instanceof Expr.Binary diff && diff.op() == BinaryOp.SUBTRACT
                            && Nodes.stripCasts(diff.right()) instanceof Expr.VarRead k
                            && (k.kind() == VarKind.LOCAL || k.kind() == VarKind.PARAMETER)
                            && (shift == null || shift.equals(k.name())))) {
                        return false;
                    }
                    shift = ((Expr.VarRead) Nodes.stripCasts(diff.right())).name();
                }
                updates.add(a);
            }
        }
        if (shift == null || updates.isEmpty()) {
            return false;
        }
        for (Definition def : facts.definitions(shift)) {
            if (def.site() == null) {
                continue;
            }
            for (Stmt.Loop loop : facts.loops()) {
                if (loop.span().contains(def.site().span()) && updates.stream().anyMatch(u -> loop.span().contains(u.span()))) {
                    return false;
                }
            }
        }
        return true;
    }
}
