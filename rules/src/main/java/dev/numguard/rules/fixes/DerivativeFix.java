package dev.numguard.rules.fixes;

import dev.numguard.rules.Fix;
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
import java.util.List;
import java.util.Optional;

/**
 * The fix of a difference quotient with a fixed step, {@code (F(x + h) - F(x)) / h} or
 * {@code (F(x + h) - F(x - h)) / (2 * h)} where both values are written out in the quotient:
 * {@code Derivative.central(v -> F(v), x)}, a central difference with the step
 * {@code ∛ε·max(1, |x|)}. The step's local goes when nothing else reads it. Offered for double
 * quotients whose two values differ only in the perturbed point, and whose other variables a
 * lambda may capture (they are never assigned).
 */
public final class DerivativeFix {
    public static final String DERIVATIVE = "dev.numguard.guards.Derivative";

    private DerivativeFix() {
    }

    /** The rewrite of {@code quotient}, the difference quotient {@code found} describes. */
    public static Optional<Fix> of(ClassFacts context, MethodFacts facts, Expr.Binary quotient, DifferenceQuotient found) {
        Expr.Binary difference = found.difference();
        Expr h = found.h();
        boolean central = found.central();
        if (MathCalls.floatingType(difference) != NumericType.DOUBLE) {
            return Optional.empty();
        }
        Optional<Expr.Binary> up = perturbed(difference.left(), h, BinaryOp.ADD, null, context);
        if (up.isEmpty()) {
            return Optional.empty();
        }
        Expr x = up.get().left();
        String lower;
        Expr.Binary down = null;
        if (central) {
            Optional<Expr.Binary> minus = perturbed(difference.right(), h, BinaryOp.SUBTRACT, x, context);
            if (minus.isEmpty()) {
                return Optional.empty();
            }
            down = minus.get();
            lower = withHole(difference.right(), down, context);
        } else {
            lower = normalised(context.text(difference.right()));
        }
        String upper = withHole(difference.left(), up.get(), context);
        String atX = normalised(withText(difference.left(), up.get(), context.text(x), context));
        if (central ? !upper.equals(lower) : !atX.equals(lower)) {
            return Optional.empty();
        }
        if (!capturable(difference.left(), up.get(), facts) || Nodes.expressions(x).stream().anyMatch(e -> e instanceof Expr.Call)) {
            return Optional.empty();
        }
        String v = SourceEdits.freshName(facts, "v", "u", "point");
        String lambda = v + " -> " + withText(difference.left(), up.get(), v, context);
        List<TextEdit> edits = new ArrayList<>();
        edits.add(SourceEdits.replaceByPrimary(quotient.span(),
                DERIVATIVE + ".central(" + lambda + ", " + context.text(x) + ")", context));
        if (Nodes.stripCasts(h) instanceof Expr.VarRead step && step.kind() == VarKind.LOCAL) {
            Stmt.LocalDecl declaration = facts.declaration(step.name());
            if (declaration != null && declaration.init() instanceof Expr.Literal
                    && DeadCode.readsOf(declaration.id(), facts).stream().allMatch(r -> quotient.span().contains(r.span()))) {
                DeadCode.deleteDeclaration(declaration, facts).ifPresent(edits::add);
            }
        }
        return Optional.of(Fix.review("Use a central difference with a step scaled to x (Derivative.central)", edits,
                List.of(DERIVATIVE)));
    }

    /** The one {@code x + h} (or {@code x - h}, with x as given) inside {@code side}. */
    static Optional<Expr.Binary> perturbed(Expr side, Expr h, BinaryOp op, Expr x, ClassFacts context) {
        List<Expr.Binary> found = new ArrayList<>();
        for (Expr e : Nodes.expressions(side)) {
            if (e instanceof Expr.Binary b && b.op() == op && Nodes.sameShape(b.right(), h)
                    && (x == null || normalised(context.text(b.left())).equals(normalised(context.text(x))))) {
                found.add(b);
            }
        }
        return found.size() == 1 ? Optional.of(found.get(0)) : Optional.empty();
    }

    static String withHole(Expr side, Expr.Binary point, ClassFacts context) {
        return normalised(withText(side, point, "\u0000", context));
    }

    /** The text of {@code side} with {@code point} (and the parentheses that only grouped it) replaced. */
    static String withText(Expr side, Expr.Binary point, String replacement, ClassFacts context) {
        String text = context.text(side);
        int start = point.span().start() - side.span().start();
        int end = point.span().end() - side.span().start();
        while (start > 0 && end < text.length() && text.charAt(start - 1) == '(' && text.charAt(end) == ')'
                && start >= 2 && "(,".indexOf(text.charAt(start - 2)) >= 0) {
            start--;
            end++;
        }
        return text.substring(0, start) + replacement + text.substring(end);
    }

    static String normalised(String text) {
        return text.replaceAll("\\s+", "");
    }

    /** Every local or parameter the lambda would capture is never assigned in the method. */
    private static boolean capturable(Expr side, Expr.Binary point, MethodFacts facts) {
        for (Expr e : Nodes.expressions(side)) {
            if (point.span().contains(e.span()) || !(e instanceof Expr.VarRead read) || read.kind() == VarKind.FIELD) {
                continue;
            }
            for (Stmt s : facts.statements()) {
                if (s instanceof Stmt.Assign a && Nodes.stripCasts(a.target()) instanceof Expr.VarRead t
                        && t.name().equals(read.name())) {
                    return false;
                }
            }
            for (Expr x : Nodes.expressions(facts.method().body())) {
                if (x instanceof Expr.Unary u && u.op().assigns() && Nodes.stripCasts(u.operand()) instanceof Expr.VarRead t
                        && t.name().equals(read.name())
                        || x instanceof Expr.Other o && o.kind().equals("assignment") && !o.children().isEmpty()
                        && Nodes.stripCasts(o.children().get(0)) instanceof Expr.VarRead t2 && t2.name().equals(read.name())) {
                    return false;
                }
            }
        }
        return true;
    }
}
