package dev.numguard.rules.fixes;

import dev.numguard.rules.Fix;
import dev.numguard.rules.SourceSpan;
import dev.numguard.rules.TextEdit;
import dev.numguard.rules.facts.ClassFacts;
import dev.numguard.rules.facts.MathCalls;
import dev.numguard.rules.facts.MethodFacts;
import dev.numguard.rules.facts.Nodes;
import dev.numguard.rules.idioms.difference.DifferenceQuotient;
import dev.numguard.rules.model.BinaryOp;
import dev.numguard.rules.model.Expr;
import dev.numguard.rules.model.NumericType;
import dev.numguard.rules.model.Stmt;
import dev.numguard.rules.model.VarKind;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The fix of a difference quotient with a fixed step whose function values {@link DerivativeFix}
 * cannot move into a lambda (they sit in locals of their own, or the function may throw a checked
 * exception or capture a reassigned variable): the quotient stays where it is and only its step
 * changes. A local {@code double step = Derivative.centralStep(x);} is declared before the first
 * statement that evaluates the function, every {@code x ± h} of the two values becomes
 * {@code x ± step} and the denominator {@code 2 * step}; a forward quotient's {@code f(x)} becomes
 * {@code f(x - step)}, so that it is a central difference too. The function is evaluated as often
 * and in the same statements as before.
 *
 * <p>Offered for double quotients whose values are written in the quotient or in locals read
 * nowhere else, whose two values are the same text but for the perturbed point, and whose point x
 * is a variable the method never assigns. The old step's local goes when nothing else reads it.
 */
public final class ScaledStepFix {
    private ScaledStepFix() {
    }

    /** The value of one side of the difference: the expression and, when held in a local, its declaration. */
    private record Value(Expr expr, Stmt.LocalDecl declaration) {
        SourceSpan site(Expr.Binary quotient) {
            return declaration == null ? quotient.span() : declaration.span();
        }
    }

    /** The rewrite of {@code quotient}, the difference quotient {@code found} describes. */
    public static Optional<Fix> of(MethodFacts facts, Expr.Binary quotient, DifferenceQuotient found) {
        ClassFacts context = facts.context();
        Expr.Binary difference = found.difference();
        Expr h = found.h();
        if (MathCalls.floatingType(difference) != NumericType.DOUBLE) {
            return Optional.empty();
        }
        Optional<Value> upper = value(difference.left(), quotient, facts);
        Optional<Value> lower = value(difference.right(), quotient, facts);
        if (upper.isEmpty() || lower.isEmpty()) {
            return Optional.empty();
        }
        Optional<Expr.Binary> up = DerivativeFix.perturbed(upper.get().expr(), h, BinaryOp.ADD, null, context);
        if (up.isEmpty() || !unassigned(up.get().left(), facts)) {
            return Optional.empty();
        }
        Expr x = up.get().left();
        String name = SourceEdits.freshName(facts, "step", "dx");
        List<TextEdit> edits = new ArrayList<>();
        edits.add(TextEdit.replace(up.get().right().span(), name));
        List<SourceSpan> stepReads = new ArrayList<>(List.of(up.get().right().span(), h.span()));
        if (found.central()) {
            Optional<Expr.Binary> down = DerivativeFix.perturbed(lower.get().expr(), h, BinaryOp.SUBTRACT, x, context);
            if (down.isEmpty() || !DerivativeFix.withHole(upper.get().expr(), up.get(), context)
                    .equals(DerivativeFix.withHole(lower.get().expr(), down.get(), context))) {
                return Optional.empty();
            }
            edits.add(TextEdit.replace(down.get().right().span(), name));
            stepReads.add(down.get().right().span());
            edits.add(TextEdit.replace(h.span(), name));
        } else {
            Optional<Expr> point = onlyOccurrence(lower.get().expr(), x, context);
            String atX = DerivativeFix.normalised(DerivativeFix.withText(upper.get().expr(), up.get(), context.text(x), context));
            if (point.isEmpty() || !atX.equals(DerivativeFix.normalised(context.text(lower.get().expr())))) {
                return Optional.empty();
            }
            edits.add(TextEdit.replace(point.get().span(), SourceEdits.ungroupedWhereStandalone(
                    "(" + context.text(x) + " - " + name + ")", point.get(), facts)));
            edits.add(SourceEdits.replaceByPrimary(h.span(), "(2 * " + name + ")", context));
        }
        Optional<Stmt> first = firstStatement(facts, quotient, upper.get(), lower.get());
        if (first.isEmpty()) {
            return Optional.empty();
        }
        int at = first.get().span().start();
        edits.add(new TextEdit(at, at, "double " + name + " = " + DerivativeFix.DERIVATIVE + ".centralStep("
                + context.text(x) + ");" + context.lineSeparator() + context.indentationAt(at)));
        if (Nodes.stripCasts(h) instanceof Expr.VarRead step && step.kind() == VarKind.LOCAL) {
            Stmt.LocalDecl declaration = facts.declaration(step.name());
            if (declaration != null && declaration.init() instanceof Expr.Literal && DeadCode.readsOf(declaration.id(), facts)
                    .stream().allMatch(r -> stepReads.stream().anyMatch(s -> s.contains(r.span())))) {
                DeadCode.deleteDeclaration(declaration, facts).ifPresent(edits::add);
            }
        }
        return Optional.of(Fix.review("Use a central difference with a step scaled to x (Derivative.centralStep)",
                edits, List.of(DerivativeFix.DERIVATIVE)));
    }

    /** The side as written, or the initializer of the local it reads when that local is set once and read only here. */
    private static Optional<Value> value(Expr side, Expr.Binary quotient, MethodFacts facts) {
        if (!(Nodes.stripCasts(side) instanceof Expr.VarRead held) || held.kind() != VarKind.LOCAL) {
            return Optional.of(new Value(side, null));
        }
        Stmt.LocalDecl declaration = facts.declaration(held.name());
        if (declaration == null || declaration.init() == null || !declaration.id().equals(held.id())
                || facts.definitionsOf(held.id()).size() != 1
                || !DeadCode.readsOf(held.id(), facts).stream().allMatch(r -> quotient.span().contains(r.span()))) {
            return Optional.empty();
        }
        return Optional.of(new Value(declaration.init(), declaration));
    }

    /** The point is a parameter or local the method never assigns after its declaration, or a final field. */
    private static boolean unassigned(Expr x, MethodFacts facts) {
        if (!(Nodes.stripCasts(x) instanceof Expr.VarRead v)) {
            return false;
        }
        if (v.kind() == VarKind.FIELD) {
            return (v.ownField() || v.qualifier() == null)
                    && facts.context().clazz().field(v.name()).filter(f -> f.isFinal()).isPresent();
        }
        return facts.definitionsOf(v.id()).stream().allMatch(d -> d.site() == null
                || d.site() instanceof Stmt.LocalDecl declaration && declaration.id().equals(v.id()));
    }

    /** The one expression of {@code within} with the text of {@code x}. */
    private static Optional<Expr> onlyOccurrence(Expr within, Expr x, ClassFacts context) {
        List<Expr> found = Nodes.expressions(within).stream()
                .filter(e -> e.getClass() == Nodes.stripCasts(x).getClass() && Nodes.sameShape(e, x)
                        && DerivativeFix.normalised(context.text(e)).equals(DerivativeFix.normalised(context.text(x))))
                .toList();
        return found.size() == 1 ? Optional.of(found.get(0)) : Optional.empty();
    }

    /**
     * The statement, directly in a block, that the step's declaration goes before: the first that
     * holds one of the function values or the quotient, with all the others after it in that block.
     */
    private static Optional<Stmt> firstStatement(MethodFacts facts, Expr.Binary quotient, Value upper, Value lower) {
        List<SourceSpan> sites = List.of(quotient.span(), upper.site(quotient), lower.site(quotient));
        SourceSpan earliest = sites.stream().min(Comparator.comparingInt(SourceSpan::start)).orElseThrow();
        List<Stmt.Block> blocks = new ArrayList<>();
        blocks.add(facts.method().body());
        for (Stmt s : Nodes.statements(facts.method().body())) {
            if (s instanceof Stmt.Block b) {
                blocks.add(b);
            }
        }
        Stmt.Block innermost = null;
        Stmt holder = null;
        for (Stmt.Block block : blocks) {
            for (Stmt s : block.statements()) {
                if (s.span().contains(earliest) && (innermost == null || innermost.span().contains(block.span()))) {
                    innermost = block;
                    holder = s;
                }
            }
        }
        if (holder == null || !SourceEdits.startsLine(holder.span().start(), facts.context())) {
            return Optional.empty();
        }
        int from = holder.span().start();
        SourceSpan blockSpan = innermost.span();
        boolean allAfter = sites.stream().allMatch(s -> s.start() >= from && blockSpan.contains(s));
        return allAfter ? Optional.of(holder) : Optional.empty();
    }
}
