package dev.numguard.rules.core;

import dev.numguard.rules.Finding;
import dev.numguard.rules.Fix;
import dev.numguard.rules.Rule;
import dev.numguard.rules.RuleInfo;
import dev.numguard.rules.Severity;
import dev.numguard.rules.TextEdit;
import dev.numguard.rules.facts.MathCalls;
import dev.numguard.rules.facts.MethodFacts;
import dev.numguard.rules.fixes.HyperbolicRatioFix;
import dev.numguard.rules.fixes.SourceEdits;
import dev.numguard.rules.idioms.cancellation.HyperbolicDifference;
import dev.numguard.rules.idioms.cancellation.NearlyEqualTerms;
import dev.numguard.rules.idioms.cancellation.QuadraticRoot;
import dev.numguard.rules.idioms.solvers.SolverStart;
import dev.numguard.rules.model.Expr;
import dev.numguard.rules.model.NumericType;
import java.util.List;
import java.util.Optional;

/** Textbook catastrophic cancellation: the quadratic formula, 1 − cos(x), sqrt(x + 1) − sqrt(x). */
@RuleInfo(
        summary = "Subtracting nearly equal terms (quadratic formula, 1 - cos(x), sqrt(x + 1) - sqrt(x)) loses every digit",
        severity = Severity.WARNING,
        whatItDoes = """
                Flags the textbook cancellations that have an exact stable rewrite: a root of \
                `a·x² + b·x + c` as `(-b + sqrt(b*b - 4*a*c)) / (2*a)` or `(-b - sqrt(…)) / (2*a)` (the \
                discriminant and its root may sit in locals), `1 - cos(x)`, `sqrt(x + k) - sqrt(x)`, and `exp(x) - exp(-x)` \
                (2·sinh(x), the numerator of a hand-written tanh; the exponentials may sit in locals); for `Math`, \
                `StrictMath` and `FastMath`. A root whose only use is the starting point of an iterative solver \
                (stored into the array an optimiser given an objective starts from, as moment-matching guesses \
                are) is left alone: the solver refines it.""",
        whyIsThisBad = """
                Subtracting two values that agree in their leading digits keeps only the digits where they \
                differ, and those carry the rounding errors of both. The root `-b + sqrt(b² - 4ac)` with b > 0 \
                is exactly 0 once |4ac| < 1.11e-16·b² in double (5.96e-8·b² in float) instead of about \
                -c/b, and loses log10(b²/|4ac|) digits before that; the other sign fails the same way for \
                b < 0. `1 - cos(x)` is 0 instead of x²/2 for |x| below 1.05e-8 in double (2.44e-4 in \
                float). `sqrt(x + 1) - sqrt(x)` loses all its digits for x above about 4.5e15 in double \
                (8.4e6 in float), half of them already near 4.5e7 (2e3 in float). `exp(x) - exp(-x)` is 0 \
                instead of 2x below |x| = 1.1e-16 in double (6e-8 in float) and loses log10(1/|x|) digits \
                before that.""",
        example = """
                static double largerRoot(double a, double b, double c) {
                    return (-b + Math.sqrt(b * b - 4 * a * c)) / (2 * a);
                }""",
        useInstead = """
                static double largerRoot(double a, double b, double c) {
                    return (b > 0 ? 2 * c / (-b - Math.sqrt(b * b - 4 * a * c)) : (-b + Math.sqrt(b * b - 4 * a * c)) / (2 * a));
                }""",
        fixSafety = """
                `1 - cos(x)` becomes `2 * Math.pow(Math.sin(0.5 * x), 2)`, `exp(a) - exp(-a)` becomes \
                `2 * Math.sinh(a)` (when both exponentials are written in the difference; kept in locals, the \
                numerator of a hand-written tanh `(e^x - e^-x) / (e^x + e^-x)` makes the whole ratio `Math.tanh(x)`, \
                review when the locals that only fed it are deleted), and `sqrt(x + k) - sqrt(x)` becomes \
                `k / (sqrt(x + k) + sqrt(x))`: safe, the same function in exact arithmetic, finite wherever \
                the original is, differing only in the digits the original lost. The quadratic root becomes \
                `(b > 0 ? 2 * c / (-b - sqrt(…)) : original)` (Citardauq where the original cancels): needs \
                review, since it writes b, c and the square root twice and reads a and c from the \
                discriminant's definition, and for a = 0 it returns the linear root -c/b where the original \
                returned an infinity or NaN.""",
        knownLimits = """
                Only these shapes are recognised; other cancellations (differences of sums of squares, \
                |a|² - 2a·b + |b|², differences of entropies) are not. A `1 - cos(x)` whose argument \
                mentions π (a window or a phase over the whole circle) is left alone, as is a root whose b \
                is built as a negative constant times a value (`b = -2 * offset`) and so has the stable \
                sign; b's sign is otherwise not known, so a root cancelling only for a sign b never takes \
                is still flagged. `sqrt(x*x + 1) - x` is not flagged. How the value is used is not \
                analysed beyond the solver's start: a `1 - cos(x)` of a configured angle that is never tiny (an angular resolution of \
                0.01 rad keeps 12 digits), and a `1 - cos(x)` summed into an objective where only its \
                absolute error matters are still reported.""")
public final class CancellingDifference implements Rule {
    @Override
    public Optional<Finding> matchBinary(Expr.Binary difference, MethodFacts facts) {
        NumericType type = MathCalls.floatingType(difference);
        boolean single = type == NumericType.FLOAT;
        Optional<Expr> cosArgument = NearlyEqualTerms.oneMinusCos(difference);
        if (cosArgument.isPresent()) {
            String message = "1 - cos(x) is 0 instead of x²/2 once |x| < " + (single ? "2.44e-4 in float" : "1.05e-8 in double")
                    + " (cos(x) rounds to 1) and loses half its digits near |x| = " + (single ? "2e-2" : "1.5e-4")
                    + " (cancellation); use 2·sin²(x/2)";
            String rewrite = NearlyEqualTerms.halfAngleForm(difference, cosArgument.get(), facts.context());
            return finding(facts, difference.span()).message(message)
                    .fix(Fix.safe("Use 2·sin²(x/2)", List.of(TextEdit.replace(difference.span(), rewrite)), List.of()))
                    .asMatch();
        }
        Optional<NearlyEqualTerms.SquareRootGap> gap = NearlyEqualTerms.squareRootGap(difference);
        if (gap.isPresent()) {
            String message = "sqrt(x + k) - sqrt(x) cancels for large x: with k = 1 every digit is lost above x = "
                    + (single ? "8.4e6 in float" : "4.5e15 in double") + ", half of them near x = "
                    + (single ? "2e3" : "4.5e7") + "; use k / (sqrt(x + k) + sqrt(x))";
            String rewrite = gap.get().rationalised(difference, facts.context());
            return finding(facts, difference.span()).message(message)
                    .fix(Fix.safe("Rationalise the difference of square roots",
                            List.of(TextEdit.replace(difference.span(), rewrite)), List.of()))
                    .asMatch();
        }
        Optional<HyperbolicDifference> sinh = HyperbolicDifference.of(difference, facts);
        if (sinh.isPresent()) {
            String message = "exp(x) - exp(-x) cancels for small |x|: below " + (single ? "6e-8 in float" : "1.1e-16 in double")
                    + " it is 0 instead of 2x, and it loses log10(1/|x|) digits before that; use 2·sinh(x)";
            Fix fix = sinh.get().written() ? Fix.safe("Use sinh", List.of(TextEdit.replace(difference.span(),
                    sinh.get().rewrite(difference, facts.context()))), List.of())
                    : HyperbolicRatioFix.of(difference, sinh.get(), facts).orElse(null);
            return finding(facts, difference.span()).message(message)
                    .handFix("compute 2 * Math.sinh(x) (and Math.tanh(x) for the ratio (e^x - e^-x) / (e^x + e^-x))")
                    .fix(fix).asMatch();
        }
        Optional<QuadraticRoot> root = QuadraticRoot.of(difference, facts);
        if (root.isEmpty() || SolverStart.onlySeeds(difference, facts)) {
            return Optional.empty();
        }
        String sign = root.get().plusRoot() ? "b > 0" : "b < 0";
        String message = "this root of a·x² + b·x + c cancels when " + sign + ": it is exactly 0 instead of about -c/b "
                + "once |4ac| < " + (single ? "5.96e-8·b² in float" : "1.11e-16·b² in double")
                + ", and loses log10(b²/|4ac|) digits before that; compute q = -(b + copySign(sqrt(b² - 4ac), b)) / 2, "
                + "then the roots q / a and c / q";
        Finding.Builder finding = finding(facts, difference.span()).message(message);
        Optional<Expr> whole = root.get().overTwoA(facts);
        Optional<String> stable = whole.flatMap(w -> root.get().stableForm(w, facts));
        if (stable.isEmpty()) {
            return finding.handFix("Compute q = -0.5 * (b + Math.copySign(Math.sqrt(b * b - 4 * a * c), b)); "
                    + "the roots are q / a and c / q").asMatch();
        }
        return finding.fix(Fix.review("Use the Citardauq form 2c / (-b ∓ sqrt(b² - 4ac)) where the root cancels",
                List.of(TextEdit.replace(whole.get().span(), SourceEdits.ungroupedWhereStandalone(stable.get(), whole.get(), facts))),
                List.of())).asMatch();
    }
}
