package dev.numguard.rules.core;

import dev.numguard.rules.Finding;
import dev.numguard.rules.Fix;
import dev.numguard.rules.Rule;
import dev.numguard.rules.RuleInfo;
import dev.numguard.rules.Severity;
import dev.numguard.rules.TextEdit;
import dev.numguard.rules.facts.MathCalls;
import dev.numguard.rules.facts.MethodFacts;
import dev.numguard.rules.fixes.LogBaseConversion;
import dev.numguard.rules.fixes.LogitArgument;
import dev.numguard.rules.idioms.exp.ConstantBaseLogarithm;
import dev.numguard.rules.idioms.logistic.Sigmoids;
import dev.numguard.rules.idioms.logistic.UpperBounds;
import dev.numguard.rules.messages.Thresholds;
import dev.numguard.rules.model.Expr;
import dev.numguard.rules.model.NumericType;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/** {@code log(1 + exp(z))} with z not bounded above: use {@code StableMath.softplus(z)}. */
@RuleInfo(
        summary = "log(1 + exp(z)) is Infinity for z above 709.78 where softplus(z) is about z",
        severity = Severity.ERROR,
        whatItDoes = """
                Flags the softplus written by hand, `Math.log(1 + Math.exp(z))`, `Math.log(Math.exp(z) + 1)` and \
                `Math.log1p(Math.exp(z))` (also `StrictMath`, `FastMath`, static imports, `pow(Math.E, z)`, \
                casts to float, and logarithms of other bases or in-house wrappers named `log`, `log2`, \
                `logBase2`, `ln`: those get advice instead of a fix), unless z is bounded above where it is \
                used: `-Math.abs(d)`, `Math.min(z, c)`, a difference `b - a` in a branch where `a > b`, the \
                smaller less the larger of two values (`min(x, y) - max(x, y)` through locals, or locals \
                filled by a swap `if (x < y) { hi = y; lo = x; } else { hi = x; lo = y; }`: an ordered \
                log-add), an \
                exponent of one variable that a branch or an earlier range check keeps below 88 \
                (`(2300 - r) / 80` after `if (r < -3300) throw …`), an exponent behind an early return on it \
                being large, or a computation inside an overflow check.""",
        whyIsThisBad = """
                `exp(z)` overflows to Infinity for z above 709.78 in double (88.72 once the exponential is \
                narrowed to float), so the result is Infinity where the true value is about z: a logistic \
                loss or a log-likelihood of one badly misclassified point becomes Infinity, and its gradient \
                NaN. `softplus(z) = max(z, 0) + log1p(exp(-|z|))` never overflows.""",
        example = """
                double logisticLoss(double margin) {
                    return Math.log(1 + Math.exp(-margin));
                }""",
        useInstead = """
                double logisticLoss(double margin) {
                    return StableMath.softplus(-margin);
                }""",
        fixSafety = """
                Safe. `StableMath.softplus(z)` is the same function as `log(1 + exp(z))` for every z and \
                evaluates z once as before; where the original was finite it differs only by rounding (it is \
                more accurate for z below about -37, where `1 + exp(z)` rounds to 1). A project helper that \
                returns `Math.log(v) / Math.log(b)` for a constant b (directly or through a field only its \
                initializer sets) becomes `StableMath.softplus(z) / Math.log(b)`: the same division, safe too; \
                a helper in another form, or a logarithm outside the project, keeps the hand fix.""",
        knownLimits = """
                Only the literal 1 is recognised; `log(c + exp(z))` with another constant, exponentials in \
                array APIs (`x.exp().add(1).log()`) and softplus written across statements (`e = exp(z)` then \
                `log(1 + e)`) are not. A bound established in another method (an argument validated by the \
                caller) is not seen, so such a site is still flagged.""")
public final class NaiveSoftplus implements Rule {
    private static final String STABLE_MATH = "dev.numguard.guards.StableMath";
    private static final Pattern LOGARITHMS = Pattern.compile("(?i)(log|ln)(base)?(2|10|e)?");

    @Override
    public Optional<Finding> matchCall(Expr.Call log, MethodFacts facts) {
        boolean natural = MathCalls.logArgument(log).isPresent() || MathCalls.call(log, "log1p", 1).isPresent();
        Optional<Expr> z = MathCalls.logArgument(log).or(() -> namedLogarithm(log)).flatMap(Sigmoids::onePlusExpArgument)
                .or(() -> MathCalls.call(log, "log1p", 1).flatMap(c -> MathCalls.expArgument(c.args().get(0))));
        if (z.isEmpty() || UpperBounds.bounded(z.get(), log, facts)) {
            return Optional.empty();
        }
        NumericType type = MathCalls.floatingType(log.args().get(0));
        String message = "softplus written as log(1 + exp(z)): " + Thresholds.expOverflowSentence(type)
                + ", so the result is Infinity where softplus(z) is about z; StableMath.softplus(z) never overflows.";
        Optional<String> divisor = natural ? Optional.empty() : ConstantBaseLogarithm.divisor(log, facts);
        if (divisor.isPresent()) {
            String softplus = STABLE_MATH + ".softplus(" + LogitArgument.text(z.get(), false, facts.context()) + ")";
            return finding(facts, log.span()).message(message).fix(Fix.safe("Use StableMath.softplus in the helper's base",
                    LogBaseConversion.replace(log, softplus, divisor.get(), facts), List.of(STABLE_MATH))).asMatch();
        }
        if (!natural) {
            return finding(facts, log.span()).message(message).handFix("compute StableMath.softplus(z) and convert it"
                    + " to the logarithm's base (divide by Math.log(2) for log2).").asMatch();
        }
        String replacement = STABLE_MATH + ".softplus(" + LogitArgument.text(z.get(), false, facts.context()) + ")";
        Fix fix = Fix.safe("Use StableMath.softplus", List.of(TextEdit.replace(log.span(), replacement)),
                List.of(STABLE_MATH));
        return finding(facts, log.span()).message(message).fix(fix).asMatch();
    }

    /** The argument of a one-argument method named for a logarithm ({@code SimpleMath.logBase2}, an in-house {@code log}). */
    private static Optional<Expr> namedLogarithm(Expr.Call call) {
        return call.args().size() == 1 && LOGARITHMS.matcher(call.name()).matches()
                && call.args().get(0).type().isFloatingScalar() ? Optional.of(call.args().get(0)) : Optional.empty();
    }
}
