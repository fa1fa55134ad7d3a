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
import dev.numguard.rules.fixes.BaseTwoLogSpace;
import dev.numguard.rules.fixes.ElementLogSpace;
import dev.numguard.rules.fixes.HelperLogSumExp;
import dev.numguard.rules.fixes.LogSpaceCombination;
import dev.numguard.rules.fixes.LogSumExpFixes;
import dev.numguard.rules.idioms.exp.BaseTwoSums;
import dev.numguard.rules.idioms.exp.ExpSum;
import dev.numguard.rules.idioms.exp.ExpSumCombinations;
import dev.numguard.rules.idioms.exp.ExpSumSources;
import dev.numguard.rules.idioms.exp.ExpSums;
import dev.numguard.rules.idioms.exp.ExpTerm;
import dev.numguard.rules.idioms.exp.Exponents;
import dev.numguard.rules.idioms.exp.ShiftVerdict;
import dev.numguard.rules.messages.Thresholds;
import dev.numguard.rules.model.BinaryOp;
import dev.numguard.rules.model.Expr;
import dev.numguard.rules.model.NumericType;
import java.util.List;
import java.util.Optional;

/** log(Σ exp(xᵢ)), log(exp(a) + exp(b)) and log(Σ wᵢ·exp(xᵢ)) without a max shift. */
@RuleInfo(
        summary = "log(Σ exp(x)) without a max shift is Infinity for inputs above 709.78 and -Infinity below -745",
        severity = Severity.ERROR,
        whatItDoes = """
                Flags the logarithm of a sum of exponentials computed without subtracting the maximum: \
                `Math.log(sum)` after `sum += Math.exp(x[i])`, \
                `Math.log(Arrays.stream(x).map(Math::exp).sum())`, `Math.log(Math.exp(a) + Math.exp(b))`, \
                the weighted `Math.log(Σ w[i] * Math.exp(x[i]))` (also with exponentials returned by methods of \
                the tree, through an interface when every implementation returns one: a mixture log-likelihood \
                `log(Σ pi_g * component.density(x))` with densities `c·exp(..)`), the base-2 form \
                `log2(Σ pow(2, s))` of floating-point scores (also through a logarithm helper in any base), a scaled or averaged sum \
                `Math.log(sum / n)` (without a fix), and per-point sums kept in array elements \
                (`s[i] += Math.exp(logp[k][i])`, zeroed or freshly allocated, then `Math.log(s[i])`, \
                `Math.log(s[i] + background)`, `Math.log(s[i] / c)`). Shifts are recognised through locals \
                (`double z = v - max; sum += Math.exp(z)`), as `-(d - dMin)`, and as an additive constant \
                computed from the minimum and maximum; a clamped exponent (`Math.min(v, 700)`, a clamp \
                helper) and exponents shifted in place in their array are safe. A shift by the minimum, the \
                first value or a running maximum that starts at 0 is reported too (fixed by accumulating in \
                log space where the sum is a local); sums from methods of other classes or finished inner \
                loops are reported without a fix; the log of a sum combined with other terms (`log(1 + Σ exp(a) - Σ exp(b))` on every path to the log, `log(exp(a) + p * f)`) is fixed in log space.""",
        whyIsThisBad = """
                exp overflows to Infinity for arguments above 709.78 in double (88.72 in float, 11.09 in \
                fp16), so the result is Infinity although the true value is about max(x). When every input \
                is below about -745 (-103 in float) each exp underflows to 0 and the result is -Infinity. \
                log Σ exp(xᵢ) = m + log Σ exp(xᵢ - m) for m = max(x) is exact and never overflows.""",
        example = """
                double logPartition(double[] x) {
                    double sum = 0;
                    for (double v : x) {
                        sum += Math.exp(v);
                    }
                    return Math.log(sum);
                }""",
        useInstead = """
                double logPartition(double[] x) {
                    return StableMath.logSumExp(x);
                }""",
        fixSafety = """
                `StableMath.logAddExp(a, b)` for `log(exp(a) + exp(b))` is safe: the same function, each \
                argument evaluated once as before. Replacing a method body by `StableMath.logSumExp(x)` and \
                the in-place max shift need review: they change more than one expression (the shift reads \
                the inputs once more). Where no max loop can recompute the exponents (they call methods or \
                read locals the loop assigns), or they are shifted by something other than the maximum, a \
                local sum is accumulated in log space, `logS = StableMath.logAddExp(logS, a)` from \
                `-Infinity`, and `log(s)` reads `logS` (review: the sum is renamed, any other read of it \
                becomes `exp(logS)`); a stream sum held in a local becomes `StableMath.logSumExp(x)`. `log(sumExp(v))` \
                with a helper of the same file whose whole body sums exp over any container (a vector \
                object) becomes `logSumExp(v)`, a max-shifted twin of the helper added beside it (review: a method is \
                added; a private helper nothing else calls becomes the twin). The helper is static or private, or an \
                overridable method of the caller's class that no class of the analysed sources overrides (a subclass \
                elsewhere could). Per-element sums `s[k] += Math.exp(a)` are kept in log space (review): `s` a local \
                `new double[n]` (then `Arrays.fill(s, -Infinity)`) or a parameter zeroed by a loop over all its elements \
                (the zeros become -Infinity), each update `s[k] = StableMath.logAddExp(s[k], a)`, and the logs read as \
                `s[i]`, `StableMath.logAddExpLinear(s[i], c)`, `s[i] ∓ Math.log(c)`; a loop logging every element in \
                place goes, one logging those a condition picks becomes `if (!c) s[i] = Math.exp(s[i])` so each element \
                ends as before. Only when the array does not escape, every other read and every return (for a \
                parameter) follows such a loop, and every update follows the zeroing. A local base-2 sum `t += pow(2, s)` is \
                accumulated in log space as `log2T = StableMath.logAddExp(log2T * ln 2, s * ln 2) / ln 2`, its log in \
                base b read as `log_b(2) * log2T` (review: the sum is renamed, other reads become `pow(2, log2T)`, \
                and the ln 2 scaling can change the last bit). The log of a combination of exponentials is carried into \
                log space as a whole (review): `log(exp(a) + c)` becomes `StableMath.logAddExpLinear(a, c)` (exact for \
                a `c` of either sign), and where the argument is a local built from local sums of exponentials \
                (`r = 1 + s - t`, `r -= t`, on any branch) each of those locals is kept as its log, sums and differences \
                through `StableMath.logAddExp`/`logSubExp`, `s == 0` read as `logS == -Infinity` (a sum whose terms \
                all underflowed is then no longer taken for an empty one) and any other read as `exp(logS)`.""",
        knownLimits = """
                A sum from elsewhere is followed through method summaries only: a sum accumulated into an \
                array by one method and logged by another (exponentials computed in another class, as a \
                `density()` of a mixture component, cannot be kept in log space within one file and get no fix), or kept in fields of other objects, stays silent. A \
                call counts as an exponential only when every implementation of it in the analysed sources returns \
                one (a type declared outside them, or implemented by a lambda, stays silent). Powers of 2 count \
                only with floating-point exponents (`Σ pow(2, i)` over integers builds a binary number), and powers \
                of other bases (decibel sums of `pow(10, l / 10)`) are not log-sum-exps. An array element counts as a sum of \
                exponentials only when every write reaching the read adds an exponential or starts it at 0. `log(exp(a) + exp(b) + exp(c))` with \
                more than two explicit terms gets no fix.""")
public final class NaiveLogSumExp implements Rule {

    @Override
    public Optional<Finding> matchCall(Expr.Call log, MethodFacts facts) {
        if (MathCalls.logArgument(log).isEmpty()) {
            return baseTwo(log, facts);
        }
        ClassFacts context = facts.context();
        Expr argument = Nodes.stripCasts(log.args().get(0));
        Optional<Finding> pair = matchLogAddExp(context, facts, log, argument);
        if (pair.isPresent()) {
            return pair;
        }
        Optional<ExpSum> direct = ExpSums.of(argument, facts);
        Optional<ExpSum> found = direct.or(() -> ExpSums.scaled(argument, facts))   // log(Σ exp / n): no fix
                .or(() -> ExpSumSources.of(argument, facts)).or(() -> ExpSumSources.scaled(argument, facts))
                .or(() -> ExpSumCombinations.in(argument, facts));
        if (found.isEmpty()) {
            return baseTwo(log, facts);
        }
        ExpSum sum = found.get();
        MethodFacts sumFacts = context.facts(sum.method());
        ShiftVerdict shift = ShiftVerdict.of(sum, sumFacts, List.of(), facts);
        if (shift == ShiftVerdict.SAFE) {
            return Optional.empty();
        }
        ExpTerm term = sum.terms().get(0);
        NumericType type = (term.argument() != null ? MathCalls.floatingType(term.argument())
                : sum.stream() != null ? sum.stream().source().type().numeric() : NumericType.DOUBLE)
                == NumericType.FLOAT ? NumericType.FLOAT : NumericType.DOUBLE;
        // accumulating log(Σ exp) in log space is right whatever shift the exponents already have
        Fix fix = (shift != ShiftVerdict.UNSHIFTED || direct.isEmpty() ? Optional.<Fix>empty()
                : LogSumExpFixes.wholeMethod(facts, log, sum, sumFacts, type).or(() -> LogSumExpFixes.shiftInPlace(context, facts, log, sum, type)))
                .or(() -> LogSumExpFixes.accumulateInLogSpace(context, facts, sum, argument))
                .or(() -> LogSumExpFixes.streamInLogSpace(context, facts, sum, argument))
                .or(() -> HelperLogSumExp.of(argument, facts))
                .or(() -> LogSpaceCombination.of(log, facts))
                .or(() -> ElementLogSpace.of(log, facts)).orElse(null);
        // the exponentials overflow in the type they are summed in: a float sum overflows at 88.72
        NumericType summedIn = MathCalls.floatingType(log.args().get(0)) == NumericType.FLOAT
                ? NumericType.FLOAT : NumericType.DOUBLE;
        String message = shift.message(sum.weighted() ? "weighted log-sum-exp" : "log-sum-exp",
                Thresholds.expOverflowSentence(summedIn) + ", so the result is Infinity instead of about max(x); "
                        + "inputs all below -745 (-103 in float) give log(0) = -Infinity.", "the result is log(0) = -Infinity.");
        return finding(facts, log.span()).message(message).fix(fix)
                .handFix("m + log(Σ exp(x - m)) with m the maximum, or StableMath.logSumExp(x).").asMatch();
    }

    /** {@code log2(Σ pow(2, s))}: the base-2 log-sum-exp, a local sum fixed by accumulating it in log space. */
    private Optional<Finding> baseTwo(Expr.Call log, MethodFacts facts) {
        Optional<Expr> exponent = BaseTwoSums.loggedSumExponent(log, facts);
        return exponent.isEmpty() ? Optional.empty() : finding(facts, log.span()).message("base-2 log-sum-exp log(Σ pow(2, s)) "
                + "without a max shift: pow(2, s) overflows to Infinity for s above 1024, so the result is Infinity instead "
                + "of about max(s); scores all below -1075 give log(0) = -Infinity.")
                .fix(BaseTwoLogSpace.of(log, exponent.get(), facts).orElse(null))
                .handFix("m + log2(Σ pow(2, s - m)) with m the maximum score, which never overflows or underflows to 0.").asMatch();
    }

    /** {@code log(exp(a) + exp(b))}: {@code StableMath.logAddExp(a, b)}. */
    private Optional<Finding> matchLogAddExp(ClassFacts context, MethodFacts facts, Expr.Call log, Expr argument) {
        if (!(argument instanceof Expr.Binary sum) || sum.op() != BinaryOp.ADD) {
            return Optional.empty();
        }
        Optional<Expr> a = MathCalls.expArgument(facts.resolve(sum.left()));
        Optional<Expr> b = MathCalls.expArgument(facts.resolve(sum.right()));
        if (a.isEmpty() || b.isEmpty()) {
            return Optional.empty();
        }
        boolean shiftedA = Exponents.shiftOf(a.get(), facts).filter(m -> !Exponents.isConstant(m, facts)).isPresent();
        boolean shiftedB = Exponents.shiftOf(b.get(), facts).filter(m -> !Exponents.isConstant(m, facts)).isPresent();
        if (shiftedA && shiftedB || Exponents.isBounded(a.get(), facts) && Exponents.isBounded(b.get(), facts)) {
            return Optional.empty();
        }
        NumericType type = MathCalls.floatingType(sum) == NumericType.FLOAT ? NumericType.FLOAT : NumericType.DOUBLE;
        String message = "log(exp(a) + exp(b)) is Infinity once a or b exceeds " + Thresholds.expOverflow(type)
                + " in " + Thresholds.typeName(type) + " (" + (type == NumericType.FLOAT ? "709.78 in double" : "88.72 in float")
                + ") and -Infinity once both are below " + (type == NumericType.FLOAT ? "-103" : "-745")
                + "; use StableMath.logAddExp(a, b)";
        Fix fix = null;
        boolean direct = MathCalls.expArgument(sum.left()).isPresent() && MathCalls.expArgument(sum.right()).isPresent();
        if (direct) {
            String replacement = LogSumExpFixes.STABLE_MATH + ".logAddExp(" + context.text(a.get()) + ", " + context.text(b.get()) + ")";
            fix = Fix.safe("Use StableMath.logAddExp", List.of(TextEdit.replace(log.span(), replacement)),
                    List.of(LogSumExpFixes.STABLE_MATH));
        }
        return finding(facts, log.span()).message(message).fix(fix).asMatch();
    }
}
