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
import dev.numguard.rules.idioms.exp.GuardedRange;
import dev.numguard.rules.idioms.exp.NegligibleDigits;
import dev.numguard.rules.idioms.exp.NotTiny;
import dev.numguard.rules.idioms.exp.ResultUse;
import dev.numguard.rules.idioms.exp.UpperClampedExp;
import dev.numguard.rules.fixes.SourceEdits;
import dev.numguard.rules.fixes.StoredExponentialFix;
import dev.numguard.rules.messages.Thresholds;
import dev.numguard.rules.model.BinaryOp;
import dev.numguard.rules.model.Expr;
import dev.numguard.rules.model.NumericType;
import dev.numguard.rules.model.VarKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** {@code exp(x) - 1}: use {@code Math.expm1(x)}. */
@RuleInfo(
        summary = "exp(x) - 1 cancels for small x; Math.expm1(x) does not",
        severity = Severity.WARNING,
        whatItDoes = """
                Flags `Math.exp(x) - 1` and `1 - Math.exp(x)` (also `StrictMath`, a static import of `exp`, \
                `Math.pow(Math.E, x)`, casts such as `(float) Math.exp(x) - 1`, an exponential kept in a \
                local first, and a method of the project that returns exp of its argument, also clamped far \
                from 0 as sanitising helpers do: `Math.min(1e19, Math.exp(x))`, `Math.exp(Math.min(x, 700))`; \
                those get a hand fix). Stays silent where the lost digits cannot matter: a branch that keeps the exponent \
                away from 0 (`if (q > 0.5)`, `x < -0.5 || x > 0.5`, `if (x > 1.5)` around `exp(19 - 20 * x)`), \
                a difference added to a term of order one (`1 - 0.75 * (1 - exp(-d))`, an array entry the method \
                also sets to 1, or the exponential itself: `e + u * (1 - e)`), a term of a log-likelihood, one \
                side of a comparison, a ramp normalised by e - 1, and a value whose log is only one side of a ratio of \
                logs truncated to an integer (an inversion sampler's `(int) (1 + log(u) / log(q))`: q's relative \
                error is a sliver of |log q| there). Added to an independent term of unknown \
                size it is a note; inside `log(1 + c * (exp(x) - 1))`, divided by a factor of x or inverted it \
                is a warning.""",
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
                Safe. `Math.expm1(x)` is the same function as `Math.exp(x) - 1` (and `-Math.expm1(x)` as \
                `1 - Math.exp(x)`) for every x, evaluates x once as before, and differs only where the \
                original cancelled. The same holds for a project helper that only caps exp from above \
                (`Math.min(1e19, Math.exp(x))`, every cap a constant of at least 1) when its argument cannot be \
                positive (`-1 * exp(f)`): no cap is reached there, so `1 - helper(x)` becomes `-Math.expm1(x)`; a \
                helper with a floor, a cap below 1 or a branch keeps the hand fix. An exponential kept in a local, `e = Math.exp(x); .. e - 1`, becomes \
                `Math.expm1(x)` computed from the exponent again where x still holds its value there and \
                calls only math functions: safe while the local is read elsewhere too, review when the \
                local, having fed only the difference, is deleted.""",
        knownLimits = """
                Only a literal 1 is recognised; `Math.exp(x) - one` and `-1 + Math.exp(x)` are not flagged. \
                A guard is recognised only on the exponent variable itself (or its absolute value) compared \
                with a literal, a field or a local set once to a constant; equality tests (`erh != 1.0`) are not guards. An exponential kept \
                in a local whose exponent changes before the difference is reported without a fix. A range that needs more than one variable or a \
                function's growth (`1 - exp(lnFactorial(n) + n * log(t / n))`, at most e^-n for n > 500) or a \
                caller's parameter range (`1 - exp(v * h)` with h = log1p(-theta) <= -3.2) is not derived, \
                and the difference is reported; so is a \
                statistic printed to a few digits (a pseudo-R² `1 - exp(-lr / n)`) or one whose exponent is far \
                from 0 for a reason outside the method (`2 * nullLogLik / n`, an average log partial likelihood).""")
public final class Expm1 implements Rule {
    @Override
    public Optional<Finding> matchBinary(Expr.Binary difference, MethodFacts facts) {
        if (difference.op() != BinaryOp.SUBTRACT) {
            return Optional.empty();
        }
        boolean oneMinus = MathCalls.isLiteral(difference.left(), 1);
        if (!oneMinus && !MathCalls.isLiteral(difference.right(), 1)) {
            return Optional.empty();
        }
        Expr written = oneMinus ? difference.right() : difference.left();
        Expr exp = Nodes.stripCasts(written);
        boolean viaLocal = exp instanceof Expr.VarRead v && v.kind() == VarKind.LOCAL;
        if (viaLocal) {
            exp = Nodes.stripCasts(facts.resolve(exp));
        }
        Optional<Expr> argument = MathCalls.expArgument(exp, facts);
        boolean helper = MathCalls.expArgument(exp).isEmpty();   // a project method returning exp of its argument
        if (argument.isEmpty() || Nodes.stripCasts(argument.get()) instanceof Expr.Literal
                || digitsCannotMatter(difference, argument.get(), facts)) {
            return Optional.empty();
        }
        List<String> inputs = new ArrayList<>(ResultUse.variables(argument.get()));
        inputs.addAll(ResultUse.variables(written));
        ResultUse.Verdict use = ResultUse.of(difference, inputs, written, facts);
        if (use.negligible()) {
            return Optional.empty();
        }
        String note = use.kind() == ResultUse.Kind.BESIDE_UNKNOWN ? " (a note: the result is added to '"
                + facts.context().text(use.beside()) + "', which absorbs the lost digits unless it is small too)" : "";
        NumericType type = difference.type().numeric() == NumericType.FLOAT ? NumericType.FLOAT : NumericType.DOUBLE;
        String form = oneMinus ? "1 - exp(x)" : "exp(x) - 1";
        String stable = (oneMinus ? "-" : "") + "Math.expm1(x)";
        String message = form + " returns 0 instead of about " + (oneMinus ? "-x" : "x") + " once |x| < "
                + Thresholds.unitRoundoff(type) + " in " + Thresholds.typeName(type) + " and loses half its digits near |x| = "
                + (type == NumericType.FLOAT ? "1e-4" : "1e-8") + " (cancellation); use " + stable + note;
        Severity severity = note.isEmpty() ? Severity.WARNING : Severity.INFO;
        if (viaLocal) {
            return Optional.of(finding(facts, difference.span()).message(message + " (exp(x) is kept in "
                    + facts.context().text(written) + " first)").handFix("compute " + stable
                    + " from the exponent instead of subtracting 1 from the stored exponential.")
                    .fix(StoredExponentialFix.expm1(difference, oneMinus, (Expr.VarRead) Nodes.stripCasts(written), facts)
                            .orElse(null)).build().withSeverity(severity));
        }
        Expr.Call call = (Expr.Call) exp;
        if (helper && !(UpperClampedExp.isHelper(call, facts) && UpperClampedExp.nonPositive(argument.get(), facts))) {
            return Optional.of(finding(facts, difference.span()).message(message + " (" + call.name() + " returns exp of "
                    + "its argument)").handFix("compute " + stable + " from the exponent (keeping what " + call.name()
                    + " adds, such as a clamp) instead of subtracting 1 from the exponential.").build().withSeverity(severity));
        }
        String owner = MathCalls.ownerForFix(call);
        String expm1 = owner + ".expm1(" + facts.context().text(argument.get()) + ")";
        String replacement;
        if (oneMinus) {
            replacement = "-" + expm1;
        } else {
            String left = facts.context().text(difference.left());
            int callStart = call.span().start() - difference.left().span().start();
            int callEnd = call.span().end() - difference.left().span().start();
            replacement = left.substring(0, callStart) + expm1 + left.substring(callEnd);
        }
        TextEdit edit = !oneMinus && exp == difference.left()
                ? SourceEdits.replaceByPrimary(difference.span(), replacement, facts.context())
                : TextEdit.replace(difference.span(), replacement);
        Fix fix = Fix.safe("Use " + owner + ".expm1", List.of(edit), List.of());
        return Optional.of(finding(facts, difference.span()).message(message).fix(fix).build().withSeverity(severity));
    }

    /**
     * A guard already takes another path for small x; the difference is absorbed by a term of order
     * one it is added to; or it is an exponential ramp normalised by e − 1.
     */
    private static boolean digitsCannotMatter(Expr.Binary difference, Expr argument, MethodFacts facts) {
        return NegligibleDigits.guarded(argument, 0, difference.span(), facts)
                || GuardedRange.farFromZero(argument, difference.span(), NotTiny.SMALL_CONSTANT, facts)
                || NegligibleDigits.absorbed(difference, facts) && !ResultUse.insideLogOfOnePlus(difference, facts)
                || NegligibleDigits.dividedByEMinusOne(difference, facts);
    }
}
