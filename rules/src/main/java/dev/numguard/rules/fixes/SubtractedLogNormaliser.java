package dev.numguard.rules.fixes;

import dev.numguard.rules.Fix;
import dev.numguard.rules.TextEdit;
import dev.numguard.rules.facts.ClassFacts;
import dev.numguard.rules.facts.Definition;
import dev.numguard.rules.facts.MathCalls;
import dev.numguard.rules.facts.MethodFacts;
import dev.numguard.rules.facts.Nodes;
import dev.numguard.rules.model.Expr;
import dev.numguard.rules.model.NumericType;
import dev.numguard.rules.model.Stmt;
import dev.numguard.rules.model.VarKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code exp(b) / exp(lse)}, the log-sum-exp normaliser exponentiated back (directly or through a
 * local {@code Z = exp(lse)}), becomes {@code exp(b - lse)}: the same value up to rounding wherever
 * both exponentials were finite and non-zero, at most 1 for every b the normaliser covers, and never
 * Infinity/Infinity. A local {@code Z} read nowhere else is deleted with its declaration.
 *
 * <p>Sound only where {@code lse}, written again at the ratio, still holds the value Z was computed
 * from: it calls nothing but math functions, reads no mutable field, and every local it reads is
 * written only before Z's declaration. Z itself must be that declaration's value alone (written once).
 */
public final class SubtractedLogNormaliser {
    private SubtractedLogNormaliser() {
    }

    /** The rewrite of {@code ratio}, {@code exp(b) / Z}, when it is sound. */
    public static Optional<Fix> of(Expr.Binary ratio, MethodFacts facts) {
        ClassFacts context = facts.context();
        Optional<Expr.Call> numerator = MathCalls.call(Nodes.stripCasts(ratio.left()), "exp", 1);
        if (numerator.isEmpty() || ratio.type().numeric() != NumericType.DOUBLE) {
            return Optional.empty();
        }
        Expr denominator = Nodes.stripCasts(ratio.right());
        Stmt.LocalDecl held = null;
        Optional<Expr.Call> normaliser = MathCalls.call(denominator, "exp", 1);
        if (normaliser.isEmpty() && denominator instanceof Expr.VarRead z && z.kind() == VarKind.LOCAL) {
            held = facts.declaration(z.name());
            List<Definition> writes = facts.definitions(z.name());
            if (held == null || held.init() == null || writes.size() != 1 || writes.get(0).site() != held) {
                return Optional.empty();
            }
            normaliser = MathCalls.call(Nodes.stripCasts(held.init()), "exp", 1);
        }
        if (normaliser.isEmpty() || held != null && !unchangedSince(normaliser.get().args().get(0), held, facts)) {
            return Optional.empty();
        }
        Expr b = numerator.get().args().get(0);
        Expr lse = normaliser.get().args().get(0);
        String shifted = MathCalls.ownerForFix(numerator.get()) + ".exp(" + SourceEdits.asAdditiveOperand(b, context)
                + " - " + SourceEdits.asFactor(lse, context) + ")";
        List<TextEdit> edits = new ArrayList<>();
        edits.add(SourceEdits.replaceByPrimary(ratio.span(), shifted, context));
        if (held != null && DeadCode.readsOf(held.id(), facts).stream().allMatch(r -> ratio.span().contains(r.span()))) {
            Optional<TextEdit> deletion = DeadCode.deleteDeclaration(held, facts);
            if (deletion.isEmpty()) {
                return Optional.empty();                    // Z would be left unused
            }
            edits.add(deletion.get());
        }
        String description = "Subtract the log-sum-exp in the exponent: exp(b - lse) instead of exp(b) / exp(lse)";
        return Optional.of(edits.size() == 1 && pure(b) ? Fix.safe(description, edits, List.of())
                : Fix.review(description, edits, List.of()));
    }

    /**
     * True when {@code lse}, taken from the declaration {@code held}, names the same value wherever
     * the local {@code held} declares is read: it calls only math functions, reads no mutable field,
     * and the locals it reads are written only before the declaration (a loop that comes back to such
     * a write passes the declaration again, which is Z's only write).
     */
    private static boolean unchangedSince(Expr lse, Stmt.LocalDecl held, MethodFacts facts) {
        if (!pure(lse)) {
            return false;
        }
        for (Expr x : Nodes.expressions(lse)) {
            if (x instanceof Expr.VarRead v && v.kind() == VarKind.FIELD) {
                if (!v.ownField() || !facts.context().clazz().field(v.name()).map(f -> f.isFinal()).orElse(false)) {
                    return false;
                }
            } else if (x instanceof Expr.VarRead v && facts.definitions(v.name()).stream()
                    .anyMatch(d -> d.site() != null && d.site().span().end() > held.span().start())) {
                return false;
            }
        }
        return true;
    }

    /** Calls nothing but math functions and assigns nothing: evaluating it again or less often is harmless. */
    private static boolean pure(Expr e) {
        return Nodes.expressions(e).stream().noneMatch(x -> x instanceof Expr.Call c && !MathCalls.isMathOwner(c.ownerType())
                || x instanceof Expr.Unary u && u.op().assigns() || x instanceof Expr.Other);
    }
}
