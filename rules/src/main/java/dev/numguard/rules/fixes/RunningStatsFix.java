package dev.numguard.rules.fixes;

import dev.numguard.rules.Fix;
import dev.numguard.rules.SourceSpan;
import dev.numguard.rules.TextEdit;
import dev.numguard.rules.facts.ClassFacts;
import dev.numguard.rules.facts.FieldAccumulators;
import dev.numguard.rules.facts.MathCalls;
import dev.numguard.rules.facts.MethodFacts;
import dev.numguard.rules.facts.Nodes;
import dev.numguard.rules.facts.Reduction;
import dev.numguard.rules.facts.ReductionKind;
import dev.numguard.rules.model.BinaryOp;
import dev.numguard.rules.model.Expr;
import dev.numguard.rules.model.FieldModel;
import dev.numguard.rules.model.NumericType;
import dev.numguard.rules.model.Stmt;
import dev.numguard.rules.model.VarKind;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The fix of a running-moment class that keeps a count, a sum and a sum of squares in fields and
 * computes the variance as {@code sumSq / n - mean * mean}: one {@code RunningStats} field (Welford)
 * replaces the three, the update calls {@code stats.accept(x)}, the formula becomes
 * {@code stats.variance()}, {@code sum / n} becomes {@code stats.mean()}, and other reads of the
 * count and the sum become {@code stats.count()} and {@code stats.sum()}. The class's public API
 * stays as it was. Offered only when the class is that and nothing else: private fields, written
 * only by the one update method, the sum of squares read only by the formula, the population
 * form (divided by the count).
 */
public final class RunningStatsFix {
    public static final String RUNNING_STATS = "dev.numguard.guards.RunningStats";

    private RunningStatsFix() {
    }

    public static Optional<Fix> of(ClassFacts context, MethodFacts facts, Expr.Binary subtraction) {
        FieldAccumulators accumulators = context.fieldAccumulators();
        if (accumulators.updatingMethods().size() != 1) {
            return Optional.empty();
        }
        Reduction count = null;
        Reduction sum = null;
        Reduction sumOfSquares = null;
        for (Reduction r : accumulators.reductions()) {
            if (r.subtracted() || r.loop() != null) {
                return Optional.empty();
            }
            if (r.kind() == ReductionKind.COUNT && count == null) {
                count = r;
            } else if (r.kind() == ReductionKind.SUM && MathCalls.squared(r.term()).isPresent() && sumOfSquares == null) {
                sumOfSquares = r;
            } else if (r.kind() == ReductionKind.SUM && sum == null) {
                sum = r;
            } else {
                return Optional.empty();
            }
        }
        if (count == null || sum == null || sumOfSquares == null
                || !context.text(MathCalls.squared(sumOfSquares.term()).get()).equals(context.text(sum.term()))) {
            return Optional.empty();
        }
        String n = count.variable();
        String s1 = sum.variable();
        String s2 = sumOfSquares.variable();
        Set<String> fields = Set.of(n, s1, s2);
        if (FieldMomentsFix.readByOtherClasses(context, fields)) {
            return Optional.empty();
        }
        if (!(subtraction.left() instanceof Expr.Binary second && second.op() == BinaryOp.DIVIDE
                && isField(second.left(), s2) && isField(second.right(), n))) {
            return Optional.empty();
        }
        List<FieldModel> declared = context.clazz().fields().stream().filter(f -> fields.contains(f.name())).toList();
        if (declared.size() != 3 || declared.stream().anyMatch(f -> f.isStatic() || !isPrivate(f, context)
                || f.init() != null && !(f.init() instanceof Expr.Literal l && isZero(context.text(l))))) {
            return Optional.empty();
        }
        Set<SourceSpan> updates = Set.of(count.update().span(), sum.update().span(), sumOfSquares.update().span());
        String stats = SourceEdits.freshFieldName(context, "stats", "runningStats");

        List<TextEdit> edits = new ArrayList<>();
        List<SourceSpan> removed = new ArrayList<>();
        for (Stmt update : List.of(count.update(), sumOfSquares.update())) {
            Optional<TextEdit> deletion = DeadCode.deleteLines(update, context);
            if (deletion.isEmpty()) {
                return Optional.empty();
            }
            edits.add(deletion.get());
        }
        edits.add(TextEdit.replace(sum.update().span(), stats + ".accept(" + context.text(sum.term()) + ");"));
        removed.addAll(updates);
        edits.add(SourceEdits.replaceByPrimary(subtraction.span(), stats + ".variance()", context));
        removed.add(subtraction.span());
        for (Stmt.LocalDecl dead : localsOnlyFeeding(subtraction, facts)) {
            Optional<TextEdit> deletion = DeadCode.deleteDeclaration(dead, facts);
            if (deletion.isPresent()) {
                edits.add(deletion.get());
                removed.add(dead.span());
            }
        }

        for (MethodFacts method : context.methodsWithBodies()) {
            List<Expr> expressions = Nodes.expressions(method.method().body());
            for (Stmt s : Nodes.statements(method.method().body())) {
                if (!updates.contains(s.span()) && writesAny(s, fields)) {
                    return Optional.empty();
                }
            }
            for (Expr e : expressions) {
                if (e instanceof Expr.Other o && o.kind().equals("assignment") && o.children().stream().anyMatch(c -> isAnyField(c, fields))
                        || e instanceof Expr.Unary u && u.op().assigns() && isAnyField(u.operand(), fields)) {
                    if (!inside(e.span(), updates)) {
                        return Optional.empty();
                    }
                }
            }
            List<SourceSpan> replaced = new ArrayList<>();
            for (Expr e : expressions) {
                if (inside(e.span(), removed) || inside(e.span(), replaced)) {
                    continue;
                }
                if (e instanceof Expr.Binary mean && mean.op() == BinaryOp.DIVIDE && isField(mean.left(), s1)
                        && isField(mean.right(), n)) {
                    edits.add(SourceEdits.replaceByPrimary(mean.span(), stats + ".mean()", context));
                    replaced.add(mean.span());
                } else if (isField(e, s2)) {
                    return Optional.empty();
                } else if (isField(e, s1)) {
                    edits.add(TextEdit.replace(e.span(), stats + ".sum()"));
                } else if (isField(e, n)) {
                    NumericType type = e.type().numeric();
                    edits.add(TextEdit.replace(e.span(), type == NumericType.LONG ? stats + ".count()"
                            : "(" + type.javaKeyword() + ") " + stats + ".count()"));
                }
            }
        }

        if (!declarationsReplaced(declared, fields, "private final " + RUNNING_STATS + " " + stats + " = new "
                + RUNNING_STATS + "();", edits, context)) {
            return Optional.empty();
        }
        edits.sort(Comparator.comparingInt(TextEdit::start));
        return Optional.of(Fix.review("Keep a RunningStats (Welford) instead of the running sums", edits,
                List.of(RUNNING_STATS)));
    }

    /**
     * The first of the declarations of {@code fields} becomes {@code replacement}, the others go;
     * false where one declares another field too.
     */
    static boolean declarationsReplaced(List<FieldModel> declared, Set<String> fields, String replacement,
                                        List<TextEdit> edits, ClassFacts context) {
        Map<Integer, SourceSpan> declarations = new TreeMap<>();
        for (FieldModel f : declared) {
            declarations.put(f.span().start(), f.span());
        }
        boolean first = true;
        for (SourceSpan span : declarations.values()) {
            if (context.clazz().fields().stream().anyMatch(f -> f.span().equals(span) && !fields.contains(f.name()))) {
                return false;
            }
            if (first) {
                edits.add(TextEdit.replace(span, replacement));
                first = false;
            } else {
                Optional<TextEdit> deletion = DeadCode.deleteLines(new Stmt.Other(span, "field", List.of(), List.of()), context);
                if (deletion.isEmpty()) {
                    return false;
                }
                edits.add(deletion.get());
            }
        }
        return true;
    }

    /** Locals of the formula's method read only inside the formula, computed without calls. */
    static List<Stmt.LocalDecl> localsOnlyFeeding(Expr formula, MethodFacts facts) {
        List<Stmt.LocalDecl> dead = new ArrayList<>();
        for (Stmt s : facts.statements()) {
            if (s instanceof Stmt.LocalDecl d && d.init() != null && d.id() != null
                    && Nodes.expressions(d.init()).stream().noneMatch(e -> e instanceof Expr.Call || e instanceof Expr.Other)) {
                List<Expr.VarRead> reads = DeadCode.readsOf(d.id(), facts);
                if (!reads.isEmpty() && reads.stream().allMatch(r -> formula.span().contains(r.span()))) {
                    dead.add(d);
                }
            }
        }
        return dead;
    }

    private static boolean writesAny(Stmt s, Set<String> fields) {
        return s instanceof Stmt.Assign a && isAnyField(a.target(), fields);
    }

    private static boolean isAnyField(Expr e, Set<String> fields) {
        return fields.stream().anyMatch(f -> isField(e, f));
    }

    static boolean isField(Expr e, String name) {
        return Nodes.stripCasts(e) instanceof Expr.VarRead v && v.kind() == VarKind.FIELD && v.ownField()
                && v.name().equals(name);
    }

    static boolean inside(SourceSpan span, List<SourceSpan> spans) {
        return spans.stream().anyMatch(s -> s.contains(span));
    }

    private static boolean inside(SourceSpan span, Set<SourceSpan> spans) {
        return spans.stream().anyMatch(s -> s.contains(span));
    }

    static boolean isPrivate(FieldModel f, ClassFacts context) {
        return context.text(f.span()).matches("(?s)(@\\S+\\s+)*(\\w+\\s+)*private\\s.*");
    }

    static boolean isZero(String literal) {
        return literal.matches("0+(\\.0*)?[dDfFlL]?|0?\\.0+[dDfF]?");
    }
}
