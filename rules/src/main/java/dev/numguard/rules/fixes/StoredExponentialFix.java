package dev.numguard.rules.fixes;

import dev.numguard.rules.Fix;
import dev.numguard.rules.TextEdit;
import dev.numguard.rules.facts.MathCalls;
import dev.numguard.rules.facts.MethodFacts;
import dev.numguard.rules.facts.Nodes;
import dev.numguard.rules.model.Expr;
import dev.numguard.rules.model.Stmt;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The fix of {@code e - 1} (or {@code 1 - e}) where {@code e = Math.exp(x)} was stored in a local
 * first: {@code Math.expm1(x)} (or {@code -Math.expm1(x)}) computed from the exponent again, which
 * is offered only where x still names the same value at the difference (nothing it reads is written
 * in between, and it calls only math functions). Safe while the local stays (it is read elsewhere,
 * as in {@code if (e != 1.0)}): the difference gets the digits the subtraction lost and nothing
 * else changes; review when the local goes with it, having fed only the difference.
 */
public final class StoredExponentialFix {
    private StoredExponentialFix() {
    }

    /** The rewrite of {@code difference}, {@code stored - 1} or {@code 1 - stored}. */
    public static Optional<Fix> expm1(Expr.Binary difference, boolean oneMinus, Expr.VarRead stored, MethodFacts facts) {
        Expr written = oneMinus ? difference.right() : difference.left();
        Stmt.LocalDecl declaration = facts.declaration(stored.name());
        if (written != stored || declaration == null || !declaration.id().equals(stored.id()) || declaration.init() == null
                || facts.definitionsOf(stored.id()).size() != 1
                || !(Nodes.stripCasts(declaration.init()) instanceof Expr.Call exp)
                || !MathCalls.isMathOwner(exp.ownerType())) {
            return Optional.empty();
        }
        Optional<Expr> argument = MathCalls.expArgument(exp);
        if (argument.isEmpty() || !ValueAtUse.stillNamed(argument.get(), declaration.span(), difference, facts)) {
            return Optional.empty();
        }
        String expm1 = MathCalls.ownerForFix(exp) + ".expm1(" + facts.context().text(argument.get()) + ")";
        List<TextEdit> edits = new ArrayList<>();
        edits.add(oneMinus ? TextEdit.replace(difference.span(), "-" + expm1) : withoutGrouping(difference, expm1, facts));
        boolean onlyHere = DeadCode.readsOf(stored.id(), facts).stream().allMatch(r -> difference.span().contains(r.span()));
        if (!onlyHere) {
            return Optional.of(Fix.safe("Use Math.expm1 of the stored exponential's exponent", edits, List.of()));
        }
        Optional<TextEdit> deletion = DeadCode.deleteDeclaration(declaration, facts);
        if (deletion.isEmpty()) {
            return Optional.empty();
        }
        edits.add(deletion.get());
        return Optional.of(Fix.review("Use Math.expm1 of the stored exponential's exponent", edits, List.of()));
    }

    /**
     * Replaces {@code e} by a call, with the parentheses that only grouped it: replaceByPrimary's,
     * and also those right after {@code return} ({@code return (e - 1) / r;}).
     */
    private static TextEdit withoutGrouping(Expr e, String call, MethodFacts facts) {
        String text = facts.context().file().text();
        int open = text.lastIndexOf('(', e.span().start());
        String before = open < 0 ? "" : text.substring(0, open).stripTrailing();
        if (!SourceEdits.isGrouped(e.span(), text) || !before.endsWith("return")
                || before.length() > 6 && Character.isJavaIdentifierPart(before.charAt(before.length() - 7))) {
            // after an operator or a separator replaceByPrimary drops them; a call's or a cast's stay
            return SourceEdits.replaceByPrimary(e.span(), call, facts.context());
        }
        int close = text.indexOf(')', e.span().end());
        return new TextEdit(open, close + 1, call);
    }
}
