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
import dev.numguard.rules.fixes.SourceEdits;
import dev.numguard.rules.messages.Thresholds;
import dev.numguard.rules.model.BinaryOp;
import dev.numguard.rules.model.Expr;
import dev.numguard.rules.model.NumericType;
import java.util.List;
import java.util.Optional;

/** {@code exp(x) - 1}: use {@code Math.expm1(x)}. */
@RuleInfo(
        summary = "exp(x) - 1 cancels for small x; Math.expm1(x) does not",
        severity = Severity.WARNING,
        whatItDoes = """
                Flags `Math.exp(x) - 1` (also `StrictMath`, a static import of `exp`, `Math.pow(Math.E, x)`, \
                and casts such as `(float) Math.exp(x) - 1`).""",
        whyIsThisBad = """
                For small |x|, exp(x) is 1 plus a tiny tail, and subtracting 1 keeps only the digits of the \
                tail that survived rounding: for |x| below 1.11e-16 in double (5.96e-8 in float) the result \
                is exactly 0 instead of about x, and near |x| = 1e-8 half of the digits are wrong. \
                `Math.expm1` is accurate for every x.""",
        example = """
                double elu(double x, double alpha) {
                    return x > 0 ? x : alpha * (Math.exp(x) - 1);
                }""",
        useInstead = """
                double elu(double x, double alpha) {
                    return x > 0 ? x : alpha * (Math.expm1(x));
                }""",
        fixSafety = """
                Safe. `Math.expm1(x)` is the same function as `Math.exp(x) - 1` for every x, evaluates x \
                once as before, and differs only where the original cancelled.""",
        knownLimits = """
                Only a literal 1 subtracted directly from the exp call is recognised; `Math.exp(x) - one`, \
                `-1 + Math.exp(x)` and an exp stored in a local first are not flagged.""")
public final class Expm1 implements Rule {
    @Override
    public Optional<Finding> matchBinary(Expr.Binary difference, MethodFacts facts) {
        if (difference.op() != BinaryOp.SUBTRACT
                || !MathCalls.isLiteral(difference.right(), 1)) {
            return Optional.empty();
        }
        Expr exp = Nodes.stripCasts(difference.left());
        Optional<Expr> argument = MathCalls.expArgument(exp);
        if (argument.isEmpty() || Nodes.stripCasts(argument.get()) instanceof Expr.Literal) {
            return Optional.empty();
        }
        NumericType type = difference.type().numeric() == NumericType.FLOAT ? NumericType.FLOAT : NumericType.DOUBLE;
        String message = "exp(x) - 1 returns 0 instead of about x once |x| < " + Thresholds.unitRoundoff(type)
                + " in " + Thresholds.typeName(type) + " and loses half its digits near |x| = "
                + (type == NumericType.FLOAT ? "1e-4" : "1e-8") + " (cancellation); use Math.expm1(x)";
        Expr.Call call = (Expr.Call) exp;
        String owner = MathCalls.ownerForFix(call);
        String left = facts.context().text(difference.left());
        int callStart = call.span().start() - difference.left().span().start();
        int callEnd = call.span().end() - difference.left().span().start();
        String replacement = left.substring(0, callStart) + owner + ".expm1(" + facts.context().text(argument.get()) + ")"
                + left.substring(callEnd);
        TextEdit edit = exp == difference.left()
                ? SourceEdits.replaceByPrimary(difference.span(), replacement, facts.context())
                : TextEdit.replace(difference.span(), replacement);
        Fix fix = Fix.safe("Use " + owner + ".expm1", List.of(edit), List.of());
        return finding(facts, difference.span()).message(message).fix(fix).asMatch();
    }
}
