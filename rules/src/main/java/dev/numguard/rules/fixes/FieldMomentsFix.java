package dev.numguard.rules.fixes;

import dev.numguard.rules.Fix;
import dev.numguard.rules.SourceSpan;
import dev.numguard.rules.TextEdit;
import dev.numguard.rules.facts.ClassFacts;
import dev.numguard.rules.facts.MathCalls;
import dev.numguard.rules.facts.MethodFacts;
import dev.numguard.rules.facts.Nodes;
import dev.numguard.rules.facts.Reduction;
import dev.numguard.rules.facts.ReductionKind;
import dev.numguard.rules.idioms.moments.Cancellation;
import dev.numguard.rules.model.AssignOp;
import dev.numguard.rules.model.BinaryOp;
import dev.numguard.rules.model.Expr;
import dev.numguard.rules.model.FieldModel;
import dev.numguard.rules.model.MethodModel;
import dev.numguard.rules.model.NumericType;
import dev.numguard.rules.model.Parameter;
import dev.numguard.rules.model.Stmt;
import dev.numguard.rules.model.VarKind;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The fix of a running-moment class in the shapes {@link RunningStatsFix} leaves: a count, a sum
 * and a sum of squares in private fields, added to together in one method and read by a variance
 * in any form the count decides ({@code (S2 − S²/n) / (n − 1)}, {@code S2 − n·mean²},
 * {@code n·S2 − S²}, a square root of these) in another; optionally with a method setting all
 * three back to zero (a reset, or a constructor) and a method adding another instance's three sums
 * ({@code sum += other.sum}: the partial sums of a combine or reduce step). One
 * {@code RunningStats} field takes the place of the three: {@code accept(x)} in the update,
 * {@code new RunningStats()} in the reset, {@code combine(other.stats)} in the merge (Chan's
 * parallel update, exact in real arithmetic), and the formula becomes the call it equals in real
 * arithmetic. It changes the class's fields and its serialised form, so it is a review fix.
 *
 * <p>Offered only where every write and read of the three fields is one of those: written
 * nowhere else, the sum of squares read nowhere else, the sum read as such or as the mean
 * {@code sum / n}, the count as such; every count in the formula is the count field.
 */
public final class FieldMomentsFix {
    private static final String RUNNING_STATS = RunningStatsFix.RUNNING_STATS;

    private FieldMomentsFix() {
    }

    /** The three fields and where they are written. */
    private record Moments(Reduction count, Reduction sum, Reduction sumOfSquares, List<Reduction> merged) {
        Set<String> names() {
            return Set.of(count.variable(), sum.variable(), sumOfSquares.variable());
        }
    }

    public static Optional<Fix> of(ClassFacts context, MethodFacts facts, Expr.Binary subtraction, Cancellation c) {
        if (c.covariance() || c.weighted() || facts.method().isStatic()) {
            return Optional.empty();
        }
        String s2name = c.left().reductions().stream().filter(o -> o instanceof Reduction r
                && r.variableKind() == VarKind.FIELD && MathCalls.squared(r.term()).isPresent())
                .map(o -> ((Reduction) o).variable()).findFirst().orElse(null);
        Moments moments = s2name == null ? null : moments(context, s2name).orElse(null);
        if (moments == null) {
            return Optional.empty();
        }
        Set<String> fields = moments.names();
        String n = moments.count().variable();
        String s1 = moments.sum().variable();
        String s2 = moments.sumOfSquares().variable();
        List<Object> read = new ArrayList<>(c.left().reductions());
        read.addAll(c.right().reductions());
        if (read.stream().anyMatch(o -> !(o instanceof Reduction r) || !Set.of(s1, s2).contains(r.variable()))
                || c.left().reductions().stream().noneMatch(o -> ((Reduction) o).variable().equals(s2))) {
            return Optional.empty();
        }
        for (Expr count : LoopRunningStatsFix.counts(c)) {
            if (!(Nodes.stripCasts(count) instanceof Expr.Literal) && !isCount(count, n, facts)) {
                return Optional.empty();
            }
        }
        if (readByOtherClasses(context, fields)) {
            return Optional.empty();
        }
        List<FieldModel> declared = context.clazz().fields().stream().filter(f -> fields.contains(f.name())).toList();
        if (declared.size() != 3 || declared.stream().anyMatch(f -> f.isStatic() || !RunningStatsFix.isPrivate(f, context)
                || f.init() != null && !(f.init() instanceof Expr.Literal l && RunningStatsFix.isZero(context.text(l))))) {
            return Optional.empty();
        }
        String stats = SourceEdits.freshFieldName(context, "stats", "runningStats");
        LoopRunningStatsFix.Formula formula = LoopRunningStatsFix.formula(subtraction, c.nPower() + 1,
                e -> isCount(e, n, facts), false, () -> stats + ".count()", facts);
        if (formula == null) {
            return Optional.empty();
        }

        List<TextEdit> edits = new ArrayList<>();
        List<SourceSpan> handled = new ArrayList<>();
        // the update: one accept of the value in place of the three additions
        for (Reduction gone : List.of(moments.count(), moments.sumOfSquares())) {
            Optional<TextEdit> deletion = DeadCode.deleteLines(gone.update(), context);
            if (deletion.isEmpty()) {
                return Optional.empty();
            }
            edits.add(deletion.get());
        }
        edits.add(TextEdit.replace(moments.sum().update().span(),
                stats + ".accept(" + context.text(moments.sum().term()) + ");"));
        List.of(moments.count(), moments.sum(), moments.sumOfSquares()).forEach(r -> handled.add(r.update().span()));
        // the merge: one combine of the other instance's statistics
        if (!moments.merged().isEmpty()) {
            Reduction first = moments.merged().stream().min(Comparator.comparingInt(r -> r.update().span().start())).get();
            Expr.VarRead other = (Expr.VarRead) Nodes.stripCasts(first.term());
            edits.add(TextEdit.replace(first.update().span(),
                    stats + ".combine(" + context.text(other.qualifier()) + "." + stats + ");"));
            for (Reduction r : moments.merged()) {
                handled.add(r.update().span());
                if (r != first) {
                    Optional<TextEdit> deletion = DeadCode.deleteLines(r.update(), context);
                    if (deletion.isEmpty()) {
                        return Optional.empty();
                    }
                    edits.add(deletion.get());
                }
            }
        }
        // the formula and the locals that only fed it
        edits.add(formula.edit(stats, facts));
        handled.add(formula.root().span());
        for (Stmt.LocalDecl dead : RunningStatsFix.localsOnlyFeeding(formula.root(), facts)) {
            DeadCode.deleteDeclaration(dead, facts).ifPresent(deletion -> {
                edits.add(deletion);
                handled.add(dead.span());
            });
        }

        boolean reset = false;
        for (MethodFacts method : context.methodsWithBodies()) {
            Optional<List<TextEdit>> resets = resets(method, fields, stats, handled, context);
            if (resets.isEmpty()) {
                return Optional.empty();
            }
            edits.addAll(resets.get());
            reset |= !method.method().isConstructor() && !resets.get().isEmpty();
            if (!readsRewritten(method, moments, stats, handled, edits, context)) {
                return Optional.empty();
            }
        }
        if (!RunningStatsFix.declarationsReplaced(declared, fields, "private " + (reset ? "" : "final ") + RUNNING_STATS
                + " " + stats + " = new " + RUNNING_STATS + "();", edits, context)) {
            return Optional.empty();
        }
        edits.sort(Comparator.comparingInt(TextEdit::start));
        for (int k = 1; k < edits.size(); k++) {
            if (edits.get(k).start() < edits.get(k - 1).end()) {
                return Optional.empty();
            }
        }
        return Optional.of(Fix.review(moments.merged().isEmpty()
                ? "Keep a RunningStats (Welford) instead of the running sums"
                : "Keep a RunningStats (Welford) instead of the running sums, merged with combine (Chan)",
                edits, List.of(RUNNING_STATS)));
    }

    /**
     * The count, sum and sum of squares the class accumulates in fields, the sum of squares being
     * {@code s2}: all three in one method, and the additions of another instance's three fields,
     * all in one other method. Accumulators of other fields (a minimum, a sum of cubes) are left as
     * they are; empty when one of the three is accumulated anywhere else.
     */
    private static Optional<Moments> moments(ClassFacts context, String s2) {
        List<Reduction> all = context.fieldAccumulators().reductions();
        Reduction sumOfSquares = all.stream().filter(r -> r.variable().equals(s2) && r.kind() == ReductionKind.SUM
                && MathCalls.squared(r.term()).isPresent()).findFirst().orElse(null);
        if (sumOfSquares == null) {
            return Optional.empty();
        }
        MethodModel update = methodOf(sumOfSquares.update(), context);
        String value = context.text(MathCalls.squared(sumOfSquares.term()).get());
        List<Reduction> sums = all.stream().filter(r -> r.kind() == ReductionKind.SUM && !r.variable().equals(s2)
                && methodOf(r.update(), context) == update && context.text(r.term()).equals(value)).toList();
        List<Reduction> counts = all.stream().filter(r -> r.kind() == ReductionKind.COUNT
                && methodOf(r.update(), context) == update).toList();
        if (update == null || sums.size() != 1 || counts.size() != 1) {
            return Optional.empty();
        }
        Reduction sum = sums.get(0);
        Reduction count = counts.get(0);
        Set<String> names = Set.of(count.variable(), sum.variable(), s2);
        List<Reduction> merged = new ArrayList<>();
        for (Reduction r : all) {
            if (!names.contains(r.variable()) || r == sum || r == count || r == sumOfSquares) {
                continue;
            }
            if (r.kind() != ReductionKind.SUM || !otherInstances(r, context)) {
                return Optional.empty();
            }
            merged.add(r);
        }
        for (Reduction r : List.of(count, sum, sumOfSquares)) {
            if (r.subtracted() || r.loop() != null) {
                return Optional.empty();
            }
        }
        if (!(count.update() instanceof Stmt.ExprStmt || count.update() instanceof Stmt.Assign)
                || Nodes.expressions(sum.term()).stream().anyMatch(e -> e instanceof Expr.Call
                || e instanceof Expr.Other o && o.kind().equals("assignment") || e instanceof Expr.Unary u && u.op().assigns())) {
            return Optional.empty();
        }
        Moments moments = new Moments(count, sum, sumOfSquares, merged);
        if (!merged.isEmpty()) {
            MethodModel merge = methodOf(merged.get(0).update(), context);
            Set<String> added = new java.util.HashSet<>();
            String qualifier = null;
            for (Reduction r : merged) {
                Expr.VarRead other = (Expr.VarRead) Nodes.stripCasts(r.term());
                String text = context.text(other.qualifier());
                if (r.subtracted() || r.loop() != null || methodOf(r.update(), context) != merge || merge == update
                        || !added.add(r.variable()) || qualifier != null && !qualifier.equals(text)) {
                    return Optional.empty();
                }
                qualifier = text;
            }
            if (!added.equals(names)) {
                return Optional.empty();
            }
        }
        return Optional.of(moments);
    }

    /** A class of the same file (a nested or enclosing one, which may read private fields) reads one of them. */
    static boolean readByOtherClasses(ClassFacts context, Set<String> fields) {
        String owner = context.clazz().qualifiedName();
        return context.file().classes().stream().filter(k -> !k.qualifiedName().equals(owner))
                .flatMap(k -> k.methods().stream()).filter(m -> m.body() != null)
                .flatMap(m -> Nodes.expressions(m.body()).stream())
                .anyMatch(e -> e instanceof Expr.VarRead v && v.kind() == VarKind.FIELD && fields.contains(v.name())
                        && owner.equals(v.ownerType()));
    }

    /** {@code r} adds the same field of another instance of the class, read through a parameter. */
    private static boolean otherInstances(Reduction r, ClassFacts context) {
        if (!(Nodes.stripCasts(r.term()) instanceof Expr.VarRead v) || v.kind() != VarKind.FIELD || v.ownField()
                || !v.name().equals(r.variable()) || !(Nodes.stripCasts(v.qualifier()) instanceof Expr.VarRead q)
                || q.kind() != VarKind.PARAMETER) {
            return false;
        }
        MethodModel method = methodOf(r.update(), context);
        return method != null && method.parameters().stream().anyMatch(p -> p.name().equals(q.name()) && ofClass(p, context));
    }

    private static boolean ofClass(Parameter p, ClassFacts context) {
        String type = p.type().name();
        return p.type().arrayDimensions() == 0
                && (type.equals(context.clazz().qualifiedName()) || type.equals(context.clazz().simpleName()));
    }

    private static MethodModel methodOf(Stmt statement, ClassFacts context) {
        return context.clazz().methods().stream().filter(m -> m.body() != null && m.body().span().contains(statement.span()))
                .findFirst().orElse(null);
    }

    /** {@code e} is the count field (directly or through a local holding it). */
    private static boolean isCount(Expr e, String n, MethodFacts facts) {
        return RunningStatsFix.isField(e, n) || RunningStatsFix.isField(facts.resolve(e), n);
    }

    /**
     * The edits of the statements of {@code method} that set the fields back to zero: all three
     * together, or none. In a constructor they go (the new field starts empty); elsewhere the first
     * becomes {@code stats = new RunningStats()}. Empty when the method writes a field otherwise.
     */
    private static Optional<List<TextEdit>> resets(MethodFacts method, Set<String> fields, String stats,
                                                   List<SourceSpan> handled, ClassFacts context) {
        List<Stmt.Assign> zeroes = new ArrayList<>();
        for (Stmt s : Nodes.statements(method.method().body())) {
            if (s instanceof Stmt.Assign a && fields.stream().anyMatch(f -> RunningStatsFix.isField(a.target(), f))
                    && !RunningStatsFix.inside(s.span(), handled)) {
                if (a.op() != AssignOp.ASSIGN || !(a.value() instanceof Expr.Literal l)
                        || !RunningStatsFix.isZero(context.text(l))) {
                    return Optional.empty();
                }
                zeroes.add(a);
            }
        }
        for (Expr e : Nodes.expressions(method.method().body())) {
            boolean writes = e instanceof Expr.Other o && o.kind().equals("assignment")
                    && o.children().stream().anyMatch(x -> fields.stream().anyMatch(f -> RunningStatsFix.isField(x, f)))
                    || e instanceof Expr.Unary u && u.op().assigns()
                    && fields.stream().anyMatch(f -> RunningStatsFix.isField(u.operand(), f));
            if (writes && !RunningStatsFix.inside(e.span(), handled)) {
                return Optional.empty();
            }
        }
        if (zeroes.isEmpty()) {
            return Optional.of(List.of());
        }
        if (zeroes.size() != 3 || zeroes.stream().map(a -> ((Expr.VarRead) Nodes.stripCasts(a.target())).name())
                .distinct().count() != 3) {
            return Optional.empty();
        }
        List<TextEdit> edits = new ArrayList<>();
        boolean constructor = method.method().isConstructor();
        for (Stmt.Assign a : zeroes) {
            if (!constructor && edits.isEmpty()) {
                edits.add(TextEdit.replace(a.span(), stats + " = new " + RUNNING_STATS + "();"));
            } else {
                Optional<TextEdit> deletion = DeadCode.deleteLines(a, context);
                if (deletion.isEmpty()) {
                    return Optional.empty();
                }
                edits.add(deletion.get());
            }
            handled.add(a.span());
        }
        return Optional.of(edits);
    }

    /**
     * Rewrites the reads of the fields outside what the fix already replaced: the mean
     * {@code sum / n} as {@code stats.mean()}, the sum as {@code stats.sum()}, the count as
     * {@code stats.count()}; false where the sum of squares is read or another instance's fields are.
     */
    private static boolean readsRewritten(MethodFacts method, Moments moments, String stats, List<SourceSpan> handled,
                                          List<TextEdit> edits, ClassFacts context) {
        String n = moments.count().variable();
        String s1 = moments.sum().variable();
        List<SourceSpan> replaced = new ArrayList<>();
        for (Expr e : Nodes.expressions(method.method().body())) {
            if (RunningStatsFix.inside(e.span(), handled) || RunningStatsFix.inside(e.span(), replaced)) {
                continue;
            }
            if (e instanceof Expr.Binary mean && mean.op() == BinaryOp.DIVIDE && RunningStatsFix.isField(mean.left(), s1)
                    && RunningStatsFix.isField(mean.right(), n)) {
                edits.add(SourceEdits.replaceByPrimary(mean.span(), stats + ".mean()", context));
                replaced.add(mean.span());
            } else if (e instanceof Expr.VarRead v && v.kind() == VarKind.FIELD && moments.names().contains(v.name())
                    && (!v.ownField() || v.name().equals(moments.sumOfSquares().variable()))) {
                return false;
            } else if (RunningStatsFix.isField(e, s1)) {
                edits.add(TextEdit.replace(e.span(), stats + ".sum()"));
            } else if (RunningStatsFix.isField(e, n)) {
                NumericType type = e.type().numeric();
                edits.add(TextEdit.replace(e.span(), type == NumericType.LONG ? stats + ".count()"
                        : "(" + type.javaKeyword() + ") " + stats + ".count()"));
            }
        }
        return true;
    }
}
