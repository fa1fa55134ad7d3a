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
import dev.numguard.rules.idioms.exp.GuardedRange;
import dev.numguard.rules.idioms.exp.NegligibleDigits;
import dev.numguard.rules.idioms.exp.NotTiny;
import dev.numguard.rules.idioms.exp.ResultUse;
import dev.numguard.rules.idioms.logistic.BinaryCrossEntropyShape;
import dev.numguard.rules.idioms.solvers.SolverStart;
import dev.numguard.rules.messages.Thresholds;
import dev.numguard.rules.model.BinaryOp;
import dev.numguard.rules.model.Expr;
import dev.numguard.rules.model.NumericType;
import dev.numguard.rules.model.Stmt;
import dev.numguard.rules.model.VarKind;
import java.util.List;
import java.util.Optional;

/** {@code log(1 + x)} in any operand order: use {@code Math.log1p(x)}. */
@RuleInfo(
        summary = "log(1 + x) loses the digits of a small x; Math.log1p(x) keeps them",
        severity = Severity.WARNING,
        whatItDoes = """
                Flags the natural logarithm of one plus or minus a floating-point value, `Math.log(1 + x)`, \
                `Math.log(x + 1)` and `Math.log(1 - p)` (also `StrictMath`, a static import of `log`, casts \
                around it, a local that holds `1 + x` or `1 - p`, and a method of the project that returns the \
                log of its argument, also clamped far from 1 as sanitising helpers do: \
                `Math.max(MIN_LOG, Math.log(Math.max(0, x)))`; for a plain variable x those become \
                `(Math.abs(x) < 0.25 ? Math.log1p(-x) : helper(1 - x))`, other forms get a hand fix). The naive form is off by about 1e-16 in \
                absolute terms, which matters only relative to a small result: it stays silent where x cannot \
                be tiny (integer-valued, a constant of 0.01 or more, a parameter of a private method that every caller \
                passes such a constant, `cosh(z)`, `exp(z)` (a softplus: \
                NaiveSoftplus's site), a guard such as `if (Math.abs(v) > 0.25)` or `if (y > 0.05)` for \
                `4 * y * y`) and where the value needs no relative accuracy: a term of a log-likelihood that also \
                holds logs of other values (also through a local, or a call named as a logarithm such as \
                `logProbability` or `binomialCoefficientLog`), a value returned by a method named for a \
                log-probability (`logLikelihood`, `logNodeProbability`, `lnPdf`), a `log(1 - p)` stored in a field \
                where the class also stores `log(p)` (the two log-probabilities of a two-outcome event, kept \
                for log-space arithmetic), a term added to a constant of \
                order one, one side of a comparison, \
                an exponent, a binary cross-entropy (NaiveBinaryCrossEntropy's site), a value whose log is only one \
                side of a ratio of logs truncated to an integer, and a value whose only use is the starting point of \
                an iterative solver (a moment estimate stored into the array an optimiser given an objective starts \
                from, also through a private helper's returned array: the solver refines it). Added to an independent \
                term of unknown size (`mu - b * Math.log(1 - u)`) it is a note; divided by a factor of x \
                (`Math.log(1 + r * x) / r`), inverted or logged again it is a warning.""",
        whyIsThisBad = """
                `1 + x` is rounded before the logarithm sees it. For |x| below 1.11e-16 in double (5.96e-8 \
                in float) it rounds to exactly 1 and the result is 0 instead of about x; for |x| around 1e-8 \
                half of the digits are already lost. `Math.log1p` computes the same function accurately for \
                every x > -1. The absolute error of the naive form is never more than about 1e-16: what is lost \
                is relative accuracy, and the rule reports it only where the value computed needs relative \
                accuracy (the result stands alone, is scaled, divided by a factor of x, inverted or logged \
                again), not where only its absolute error reaches that value (a term of a log-likelihood or \
                log-prior, a log-probability read back through `exp`, a value added to a term of order one, \
                one side of a comparison).""",
        example = """
                double logLikelihoodRatio(double x) {
                    return Math.log(1 + x);
                }""",
        useInstead = """
                double logLikelihoodRatio(double x) {
                    return Math.log1p(x);
                }""",
        fixSafety = """
                Safe. `Math.log1p(x)` is the same function as `Math.log(1 + x)` (and `Math.log1p(-p)` as \
                `Math.log(1 - p)`; negation is exact) for every x, evaluates x once as before, and differs \
                only where the original lost digits to rounding. Through a sanitising helper the fix takes \
                `Math.log1p` only for |x| < 0.25, where the helper's clamps (each at least 0.5 from where it would \
                act near 1) cannot act, and calls the helper as before elsewhere; x, a plain variable, is read twice.""",
        knownLimits = """
                Only the literal 1 is recognised. A bound known only from the caller (a probability that is never \
                small because of how it is computed elsewhere, such as f/700 on audio frequencies) is not known, \
                and the finding stays. A value kept in a field is judged where it is computed, not where it is \
                used. A local holding `1 + x` is reported without a fix. Whether x carries more error than \
                log1p would save is not known: `log(1 + t)` of a root found to tolerance 1e-5 is reported \
                although t's own error dwarfs the rounding of 1 + t, unless the value only seeds a solver. Where only absolute accuracy matters but \
                the analysis cannot see it, the finding stays: a log-probability stored in a field and read \
                back elsewhere through `exp`, a value returned to callers that sum it (a per-row log-loss) or \
                only compare it (a split score), a lambda mapped over an array that is summed later, a value \
                shown on a log display, an argument that is exact by construction (`1 - 2|u|` with u a \
                uniform draw minus 0.5), a bound that callers of a non-private method respect (the midpoints (2i + 1) / 2k a quantile is \
                asked for), a split score compared between candidates only, or a cross-entropy written with \
                array helpers and a lambda. A caller's \
                constant is read only for a private method, whose callers are all in the class.""")
public final class Log1p implements Rule {
    @Override
    public Optional<Finding> matchCall(Expr.Call log, MethodFacts facts) {
        if (MathCalls.logArgument(log, facts).isEmpty()) {
            return Optional.empty();
        }
        boolean helper = MathCalls.logArgument(log).isEmpty();   // a project method returning log of its argument
        Expr argument = Nodes.stripCasts(log.args().get(0));
        boolean viaLocal = argument instanceof Expr.VarRead v && v.kind() == VarKind.LOCAL;
        Expr sumOrDifference = viaLocal ? Nodes.stripCasts(facts.resolve(argument)) : argument;
        if (!(sumOrDifference instanceof Expr.Binary sum)) {
            return Optional.empty();
        }
        boolean minus = sum.op() == BinaryOp.SUBTRACT;
        Expr x = sum.op() == BinaryOp.ADD && MathCalls.isLiteral(sum.left(), 1) ? sum.right()
                : sum.op() == BinaryOp.ADD && MathCalls.isLiteral(sum.right(), 1) ? sum.left()
                : minus && MathCalls.isLiteral(sum.left(), 1) ? sum.right() : null;
        if (x == null || !x.type().numeric().isFloatingPoint() || Nodes.stripCasts(x) instanceof Expr.Literal
                || digitsCannotMatter(x, argument, viaLocal, log, facts)) {
            return Optional.empty();
        }
        if (minus && !viaLocal && storedBesideComplement(log, x, facts)) {
            return Optional.empty();
        }
        ResultUse.Verdict use = ResultUse.of(log, ResultUse.variables(x), null, facts);
        if (use.negligible()) {
            return Optional.empty();
        }
        NumericType type = sum.type().numeric() == NumericType.FLOAT ? NumericType.FLOAT : NumericType.DOUBLE;
        String form = minus ? "log(1 - x)" : "log(1 + x)";
        String stable = minus ? "Math.log1p(-x)" : "Math.log1p(x)";
        String message = form + " returns 0 instead of about " + (minus ? "-x" : "x") + " once |x| < "
                + Thresholds.unitRoundoff(type) + " in " + Thresholds.typeName(type) + " (" + (minus ? "1 - x" : "1 + x")
                + " rounds to 1), and loses half its digits near |x| = " + (type == NumericType.FLOAT ? "1e-4" : "1e-8")
                + "; use " + stable + (use.kind() == ResultUse.Kind.BESIDE_UNKNOWN ? " (a note: the result is added to '"
                + facts.context().text(use.beside()) + "', which absorbs the lost digits unless it is small too)" : "");
        Finding.Builder builder = finding(facts, log.span());
        if (viaLocal) {
            builder.message(message + " (1 " + (minus ? "-" : "+") + " x is computed into "
                    + facts.context().text(argument) + " first)").handFix("take the logarithm of x with " + stable
                    + " instead of rounding 1 " + (minus ? "-" : "+") + " x into a variable first.");
        } else if (helper) {
            builder.message(message + " (" + log.name() + " returns the logarithm of its argument)").handFix("take the "
                    + "logarithm of x with " + stable + " (keeping what " + log.name() + " adds, such as a clamp) instead of "
                    + "rounding 1 " + (minus ? "-" : "+") + " x first.").fix(helperFix(log, x, minus, facts));
        } else {
            String owner = MathCalls.ownerForFix(log);
            String xText = facts.context().text(x);
            String replacement = owner + ".log1p(" + (minus ? "-" + SourceEdits.asFactor(x, facts.context()) : xText) + ")";
            builder.message(message).fix(Fix.safe("Use " + owner + ".log1p",
                    List.of(TextEdit.replace(log.span(), replacement)), List.of()));
        }
        Finding found = builder.build();
        return Optional.of(use.kind() == ResultUse.Kind.BESIDE_UNKNOWN ? found.withSeverity(Severity.INFO) : found);
    }

    /**
     * {@code helper(1 - x)} of a sanitising helper that returns log of its argument wherever that is within
     * 0.5 of 1 ({@code LOG_NEAR_ONE}): {@code (Math.abs(x) < 0.25 ? Math.log1p(-x) : helper(1 - x))}. Inside
     * the window the argument is within 0.25 of 1 and the log within 0.29 of 0, where no clamp of the helper
     * acts (each is at least 0.5 away), so the branch taken computes the same function, only without rounding
     * 1 - x; outside it (and for NaN) the helper runs as written. x is written twice, so it must be a plain
     * local or parameter (also negated), which the guard then keeps this rule from reporting again.
     */
    private static Fix helperFix(Expr.Call log, Expr x, boolean minus, MethodFacts facts) {
        Expr plain = Nodes.stripCasts(x);
        while (plain instanceof Expr.Unary u && u.op() == dev.numguard.rules.model.UnaryOp.NEGATE) {
            plain = Nodes.stripCasts(u.operand());
        }
        boolean nearOne = facts.context().summary(log).flatMap(dev.numguard.rules.facts.MethodSummary::returned)
                .filter(effect -> effect.shape() == dev.numguard.rules.facts.MethodSummary.Shape.LOG_NEAR_ONE).isPresent();
        if (!nearOne || !(plain instanceof Expr.VarRead v) || v.kind() == VarKind.FIELD
                || !log.type().isFloatingScalar()) {
            return null;
        }
        String xText = facts.context().text(x);
        String stable = "Math.log1p(" + (minus ? "-" + SourceEdits.asFactor(x, facts.context()) : xText) + ")";
        if (log.type().numeric() == NumericType.FLOAT) {
            stable = "(float) " + stable;
        }
        String guarded = SourceEdits.ungroupedWhereStandalone("(Math.abs(" + xText + ") < 0.25 ? " + stable + " : "
                + facts.context().text(log) + ")", log, facts);
        return Fix.safe("Use Math.log1p near 1, " + log.name() + " elsewhere",
                List.of(TextEdit.replace(log.span(), guarded)), List.of());
    }

    /**
     * {@code field = log(1 - p)} where the class also stores {@code log(p)} in a field: the two
     * log-probabilities of a two-outcome event (match and mismatch, success and failure) kept for
     * log-space arithmetic, where the absolute error of about one ulp of 1 is the relative error
     * of the probability it stands for. Inline terms ({@code (n - k) * log(1 - p)}) are judged by
     * their use instead.
     */
    private static boolean storedBesideComplement(Expr.Call log, Expr p, MethodFacts facts) {
        if (!(NegligibleDigits.parent(log, facts) instanceof Stmt.Assign stored) || stored.value() != log
                || !(Nodes.stripCasts(stored.target()) instanceof Expr.VarRead field) || field.kind() != VarKind.FIELD) {
            return false;
        }
        Expr probability = Nodes.stripCasts(p);
        return facts.context().methodsWithBodies().stream().flatMap(m -> m.statements().stream())
                .anyMatch(s -> s instanceof Stmt.Assign other && other != stored
                        && Nodes.stripCasts(other.target()) instanceof Expr.VarRead f && f.kind() == VarKind.FIELD
                        && Nodes.stripCasts(other.value()) instanceof Expr.Call c && MathCalls.logArgument(c).isPresent()
                        && Nodes.sameShape(Nodes.stripCasts(c.args().get(0)), probability));
    }

    /**
     * x cannot be tiny (integer-valued, a constant of at least 0.01, bounded away from 0); log(1 + exp(z))
     * is a softplus or an ordered log-add (NaiveSoftplus's site); log(1 + u·(e − 1)) inverts a normalised
     * ramp; a guard already handles small x; or the log is one of a binary cross-entropy's (NaiveBinaryCrossEntropy's site).
     */
    private static boolean digitsCannotMatter(Expr x, Expr argument, boolean viaLocal, Expr.Call log, MethodFacts facts) {
        Expr value = Nodes.stripCasts(facts.resolve(x));
        if (NotTiny.holds(x, facts) || MathCalls.expArgument(value).isPresent() || value instanceof Expr.Binary product
                && product.op() == BinaryOp.MULTIPLY
                && (NegligibleDigits.isEMinusOne(product.left()) || NegligibleDigits.isEMinusOne(product.right()))) {
            return true;
        }
        return NegligibleDigits.guarded(x, 0, log.span(), facts)
                || GuardedRange.farFromZero(x, log.span(), NotTiny.SMALL_CONSTANT, facts)
                || viaLocal && NegligibleDigits.guarded(argument, 1, log.span(), facts)
                || BinaryCrossEntropyShape.around(log, facts).isPresent()
                || SolverStart.onlySeeds(log, facts);
    }
}
