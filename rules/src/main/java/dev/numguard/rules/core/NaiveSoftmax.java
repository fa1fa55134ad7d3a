package dev.numguard.rules.core;

import dev.numguard.rules.Finding;
import dev.numguard.rules.Fix;
import dev.numguard.rules.Rule;
import dev.numguard.rules.RuleInfo;
import dev.numguard.rules.Severity;
import dev.numguard.rules.SourceSpan;
import dev.numguard.rules.facts.ClassFacts;
import dev.numguard.rules.facts.MathCalls;
import dev.numguard.rules.facts.MethodFacts;
import dev.numguard.rules.facts.Nodes;
import dev.numguard.rules.facts.Reduction;
import dev.numguard.rules.fixes.ArrayMaxShift;
import dev.numguard.rules.fixes.ConstantShiftFix;
import dev.numguard.rules.fixes.ExponentiatedAfterLoop;
import dev.numguard.rules.fixes.HelperLogSumExp;
import dev.numguard.rules.fixes.HelperSumInLogSpace;
import dev.numguard.rules.fixes.LogSpaceCombination;
import dev.numguard.rules.fixes.LogSumExpFixes;
import dev.numguard.rules.fixes.RunningMaxStart;
import dev.numguard.rules.fixes.SoftmaxFixes;
import dev.numguard.rules.fixes.SubtractedLogNormaliser;
import dev.numguard.rules.fixes.SumRatioInLogSpace;
import dev.numguard.rules.idioms.exp.ArraySoftmax;
import dev.numguard.rules.idioms.exp.ExpSum;
import dev.numguard.rules.idioms.exp.ExpSumSources;
import dev.numguard.rules.idioms.exp.ExpSums;
import dev.numguard.rules.idioms.exp.ExpTerm;
import dev.numguard.rules.idioms.exp.ExponentiatedLogSumExp;
import dev.numguard.rules.idioms.exp.Exponents;
import dev.numguard.rules.idioms.exp.ExponentialCalls;
import dev.numguard.rules.idioms.exp.FilledExponentials;
import dev.numguard.rules.idioms.exp.FilledFieldSoftmax;
import dev.numguard.rules.idioms.exp.NormalisingHelper;
import dev.numguard.rules.idioms.exp.ShiftVerdict;
import dev.numguard.rules.idioms.exp.SoftmaxExpectation;
import dev.numguard.rules.idioms.exp.SplitSoftmax;
import dev.numguard.rules.idioms.exp.SumRatios;
import dev.numguard.rules.idioms.exp.TwoClassRatio;
import dev.numguard.rules.idioms.exp.ZeroStartedMax;
import dev.numguard.rules.messages.Thresholds;
import dev.numguard.rules.model.AssignOp;
import dev.numguard.rules.model.BinaryOp;
import dev.numguard.rules.model.Expr;
import dev.numguard.rules.model.NumericType;
import dev.numguard.rules.model.Stmt;
import java.util.List;
import java.util.Optional;

/** exp(xᵢ) / Σ exp(xⱼ) without subtracting the maximum first. */
@RuleInfo(
        summary = "Softmax without a max shift overflows to NaN for logits above 709.78",
        severity = Severity.ERROR,
        whatItDoes = """
                Flags a softmax exp(xᵢ) / Σⱼ exp(xⱼ) with no shift by the maximum: in loops (stored, recomputed \
                or in-place exponentials, in local or field arrays, 2-D rows, sums of inner loops), in streams, \
                with temperatures, split across two helpers, with the sum from a method of another class \
                (`Vec.sum(Vec.exp(x))`), normalised by the reciprocal (`p[i] *= 1 / sum`, also `1 / (1 + sum)`), \
                on ND4J/DJL arrays (`e.div(e.sum())`), for two classes (`exp(a) / (exp(a) + exp(b))`, \
                `exp(a) / (1 + exp(a))`), as a ratio of two sums `A / (A + B)`, as the softmax-weighted mean `Σ v·exp(x) / Σ exp(x)` (an expected value \
                under the softmax, the numerator weighting the very exponentials the sum adds), with per-point sums kept in array \
                elements (`s[i] += exp(..)`, then `exp(..) / s[i]`), with a log-sum-exp normaliser exponentiated \
                back (`exp(x) / exp(lse)`), and as exponentials and their sum handed to a method of this, a base \
                or another class that divides one by the other (`toProbabilities(e, total)`). Exponentials may come \
                from methods of the tree that return `exp(a)`, `c·exp(a)` or `exp(a) / c` (a density two helper \
                calls away, `gaussian(x, mu, s) * w`), called through an interface or an overridable method when \
                every implementation in the tree returns one (`pi * component.density(x)` over the sum of the same: \
                a weighted softmax, the weights matching), and from arrays a higher-order helper exponentiates \
                (`sum(map(x, Math::exp))`). A constant "max", the \
                minimum or the first value is not a shift (fixed by shifting once more by the maximum), nor is a running maximum \
                that starts at 0 (fixed by starting it at -Infinity); exponents that cannot overflow or were shifted in place in their array are not flagged.""",
        whyIsThisBad = """
                exp overflows to Infinity for arguments above 709.78 in double (88.72 in float, 11.09 in \
                fp16); the ratio is then Infinity/Infinity = NaN. When every logit is below about -745 (-103 \
                in float) every exp underflows to 0 and the ratio is 0/0 = NaN. Softmax is unchanged by \
                subtracting any constant from all logits, and subtracting the maximum keeps every exponent \
                at or below 0, so the largest term is exactly 1.""",
        example = """
                double[] softmax(double[] x) {
                    double sum = 0;
                    double[] p = new double[x.length];
                    for (int i = 0; i < x.length; i++) {
                        p[i] = Math.exp(x[i]);
                        sum += p[i];
                    }
                    for (int i = 0; i < x.length; i++) {
                        p[i] /= sum;
                    }
                    return p;
                }""",
        useInstead = """
                double[] softmax(double[] x) {
                    return StableMath.softmax(x);
                }
                // or shift in place: m = max(x) once, then exp(x[i] - m) in the numerator and the sum""",
        fixSafety = """
                Needs review. Both rewrites change more than one expression: `StableMath.softmax(x)` \
                replaces the whole method body (comments and any other statement in it go), and the in-place \
                max shift inserts a loop that reads the inputs once more before the exponentials. Where no \
                such loop can recompute the exponents (they call methods, or read an array the loop fills), \
                a local or stream sum is kept in log space instead (`logS = StableMath.logAddExp(logS, a)`, \
                or `StableMath.logSumExp(x)`) and `exp(b) / s` becomes `exp(b - logS)`. A two-class ratio \
                becomes `StableMath.sigmoid(a)` or `StableMath.sigmoid(a - b)`: safe when written inline with \
                exponents that call only math functions, review when it deletes the local that held the \
                exponential. A running maximum that starts at 0 (in this method or a helper of the same file) \
                starts at -Infinity instead: review, since a maximum used elsewhere too changes for \
                all-negative inputs. An array softmax `x.exp().div(x.exp().sum(..))` shifts every `x.exp()` of \
                the numerator and the sum to `x.sub(x.max()).exp()`: review, one constant shift for the whole \
                array keeps every ratio but reads the array once more. A log-sum-exp exponentiated back, \
                `exp(b) / exp(lse)` or `exp(b) / z` with `z = exp(lse)`, becomes `exp(b - lse)`: safe written \
                inline, review when it deletes `z`, and offered only where `lse` still holds the value `z` was \
                computed from (it calls only math functions and its locals are written only before `z`). A sum \
                `s = sumExp(x, n)` from a static or private helper whose whole body is Σ exp over a parameter array \
                (to its length or a bound parameter) becomes `logS = StableMath.logSumExp(x, 0, n)` (review; \
                the helper goes when nothing else in the file names it; a negative bound, an empty sum in the \
                helper, throws in logSumExp). So does a sum composed of static or private one-array helpers, \
                `Vec.sum(Vec.exp(x))` or `Vec.sumExp(x)` (their summaries: Σ of the array, exp of each element), \
                held in a local or written in the ratio: `exp(b) / Vec.sum(Vec.exp(x))` becomes \
                `exp(b - StableMath.logSumExp(x))` (review). A static or private helper of the same file whose whole body \
                sums exp over any container (`t = 0; for (..) t += exp(v.get(i)); return t;`) gets a max-shifted twin \
                `logSumExp(v)` beside it, and `exp(b) / sumExp(v)` becomes `exp(b - logSumExp(v))` (review: a method is \
                added; a private helper nothing else calls becomes the twin). A softmax shifted by a constant, the first \
                or the smallest input is shifted once more by the maximum of its exponents, `exp(x - c - max)`, also in \
                place (`x[i] = exp(x[i] - c)`) and against an implicit class (`1 / (1 + sum)`: the maximum starts at 0 \
                and the 1 becomes `exp(-max)`) (review). A ratio of two local sums `A / (A + B)` keeps both in log space \
                and becomes `StableMath.sigmoid(logA - logB)`; `A / B` becomes `exp(logA - logB)`, `log(A)` reads `logA` \
                (review). A reduced softmax whose reference class is the constant 1 (`c ? 1 : exp(z)`, the implicit \
                logit 0) takes the maximum over `c ? 0 : z` and writes the 1 as `exp(-max)` (review). A weighted softmax \
                `w·exp(a) / Σ w·exp(a)` and a softmax-weighted mean `Σ v·exp(x) / Σ exp(x)` are shifted in place by \
                the maximum exponent, offered only where the sum and an array holding the exponentials are read nowhere \
                but in the ratio (review). Exponentials whose exponents need their loop's body (`e[i] = exp(logPrior + \
                logProduct)` after an inner loop), summed `tot += e[i]` and handed to a normalising helper: the array \
                keeps the exponents, and right after the loop one loop takes their maximum and another exponentiates \
                in place shifted by it and sums; a read of the total elsewhere becomes `tot * exp(max)`, the unshifted \
                total to rounding (review). Results differ from the original only by rounding where it was finite.""",
        knownLimits = """
                A sum computed elsewhere is followed through method summaries (a method returning Σ exp, or \
                `sum(exp(x))` composed) and a normalising helper is found through the call's declared owner (this \
                class, a base class, another class), never by guessing an override. A call that returns an \
                exponential counts only when every implementation of it in the analysed sources does \
                (class-hierarchy analysis; a type declared outside them, or implemented by a lambda, stays silent), \
                and such findings carry no fix, the exponent being in the called method. Exponentials stored in a \
                container element by element and read back (`m.set(r, c, exp(..))` … `m.get(r, c) / s`) are \
                followed when the container's class is in the analysed sources (its accessors store into and \
                read one array element, every accessor of that array indexing it alike) or its accessors are in \
                the function table (`element-get`/`element-set`); an overflow patch after the fact \
                (`if (isInfinite(e)) e = MAX_VALUE`) is no shift. Exponentials summed or scaled by a whole-container \
                method (`m.sum()`, `m.times(1 / s)`), in arrays or fields that another method fills (but an array \
                passed to a method that writes exponentials into it, and two field arrays that the methods of the \
                tree fill only with exponentials and with their sums: these are reported without a fix), base-2 \
                softmaxes (`pow(2, s) / Σ pow(2, s)`) and a library that \
                normalises weights itself (a sampler given the exponentials) stay silent, and so does a kernel \
                window normalised to sum 1 whose exponents read only a loop counter and scalars \
                (`exp(-i * i / (2 * s * s))`: no data reaches them). Split helpers, sums from other methods (but the Σ exp helpers above), unshifted reciprocal forms, \
                ratios of two sums other than two local accumulators, and array softmaxes other than `x.exp()` on a \
                variable (`Transforms.exp(x)`) are reported without a fix.""")
public final class NaiveSoftmax implements Rule {
    private static final String HAND_FIX = "compute m = the maximum of the exponents once, use exp(x - m) in both the "
            + "numerator and the sum, or call StableMath.softmax(x).";
    static List<Finding> findingsIn(ClassFacts clazz) {      // the naive softmaxes of a class, for NaiveCrossEntropy
        return new NaiveSoftmax().check(clazz);
    }
    /** {@code p[i] /= sum}; {@code p[i] *= inv} with {@code inv = 1 / sum}. */
    @Override
    public Optional<Finding> matchAssign(Stmt.Assign a, MethodFacts facts) {
        return a.op() == AssignOp.DIVIDE ? normalisation(facts, a.target(), a.value(), a.span(), true)
                : a.op() != AssignOp.MULTIPLY ? Optional.empty() : SumRatios.reciprocalDenominator(a.value(), facts)
                        .flatMap(sum -> normalisation(facts, a.target(), sum, a.span(), false));
    }

    /** {@code e / sum}, {@code e * (1 / sum)}, {@code exp(a) / (exp(a) + exp(b))}, {@code exp(a) / (1 + exp(a))}, {@code A / (A + B)}. */
    @Override
    public Optional<Finding> matchBinary(Expr.Binary b, MethodFacts facts) {
        if (b.op() == BinaryOp.MULTIPLY) {
            return SumRatios.reciprocalDenominator(b.right(), facts).flatMap(sum -> normalisation(facts, b.left(), sum, b.span(), false));
        }
        String overflow = b.op() == BinaryOp.DIVIDE ? Thresholds.expOverflowSentence(MathCalls.floatingType(b)) : "";
        return b.op() != BinaryOp.DIVIDE ? Optional.empty() : normalisation(facts, b.left(), b.right(), b.span(), true)
                .or(() -> TwoClassRatio.of(b, facts).flatMap(pair -> finding(facts, b.span()).message("two-class softmax "
                        + "exp(a) / (" + (pair.other() == null ? "1" : "exp(b)") + " + exp(a)) without a shift: " + overflow
                        + ", and the ratio is then NaN (Infinity/Infinity) although its value is 1.").handFix("write it as "
                        + SoftmaxFixes.twoClassStableForm(pair, facts.context()) + ", which never overflows.")
                        .fix(SoftmaxFixes.twoClassSigmoid(pair, b, facts).orElse(null)).asMatch()))
                .or(() -> SumRatios.unshiftedSums(b, facts).flatMap(sums -> finding(facts, b.span()).message("ratio of two "
                        + "sums of exponentials A / (A + B) without a max shift: " + overflow + ", and the ratio is then NaN; "
                        + "exponents all below -745 make it 0/0.").handFix(HAND_FIX)
                        .fix(SumRatioInLogSpace.of(b, sums, facts).orElse(null)).asMatch()))
                .or(() -> exponentiatedNormaliser(b, facts, overflow))
                .or(() -> expectation(b, facts, overflow))
                .or(() -> FilledFieldSoftmax.of(b, facts).flatMap(exp -> finding(facts, b.span()).message("softmax read out of "
                        + "fields that other methods fill with unshifted exponentials (" + exp.name() + "(..) there): "
                        + overflow + ", and the ratio is then NaN (Infinity/Infinity).").handFix(HAND_FIX).asMatch()));
    }

    /** {@code Σ v·exp(x) / Σ exp(x)}: the mean of v under an unshifted softmax. */
    private Optional<Finding> expectation(Expr.Binary b, MethodFacts facts, String overflow) {
        Optional<SoftmaxExpectation.Weighted> mean = SoftmaxExpectation.weighted(b.left(), b.right(), facts);
        if (mean.isEmpty()) {
            return Optional.empty();
        }
        ExpSum s = mean.get().sum();
        ShiftVerdict shift = ShiftVerdict.of(s, facts.context().facts(s.method()), List.of(), facts);
        if (shift == ShiftVerdict.SAFE) {
            return Optional.empty();
        }
        // both sums over the same exponentials: one shift by their maximum cancels in the ratio
        List<SourceSpan> uses = new java.util.ArrayList<>(List.of(b.span()));
        facts.reductionAt(Nodes.stripCasts(b.left())).map(Reduction::loop).ifPresent(loop -> uses.add(loop.span()));
        Optional<Fix> fix = shift != ShiftVerdict.UNSHIFTED ? Optional.empty() : SoftmaxFixes.shiftInPlaceWhereOnlyRatioReads(
                facts.context(), facts, mean.get().numeratorTerm(), s, MathCalls.floatingType(b), uses);
        return finding(facts, b.span()).message("softmax-weighted mean Σ v·exp(x) / Σ exp(x) without a max "
                + "shift: " + overflow + ", and the mean is then NaN (Infinity/Infinity); exponents all below -745 "
                + "make it 0/0.").handFix(HAND_FIX).fix(fix.orElse(null)).asMatch();
    }

    /** {@code exp(x) / exp(lse)}: the log-sum-exp normaliser exponentiated back, with an unshifted numerator. */
    private Optional<Finding> exponentiatedNormaliser(Expr.Binary b, MethodFacts facts, String overflow) {
        Optional<Expr> exponent = MathCalls.expArgument(Nodes.stripCasts(facts.resolve(b.left())));
        if (exponent.isEmpty() || Exponents.shiftOf(exponent.get(), facts).isPresent()
                || Exponents.isBounded(exponent.get(), facts) || ExponentiatedLogSumExp.of(b.right(), facts).isEmpty()) {
            return Optional.empty();
        }
        return finding(facts, b.span()).message("softmax exp(x) / exp(lse) with the log-sum-exp normaliser exponentiated "
                + "back: " + overflow + ", and the ratio is then NaN (Infinity/Infinity); log-likelihoods all below -745 "
                + "make it 0/0.").handFix("subtract in the exponent instead: exp(x - lse), which is at most 1.")
                .fix(SubtractedLogNormaliser.of(b, facts).orElse(null)).asMatch();
    }

    /** {@code normalise(exponentials(x))}, the two halves of a softmax in two helpers; {@code e.div(e.sum())} on arrays. */
    @Override
    public Optional<Finding> matchCall(Expr.Call call, MethodFacts facts) {
        String overflow = Thresholds.expOverflowSentence(NumericType.DOUBLE) + ", and the ratio is then NaN (Infinity/Infinity).";
        Optional<Expr.Call> expCall = SplitSoftmax.exponentialsNormalisedBy(call, facts);
        return expCall.isPresent() ? finding(facts, call.span()).message("softmax split across " + expCall.get().name()
                + "(..) and " + call.name() + "(..) without a max shift: " + overflow).handFix("subtract the maximum of the "
                + "inputs inside " + expCall.get().name() + "(..) (softmax does not change), or call StableMath.softmax(x).")
                .asMatch() : arraySoftmax(call, facts, overflow).or(() -> normalisedByHelper(call, facts));
    }

    private Optional<Finding> arraySoftmax(Expr.Call call, MethodFacts facts, String overflow) {
        List<Expr.Call> exps = ArraySoftmax.unshiftedExps(call, facts);
        return exps.isEmpty() ? Optional.empty() : finding(facts, call.span())
                .message("array softmax e.div(e.sum()) without a max shift: " + overflow).handFix("subtract the maximum "
                        + "before " + exps.get(0).name() + "() (x.sub(x.max(..))), or use the library's softmax.")
                .fix(ArrayMaxShift.of(exps, facts.context()).orElse(null)).asMatch();
    }

    /** {@code toProbabilities(e, total)}: exponentials and their sum handed to a method that divides one by the other. */
    private Optional<Finding> normalisedByHelper(Expr.Call call, MethodFacts facts) {
        Optional<NormalisingHelper.Use> use = NormalisingHelper.at(call, facts);
        if (use.isEmpty()) {
            return Optional.empty();
        }
        ExpSum sum = use.get().sum();
        ShiftVerdict shift = ShiftVerdict.of(sum, facts.context().facts(sum.method()), use.get().exponents(), facts);
        if (shift == ShiftVerdict.SAFE) {
            return Optional.empty();
        }
        // at the exponential, the operation that overflows, when this method computes it
        Expr exp = sum.terms().get(0).site();
        SourceSpan span = facts.method().span().contains(exp.span()) ? exp.span() : call.span();
        return finding(facts, span).message(shift.message("softmax normalised by " + use.get().helper().name()
                + "(..)", Thresholds.expOverflowSentence(NumericType.DOUBLE) + ", and the ratio is then NaN "
                + "(Infinity/Infinity); inputs all below -745 make it 0/0 = NaN.", "every exponential underflows: the "
                + "ratio is 0/0 = NaN.")).handFix(HAND_FIX).fix(shift != ShiftVerdict.UNSHIFTED ? null
                : ExponentiatedAfterLoop.of(sum, List.of(call.span()), facts).orElse(null)).asMatch();
    }

    /** A kernel normalised to sum 1: every exponent a function of a loop counter and scalars ({@code exp(-i * i / s2)}). */
    private static boolean isWindow(ExpSum sum, MethodFacts sumFacts, List<Expr> numerator, MethodFacts facts) {
        return !numerator.isEmpty() && numerator.stream().allMatch(x -> Exponents.isCounterWindow(x, facts))
                && sum.terms().stream().allMatch(t -> t.argument() != null && Exponents.isCounterWindow(t.argument(), sumFacts));
    }

    /**
     * True when the numerator is weighted as every term of the sum is ({@code w·exp(a) / Σ w·exp(b)},
     * a prior times a density over the sum of the same), or nothing is weighted: a weighted softmax.
     */
    private static boolean sameWeights(ExpSum sum, ExpTerm numerator) {
        return numerator.weight() == null ? !sum.weighted() : sum.terms().stream()
                .allMatch(t -> t.weight() != null && Nodes.sameShape(t.weight(), numerator.weight()));
    }

    /** The normalisation {@code numerator / denominator} at {@code site}; {@code fixable} false: no rewrite applies. */
    private Optional<Finding> normalisation(MethodFacts facts, Expr numerator, Expr denominator, SourceSpan site, boolean fixable) {
        ClassFacts context = facts.context();
        Optional<ExpSum> direct = ExpSums.of(denominator, facts);
        Optional<ExpSum> found = direct.or(() -> ExpSumSources.of(denominator, facts));
        Optional<ExpTerm> inMethod = ExpSums.expTerm(numerator, facts);
        Optional<ExpTerm> top = inMethod.or(() -> ExpSumSources.fieldElementExp(numerator, facts))
                .or(() -> ExponentialCalls.term(numerator, facts)).or(() -> FilledExponentials.term(numerator, facts));
        if (found.isEmpty() || top.isEmpty() || !sameWeights(found.get(), top.get())) {
            return Optional.empty();
        }
        ExpSum sum = found.get();
        MethodFacts sumFacts = context.facts(sum.method());
        // an exponential computed by a called method has its exponent there: unshifted, and no rewrite here
        List<Expr> numeratorExponent = top.get().argument() == null ? List.of() : List.of(top.get().argument());
        ShiftVerdict shift = ShiftVerdict.of(sum, sumFacts, numeratorExponent, facts);
        if (shift == ShiftVerdict.SAFE || isWindow(sum, sumFacts, numeratorExponent, facts)) {
            return Optional.empty();
        }
        NumericType type = MathCalls.floatingType(top.get().argument() == null ? top.get().site() : top.get().argument());
        // at the exponential when this method computes it, else at the normalisation
        SourceSpan span = top.get().argument() != null && facts.method().span().contains(top.get().site().span())
                ? top.get().site().span() : site;
        boolean rewritable = fixable && direct.isPresent() && inMethod.isPresent() && top.get().weight() == null;
        // exp(b) / s with s a local sum (also one kept across an outer loop) becomes exp(b - logS)
        boolean inLogSpace = fixable && inMethod.isPresent() && top.get().weight() == null && shift == ShiftVerdict.UNSHIFTED && Nodes.stripCasts(numerator) instanceof Expr.Call
                && Nodes.stripCasts(denominator) instanceof Expr.VarRead;
        // a ratio only read by a logarithm: the log of the ratio in log space (the cross-entropy's own fix)
        Fix fix = (fixable && shift == ShiftVerdict.UNSHIFTED && inMethod.isPresent() && top.get().weight() == null
                ? LogSpaceCombination.ofLoggedRatio(numerator, denominator, facts) : Optional.<Fix>empty())
                .or(() -> shift != ShiftVerdict.UNSHIFTED || !rewritable ? Optional.<Fix>empty()
                : SoftmaxFixes.wholeMethod(context, facts, top.get(), sum, sumFacts, type)
                        .or(() -> SoftmaxFixes.shiftInPlace(context, facts, top.get(), sum, type)))
                // a weighted softmax w·exp(a) / Σ w·exp(b), the weights alike: exp(-max) cancels as well
                .or(() -> shift == ShiftVerdict.UNSHIFTED && fixable && direct.isPresent() && inMethod.isPresent()
                        && top.get().weight() != null ? SoftmaxFixes.shiftInPlaceWhereOnlyRatioReads(context, facts, top.get(),
                        sum, type, List.of(site)) : Optional.empty())
                .or(() -> inLogSpace ? LogSumExpFixes.accumulateInLogSpace(context, facts, sum, denominator)
                        .or(() -> LogSumExpFixes.streamInLogSpace(context, facts, sum, denominator)) : Optional.empty())
                .or(() -> shift == ShiftVerdict.UNSHIFTED && fixable && inMethod.isPresent()
                        && Nodes.stripCasts(numerator) instanceof Expr.Call ? HelperSumInLogSpace.of(denominator, facts) : Optional.empty())
                .or(() -> fixable && inMethod.isPresent() && top.get().weight() == null
                        && Nodes.stripCasts(numerator) instanceof Expr.Call ? HelperLogSumExp.of(denominator, facts) : Optional.empty())
                .or(() -> (shift == ShiftVerdict.CONSTANT || shift == ShiftVerdict.MISPLACED) && direct.isPresent()
                        && inMethod.isPresent() && top.get().weight() == null
                        ? ConstantShiftFix.of(facts, top.get(), sum, denominator, MathCalls.floatingType(denominator)) : Optional.empty())
                .or(() -> shift == ShiftVerdict.ZERO_STARTED ? RunningMaxStart.atNegativeInfinity(
                        ZeroStartedMax.starts(sum, sumFacts, List.of(top.get().argument()), facts), context) : Optional.empty())
                .orElse(null);
        NumericType summedIn = MathCalls.floatingType(denominator) == NumericType.FLOAT ? NumericType.FLOAT : NumericType.DOUBLE;
        return finding(facts, span).message(shift.message("softmax", Thresholds.expOverflowSentence(summedIn) + ", and the "
                + "ratio is then NaN (Infinity/Infinity); inputs all below -745 (-103 in float) make it 0/0 = NaN.",
                "every exponential underflows: the ratio is 0/0 = NaN.")).fix(fix).handFix(HAND_FIX).asMatch();
    }
}
