package dev.numguard.rules.core;

import dev.numguard.rules.Finding;
import dev.numguard.rules.Fix;
import dev.numguard.rules.Rule;
import dev.numguard.rules.RuleInfo;
import dev.numguard.rules.Severity;
import dev.numguard.rules.TextEdit;
import dev.numguard.rules.facts.MathCalls;
import dev.numguard.rules.facts.MethodFacts;
import dev.numguard.rules.facts.Nodes;
import dev.numguard.rules.messages.Thresholds;
import dev.numguard.rules.model.BinaryOp;
import dev.numguard.rules.model.Expr;
import dev.numguard.rules.model.NumericType;
import java.util.List;
import java.util.Optional;

/** {@code log(1 + x)} in any operand order: use {@code Math.log1p(x)}. */
@RuleInfo(
        summary = "log(1 + x) loses the digits of a small x; Math.log1p(x) keeps them",
        severity = Severity.WARNING,
        whatItDoes = """
                Flags the natural logarithm of one plus a floating-point value, `Math.log(1 + x)` or \
                `Math.log(x + 1)` (also `StrictMath`, a static import of `log`, and casts around it).""",
        whyIsThisBad = """
                `1 + x` is rounded before the logarithm sees it. For |x| below 1.11e-16 in double (5.96e-8 \
                in float) it rounds to exactly 1 and the result is 0 instead of about x; for |x| around 1e-8 \
                half of the digits are already lost. `Math.log1p` computes the same function accurately for \
                every x > -1.""",
        example = """
                double logLikelihoodRatio(double x) {
                    return Math.log(1 + x);
                }""",
        useInstead = """
                double logLikelihoodRatio(double x) {
                    return Math.log1p(x);
                }""",
        fixSafety = """
                Safe. `Math.log1p(x)` is the same function as `Math.log(1 + x)` for every x, evaluates x \
                once as before, and differs only where the original lost digits to rounding.""",
        knownLimits = """
                Only the literal 1 is recognised (not `1.0f + x` spelled through a constant or a variable \
                holding 1), and only when the sum is written inside the call: `double y = 1 + x; \
                Math.log(y)` is not flagged.""")
public final class Log1p implements Rule {
    @Override
    public Optional<Finding> matchCall(Expr.Call log, MethodFacts facts) {
        if (MathCalls.logArgument(log).isEmpty()) {
            return Optional.empty();
        }
        if (!(Nodes.stripCasts(log.args().get(0)) instanceof Expr.Binary sum) || sum.op() != BinaryOp.ADD) {
            return Optional.empty();
        }
        Expr x = MathCalls.isLiteral(sum.left(), 1) ? sum.right() : MathCalls.isLiteral(sum.right(), 1) ? sum.left() : null;
        if (x == null || !x.type().numeric().isFloatingPoint() || Nodes.stripCasts(x) instanceof Expr.Literal) {
            return Optional.empty();
        }
        NumericType type = sum.type().numeric() == NumericType.FLOAT ? NumericType.FLOAT : NumericType.DOUBLE;
        String message = "log(1 + x) returns 0 instead of about x once |x| < " + Thresholds.unitRoundoff(type)
                + " in " + Thresholds.typeName(type) + " (1 + x rounds to 1), and loses half its digits near |x| = "
                + (type == NumericType.FLOAT ? "1e-4" : "1e-8") + "; use Math.log1p(x)";
        String replacement = MathCalls.ownerForFix(log) + ".log1p(" + facts.context().text(x) + ")";
        Fix fix = Fix.safe("Use " + MathCalls.ownerForFix(log) + ".log1p",
                List.of(TextEdit.replace(log.span(), replacement)), List.of());
        return finding(facts, log.span()).message(message).fix(fix).asMatch();
    }
}
