package dev.numguard.rules.fixes;

import dev.numguard.rules.Fix;
import dev.numguard.rules.SourceSpan;
import dev.numguard.rules.TextEdit;
import dev.numguard.rules.facts.Definition;
import dev.numguard.rules.facts.MethodFacts;
import dev.numguard.rules.facts.Nodes;
import dev.numguard.rules.idioms.logistic.Sigmoid;
import dev.numguard.rules.idioms.logistic.Sigmoids;
import dev.numguard.rules.model.Expr;
import dev.numguard.rules.model.VarKind;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The fix of {@code log(p)} (or {@code log(1 - p)}) where {@code p} is one of two hand-written
 * sigmoids chosen by a condition, {@code p = c ? 1 / (1 + exp(z)) : 1 / (1 + exp(-z))}: the log
 * becomes {@code c ? StableMath.logSigmoid(-z) : StableMath.logSigmoid(z)}. Possible when the
 * condition and both logits still name the same values at the log, so evaluating them again there
 * changes nothing.
 */
public final class ConditionalLogSigmoid {
    private static final String STABLE_MATH = "dev.numguard.guards.StableMath";

    private ConditionalLogSigmoid() {
    }

    /** The fix of {@code log} whose argument is {@code p} ({@code 1 - p} when {@code complement}). */
    public static Optional<Fix> of(Expr.Call log, Expr p, boolean complement, MethodFacts facts) {
        Expr value = Nodes.stripCasts(p);
        SourceSpan site = null;
        if (value instanceof Expr.VarRead v && v.kind() == VarKind.LOCAL) {
            List<Definition> defs = facts.reaching(v);
            if (defs.size() != 1 || !defs.get(0).isPlain()) {
                return Optional.empty();
            }
            value = Nodes.stripCasts(defs.get(0).value());
            site = defs.get(0).site().span();
        }
        if (!(value instanceof Expr.Conditional choice)) {
            return Optional.empty();
        }
        Optional<Sigmoid> whenTrue = Sigmoids.of(choice.whenTrue(), facts).filter(Sigmoid::rewritable);
        Optional<Sigmoid> whenFalse = Sigmoids.of(choice.whenFalse(), facts).filter(Sigmoid::rewritable);
        if (whenTrue.isEmpty() || whenFalse.isEmpty()) {
            return Optional.empty();
        }
        SourceSpan defined = site;
        if (defined != null && !Stream.of(choice.condition(), whenTrue.get().logit(), whenFalse.get().logit())
                .allMatch(e -> ValueAtUse.stillNamed(e, defined, log, facts))) {
            return Optional.empty();
        }
        String text = "(" + facts.context().text(choice.condition()) + " ? " + logSigmoid(whenTrue.get(), complement, facts)
                + " : " + logSigmoid(whenFalse.get(), complement, facts) + ")";
        return Optional.of(Fix.safe("Use StableMath.logSigmoid", List.of(TextEdit.replace(log.span(),
                SourceEdits.ungroupedWhereStandalone(text, log, facts))), List.of(STABLE_MATH)));
    }

    private static String logSigmoid(Sigmoid sigmoid, boolean complement, MethodFacts facts) {
        return STABLE_MATH + ".logSigmoid(" + LogitArgument.text(sigmoid.logit(), sigmoid.negated() != complement,
                facts.context()) + ")";
    }
}
