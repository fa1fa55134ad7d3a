package dev.numguard.rules.core;

import dev.numguard.rules.Finding;
import dev.numguard.rules.Rule;
import dev.numguard.rules.RuleInfo;
import dev.numguard.rules.Severity;
import dev.numguard.rules.facts.MethodFacts;
import dev.numguard.rules.fixes.DerivativeFix;
import dev.numguard.rules.fixes.ScaledStepFix;
import dev.numguard.rules.idioms.difference.DifferenceQuotient;
import dev.numguard.rules.messages.Thresholds;
import dev.numguard.rules.model.Expr;
import java.util.Locale;
import java.util.Optional;

/** A numerical derivative whose fixed step is far below the optimum: rounding error dominates. */
@RuleInfo(
        summary = "A difference quotient with a tiny fixed step is mostly rounding error",
        severity = Severity.WARNING,
        whatItDoes = """
                Flags numerical derivatives and gradient checks, `(f(x + h) - f(x)) / h` and \
                `(f(x + h) - f(x - h)) / (2 * h)` (also with the perturbed values in locals, or a weight \
                perturbed in place by `w[i] += h`), whose step h is a constant (a literal, a local or a final \
                field, or a parameter for which a caller of the analysed tree passes such a constant, as in \
                `derivative(x, 1e-16)` from `main`) more than 50 times below the optimal step: below 3e-10 forward and 1.2e-7 central in \
                double, 6.9e-6 forward and 9.8e-5 central in float.""",
        whyIsThisBad = """
                A difference quotient has two errors: truncation, about h·|f''| forward (h²·|f'''| central), \
                and rounding, about ε·|f|/h, since f(x + h) and f(x) agree in all but their last digits and \
                their difference is divided by h. The sum is smallest at h ≈ √ε·max(1, |x|) forward \
                (1.5e-8 in double, 3.5e-4 in float) and ∛ε·max(1, |x|) central (6.1e-6 in double, 4.9e-3 \
                in float). With h = 1e-12 in double a forward difference keeps about 4 correct digits of \
                the 8 it could have; with h = 1e-6 in float about one. And a fixed step does not scale: \
                for |x| large, x + h rounds back to x and the quotient is 0.""",
        example = """
                static double slope(DoubleUnaryOperator f, double x) {
                    double h = 1e-12;
                    return (f.applyAsDouble(x + h) - f.applyAsDouble(x)) / h;
                }""",
        useInstead = """
                static double slope(DoubleUnaryOperator f, double x) {
                    double h = Math.cbrt(Math.ulp(1.0)) * Math.max(1, Math.abs(x));
                    return (f.applyAsDouble(x + h) - f.applyAsDouble(x - h)) / (2 * h);
                }""",
        fixSafety = """
                Needs review. Where both values of a double quotient are written out in it, \
                `(f(x + h) - f(x)) / h` or `(f(x + h) - f(x - h)) / (2 * h)`, the fix rewrites it to \
                `Derivative.central(v -> f(v), x)` (runtime-guards): a central difference with the step \
                ∛ε·max(1, |x|), which evaluates f at x - h instead of x and gives a more accurate (so \
                different) result, and drops the step's local when nothing else reads it. Where the \
                values sit in locals read only by the quotient (or the lambda would capture a reassigned \
                variable, or call a method that may throw a checked exception), the quotient stays and \
                its step changes: `double step = Derivative.centralStep(x);` (∛ε·max(1, |x|) rounded \
                down to a power of two, so x ± step are exact) before the first value, `x ± step` in \
                both values, `2 * step` below, and a forward quotient's `f(x)` becomes `f(x - step)`. \
                Gradient checks that perturb an array in place and float quotients keep the hand fix; \
                for gradient checks, `GradientCheck` picks the step and compares with a relative \
                tolerance.""",
        knownLimits = """
                Only constant steps are judged (a step computed from x is taken to be scaled); steps far \
                above the optimum, whose truncation error dominates, are not flagged, since a large fixed \
                step is often deliberate for noisy or large-valued functions. The quotient must be written \
                as a difference over h or 2h in one expression; a step of order one for values of order \
                1e6 is not recognised as too small.""")
public final class ForwardDifference implements Rule {
    /** How far below the optimum a step must be to be reported: a factor 50 costs about 1.7 digits. */
    private static final double TOO_SMALL_FACTOR = 50;

    @Override
    public Optional<Finding> matchBinary(Expr.Binary quotient, MethodFacts facts) {
        Optional<DifferenceQuotient> found = DifferenceQuotient.of(quotient, facts);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        DifferenceQuotient q = found.get();
        double h = q.step();
        double optimum = q.optimalStep();
        if (h * TOO_SMALL_FACTOR > optimum) {
            return Optional.empty();
        }
        String kind = q.central() ? "central" : "forward";
        String rule = q.central() ? "∛ε" : "√ε";
        String message = String.format(Locale.ROOT, "%s difference with the fixed step h = %.3g in %s: %.0f times below "
                        + "the optimal step %s·max(1, |x|) ≈ %.2g, so rounding error ε·|f|/h dominates and about %.0f of "
                        + "the %.0f possible correct digits are left at |x| ~ 1, and none once |x| > %.2g (x + h rounds to x)",
                kind, h, Thresholds.typeName(q.type()), optimum / h, rule, optimum, Math.max(0, q.digits(h)),
                q.digits(optimum), 2 * h / q.epsilon());
        String advice = "Use a central difference with a step scaled to x: h = Math.cbrt(Math.ulp(1.0)) * "
                + "Math.max(1, Math.abs(x)), (f(x + h) - f(x - h)) / (2 * h); for a gradient check, "
                + "dev.numguard.guards.GradientCheck";
        return finding(facts, quotient.span()).message(message).handFix(advice)
                .fix(DerivativeFix.of(facts.context(), facts, quotient, q)
                        .or(() -> ScaledStepFix.of(facts, quotient, q)).orElse(null)).asMatch();
    }
}
