package dev.numguard.rules.fixes;

import dev.numguard.rules.Fix;
import dev.numguard.rules.TextEdit;
import dev.numguard.rules.facts.ClassFacts;
import dev.numguard.rules.facts.MethodFacts;
import dev.numguard.rules.facts.Nodes;
import dev.numguard.rules.model.Expr;
import dev.numguard.rules.model.NumericType;
import dev.numguard.rules.model.UnaryOp;
import java.util.List;
import java.util.Optional;

/** The fix of a naive cross-entropy: StableMath.crossEntropy(logits, target) replaces -log(p[target]). */
public final class CrossEntropyFixes {
    public static final String STABLE_MATH = "dev.numguard.guards.StableMath";

    private CrossEntropyFixes() {
    }

    /** Replace {@code -log(..)} by {@code StableMath.crossEntropy(logits, target)}. */
    public static Optional<Fix> negatedFix(ClassFacts context, MethodFacts facts, Expr.Call log, String logits,
                                           Expr target) {
        if (!target.type().numeric().equals(NumericType.INT)) {
            return Optional.empty();
        }
        for (Expr e : Nodes.expressions(facts.method().body())) {
            if (e instanceof Expr.Unary negation && negation.op() == UnaryOp.NEGATE
                    && Nodes.stripCasts(negation.operand()).span().equals(log.span())
                    && negation.operand() instanceof Expr.Call) {
                String replacement = STABLE_MATH + ".crossEntropy(" + logits + ", " + context.text(target) + ")";
                return Optional.of(Fix.review("Use StableMath.crossEntropy",
                        List.of(TextEdit.replace(negation.span(), replacement)), List.of(STABLE_MATH)));
            }
        }
        return Optional.empty();
    }
}
