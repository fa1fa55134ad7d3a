package dev.numguard.rules.core;

import dev.numguard.rules.Finding;
import dev.numguard.rules.Fix;
import dev.numguard.rules.Rule;
import dev.numguard.rules.RuleInfo;
import dev.numguard.rules.Severity;
import dev.numguard.rules.TextEdit;
import dev.numguard.rules.facts.ClassFacts;
import dev.numguard.rules.facts.MathCalls;
import dev.numguard.rules.facts.MethodFacts;
import dev.numguard.rules.facts.Nodes;
import dev.numguard.rules.fixes.ConditionalLogSigmoid;
import dev.numguard.rules.fixes.DeadCode;
import dev.numguard.rules.fixes.LogitArgument;
import dev.numguard.rules.idioms.exp.NotTiny;
import dev.numguard.rules.idioms.logistic.BinaryCrossEntropyShape;
import dev.numguard.rules.idioms.logistic.Sigmoid;
import dev.numguard.rules.idioms.logistic.Sigmoids;
import dev.numguard.rules.messages.LogisticThresholds;
import dev.numguard.rules.model.BinaryOp;
import dev.numguard.rules.model.Expr;
import dev.numguard.rules.model.NumericType;
import dev.numguard.rules.model.Stmt;
import dev.numguard.rules.model.VarKind;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/** The log of a sigmoid or of one minus it, alone or in a binary cross-entropy, computed from the probability. */
@RuleInfo(
        summary = "log(sigmoid(z)) and log(1 - sigmoid(z)) are -Infinity for large |z|; compute from the logit",
        severity = Severity.ERROR,
        whatItDoes = """
                Flags `log(p)` and `log(1 - p)` where `p` is a logistic sigmoid of a logit: written by hand \
                (`1 / (1 + exp(-z))`, `exp(z) / (1 + exp(z))`), or reached through a local, a conditional, a \
                helper of this or another class, a method named `sigmoid`, or a field of the class. One finding per binary cross-entropy \
                `-(t * log(p) + (1 - t) * log(1 - p))`. A cross-entropy of the same shape on a probability \
                of unknown origin, neither clamped nor known to be a sigmoid, is reported as a note (clamped: \
                `max`/`min`, a clamping conditional, or two constants stored into it under tests of it, \
                `if (p == 0) p = 1e-15; if (p == 1) p = 1 - 1e-15;`).""",
        whyIsThisBad = """
                `sigmoid(z)` rounds to exactly 1 for z above 36.7 in double (16.6 in float), so `log(1 - p)` \
                is -Infinity where the true value is about -z; and the hand-written sigmoid is exactly 0 \
                below about -709.78 (-88.7 in float), so `log(p)` is -Infinity too. In a cross-entropy the \
                term whose target weight is 0 then gives `0 * -Infinity` = NaN, and one NaN loss poisons a \
                whole training run. From the logit, `log(sigmoid(z)) = -softplus(-z)` is finite for every z.""",
        example = """
                double loss(double z, double t) {
                    double p = 1 / (1 + Math.exp(-z));
                    return -(t * Math.log(p) + (1 - t) * Math.log(1 - p));
                }""",
        useInstead = """
                double loss(double z, double t) {
                    double p = 1 / (1 + Math.exp(-z));
                    return StableMath.binaryCrossEntropyWithLogits(z, t);
                }""",
        fixSafety = """
                Safe. `StableMath.logSigmoid(z)` and `StableMath.binaryCrossEntropyWithLogits(z, t)` are the \
                same functions of z and t as the original expressions (for any real t, not only 0 and 1); \
                where the original was finite they differ only by its rounding errors. The log of a sigmoid \
                chosen by a condition becomes the same choice of two `logSigmoid` calls when the condition \
                and both logits still hold their values at the logarithm. A logit that cannot be named at \
                the logarithm (a field set elsewhere) gets advice instead of a fix. A cross-entropy of a probability of \
                unknown origin becomes `StableMath.binaryCrossEntropy(p, t)`, which floors each log at -100 as \
                PyTorch's `BCELoss` does: that needs review, since it differs where p or 1 - p is below e^-100 \
                (the original gave Infinity, NaN or a loss over 100 there) and reads p and t once (they must be free \
                of calls and assignments).""",
        knownLimits = """
                A sigmoid computed in another class is followed when that class is among the analysed sources \
                (under Error Prone: in the same file) or when the method is named for it (`sigmoid`, `logistic`, \
                `expit`); a network layer's output passed in as an array is not. Array-API forms (`x.neg().exp().add(1).rdiv(1).log()`, lambdas over arrays) are not followed; \
                the cross-entropy is recognised in the two-term form only, not as `y * log(p)` and \
                `(1 - y) * log(1 - p)` accumulated in separate statements.""")
public final class NaiveBinaryCrossEntropy implements Rule {
    private static final String STABLE_MATH = "dev.numguard.guards.StableMath";
    private static final Set<BinaryOp> COMPARISONS = EnumSet.of(BinaryOp.LESS, BinaryOp.LESS_EQUAL, BinaryOp.GREATER,
            BinaryOp.GREATER_EQUAL, BinaryOp.EQUAL, BinaryOp.NOT_EQUAL);

    @Override
    public Optional<Finding> matchCall(Expr.Call log, MethodFacts facts) {
        Optional<Expr> argument = MathCalls.logArgument(log);
        if (argument.isEmpty()) {
            return Optional.empty();
        }
        Optional<BinaryCrossEntropyShape> bce = BinaryCrossEntropyShape.around(log, facts);
        if (bce.isPresent() && bce.get().logOfProbability() == log) {
            return Optional.empty(); // one finding per cross-entropy, at its log(1 - p)
        }
        Optional<Expr> oneMinus = BinaryCrossEntropyShape.oneMinus(argument.get());
        Expr p = bce.map(BinaryCrossEntropyShape::probability).orElse(oneMinus.orElse(argument.get()));
        Optional<Sigmoid> sigmoid = Sigmoids.of(p, facts);
        if (sigmoid.isEmpty()) {
            return bce.isPresent() && !clamped(p, facts) ? Optional.of(unknownProbability(log, p, bce.get(), facts)) : Optional.empty();
        }
        NumericType type = MathCalls.floatingType(p);
        String message = (oneMinus.isPresent() ? "log(1 - sigmoid(z)) is -Infinity once sigmoid(z) rounds to 1, for z above "
                + LogisticThresholds.sigmoidSaturation(type) : "log(sigmoid(z)) is -Infinity once the hand-written sigmoid "
                + "is 0, for z below " + LogisticThresholds.sigmoidUnderflow(type))
                + (bce.isPresent() ? "; the cross-entropy is then Infinity, or NaN (0 * -Infinity) where the target is 0"
                : "") + ".";
        return finding(facts, log.span()).message(message)
                .handFix("compute from the logit: StableMath.logSigmoid(z) for log(sigmoid(z)), StableMath.logSigmoid(-z)"
                        + " for log(1 - sigmoid(z)), StableMath.binaryCrossEntropyWithLogits(z, t) for the loss.")
                .fix(fix(log, oneMinus.isPresent(), bce, sigmoid.get(), facts)
                        .or(() -> bce.isPresent() ? Optional.empty() : ConditionalLogSigmoid.of(log, p, oneMinus.isPresent(), facts))
                        .orElse(null)).asMatch();
    }

    /**
     * The rewrite from the logit; what only fed the replaced logs goes too (the
     * {@code double p = sigmoid(z);} it no longer reads).
     */
    private static Optional<Fix> fix(Expr.Call log, boolean complement, Optional<BinaryCrossEntropyShape> bce,
                                     Sigmoid sigmoid, MethodFacts facts) {
        if (!sigmoid.rewritable()) {
            return Optional.empty();
        }
        ClassFacts context = facts.context();
        Expr replaced;
        String call;
        String description;
        if (bce.isPresent()) {
            replaced = bce.get().whole();
            call = STABLE_MATH + ".binaryCrossEntropyWithLogits("
                    + LogitArgument.text(sigmoid.logit(), sigmoid.negated(), context) + ", "
                    + context.text(bce.get().target()) + ")";
            call = bce.get().isLoss() ? call : "-" + call;
            description = "Use StableMath.binaryCrossEntropyWithLogits";
        } else {
            replaced = log;
            call = STABLE_MATH + ".logSigmoid("
                    + LogitArgument.text(sigmoid.logit(), sigmoid.negated() != complement, context) + ")";
            description = "Use StableMath.logSigmoid";
        }
        List<TextEdit> edits = new ArrayList<>();
        edits.add(TextEdit.replace(replaced.span(), call));
        edits.addAll(DeadCode.onlyFeeding(replaced.span(), call, facts));
        return Optional.of(Fix.safe(description, edits, List.of(STABLE_MATH)));
    }

    /** {@code max(eps, p)}, {@code min(…)}, a clamping conditional or a constant: the logs stay finite. */
    private static boolean clamped(Expr p, MethodFacts facts) {
        Expr value = Nodes.stripCasts(facts.resolve(p));
        return value instanceof Expr.Literal || value instanceof Expr.Conditional c && isClamp(c)
                || MathCalls.call(value, "max", 2).isPresent() || MathCalls.call(value, "min", 2).isPresent()
                || clampedByStatements(p, facts);
    }

    /**
     * {@code if (p == 0) p = 1e-15; if (p == 1) p = 1 - 1e-15;} or {@code if (p < eps) p = eps; …}:
     * two constants stored into the local under tests of it, one for each end.
     */
    private static boolean clampedByStatements(Expr p, MethodFacts facts) {
        if (!(Nodes.stripCasts(p) instanceof Expr.VarRead v) || v.kind() != VarKind.LOCAL) {
            return false;
        }
        long guardedConstants = facts.definitionsAt(v).stream().filter(d -> d.isPlain() && d.value() != null
                && NotTiny.constant(d.value(), facts.context(), 0).isPresent()
                && facts.nodes().stream().anyMatch(n -> n instanceof Stmt.If test && test.then().span().contains(d.site().span())
                        && Nodes.stripCasts(test.condition()) instanceof Expr.Binary b && COMPARISONS.contains(b.op())
                        && Stream.of(b.left(), b.right()).anyMatch(side -> Nodes.isLocal(side, v.name()))))
                .map(d -> NotTiny.constant(d.value(), facts.context(), 0).getAsDouble()).distinct().count();
        return guardedConstants >= 2;
    }

    /** {@code p < eps ? eps : p} and the like: the condition compares a value one of the branches yields. */
    private static boolean isClamp(Expr.Conditional c) {
        return Nodes.stripCasts(c.condition()) instanceof Expr.Binary b && COMPARISONS.contains(b.op())
                && Stream.of(b.left(), b.right()).anyMatch(side -> Nodes.sameShape(side, c.whenTrue())
                        || Nodes.sameShape(side, c.whenFalse()));
    }

    /**
     * The cross-entropy of a probability of unknown origin, clamped as PyTorch's {@code BCELoss} does:
     * {@code StableMath.binaryCrossEntropy(p, t)}, each log floored at -100. Needs review: it differs from
     * the original where p or 1 - p is below e^-100 (where that was -Infinity, NaN or a loss over 100) and
     * takes log(1 - p) as log1p(-p) (last bits). p and t are read once instead of twice, so they must be
     * free of calls (other than math functions) and assignments.
     */
    private static Fix clampedFix(BinaryCrossEntropyShape bce, MethodFacts facts) {
        if (!readOnly(bce.probability()) || !readOnly(bce.target())) {
            return null;
        }
        ClassFacts context = facts.context();
        String call = STABLE_MATH + ".binaryCrossEntropy(" + context.text(bce.probability()) + ", "
                + context.text(bce.target()) + ")";
        // a call, its negation or a cast of them binds tighter than the sum it replaces: no parentheses needed
        String loss = bce.isLoss() ? call : "-" + call;
        if (bce.whole().type().numeric() == NumericType.FLOAT) {
            loss = "(float) " + (bce.isLoss() ? call : "(" + loss + ")");
        }
        return Fix.review("Clamp each log at -100 with StableMath.binaryCrossEntropy",
                List.of(TextEdit.replace(bce.whole().span(), loss)), List.of(STABLE_MATH));
    }

    private static boolean readOnly(Expr e) {
        return Nodes.expressions(e).stream().noneMatch(x -> x instanceof Expr.Call c && !MathCalls.isMathOwner(c.ownerType())
                || x instanceof Expr.Unary u && u.op().assigns() || x instanceof Expr.Other);
    }

    private Finding unknownProbability(Expr.Call log, Expr p, BinaryCrossEntropyShape bce, MethodFacts facts) {
        return finding(facts, log.span()).message("binary cross-entropy on a probability '" + facts.context().text(p)
                        + "' that is neither clamped nor known to be a sigmoid: if it can reach exactly 0 or 1 (a "
                        + "sigmoid saturates to 1 above z = 36.7 in double, 16.6 in float), a log is -Infinity and "
                        + "0 * -Infinity makes the loss NaN.")
                .handFix("compute the loss from the logit with StableMath.binaryCrossEntropyWithLogits(z, t), or clamp "
                        + "p to [eps, 1 - eps] before the logs.").fix(clampedFix(bce, facts)).build().withSeverity(Severity.INFO);
    }
}
