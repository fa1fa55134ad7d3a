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
import dev.numguard.rules.fixes.SoftmaxFixes;
import dev.numguard.rules.idioms.exp.ArraySoftmax;
import dev.numguard.rules.idioms.exp.ExpSum;
import dev.numguard.rules.idioms.exp.ExpSumSources;
import dev.numguard.rules.idioms.exp.ExpSums;
import dev.numguard.rules.idioms.exp.ExpTerm;
import dev.numguard.rules.idioms.exp.Exponents;
import dev.numguard.rules.idioms.exp.InPlaceShift;
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
                Flags a softmax exp(xᵢ) / Σⱼ exp(xⱼ) with no shift by the maximum: in loops (stored, \
                recomputed or in-place exponentials, enhanced for over arrays, lists and map values, 2-D \
                rows), in streams (`Arrays.stream(x).map(Math::exp).sum()`), with temperatures, split across \
                two helpers of a class, and written out for two classes (`exp(a) / (exp(a) + exp(b))`, \
                `exp(a) / (1 + exp(a))`). A constant "max", the minimum or the first value is not a shift \
                (reported without a fix); exponents that cannot overflow (a logistic output, a tanh, inputs \
                divided by their max-abs, `-(d - dMin)`, a clamp) are not flagged.""",
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

                // or, where the intermediates are used elsewhere, shift in place:
                double max = Double.NEGATIVE_INFINITY;
                for (int i = 0; i < x.length; i++) {
                    max = Math.max(max, x[i]);
                }
                ... Math.exp(x[i] - max) ...""",
        fixSafety = """
                Needs review. Both rewrites change more than one expression: `StableMath.softmax(x)` \
                replaces the whole method body (comments and any other statement in it go), and the in-place \
                max shift inserts a loop that reads the inputs once more before the exponentials. Results \
                differ from the original only by rounding where it was finite.""",
        knownLimits = """
                The softmax must be visible in one class: a sum of exponentials computed in another class, \
                passed in from a caller or kept across calls in a field of another object is not followed. \
                Split helpers are reported without a fix.""")
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

    /**
     * {@code e / sum}, {@code e * (1 / sum)}; a two-class softmax {@code exp(a) / (exp(a) + exp(b))} or
     * {@code exp(a) / (1 + exp(a))}; a ratio of two sums of exponentials {@code A / (A + B)}.
     */
    @Override
    public Optional<Finding> matchBinary(Expr.Binary b, MethodFacts facts) {
        if (b.op() == BinaryOp.MULTIPLY) {
            return SumRatios.reciprocalDenominator(b.right(), facts)
                    .flatMap(sum -> normalisation(facts, b.left(), sum, b.span(), false));
        }
        return b.op() != BinaryOp.DIVIDE ? Optional.empty() : normalisation(facts, b.left(), b.right(), b.span(), true)
                .or(() -> TwoClassRatio.of(b, facts).flatMap(pair -> finding(facts, b.span())
                        .message("two-class softmax exp(a) / (" + (pair.other() == null ? "1" : "exp(b)") + " + exp(a)) "
                                + "without a shift: " + Thresholds.expOverflowSentence(MathCalls.floatingType(b))
                                + ", and the ratio is then NaN (Infinity/Infinity) although its value is 1.")
                        .handFix("write it as " + SoftmaxFixes.twoClassStableForm(pair, facts.context())
                                + ", which never overflows.").asMatch()))
                .or(() -> SumRatios.ofSums(b, facts).filter(sums -> sums.stream().noneMatch(s -> isSafe(s, List.of(), facts)))
                        .flatMap(sums -> finding(facts, b.span()).message("ratio of two sums of exponentials A / (A + B) "
                                + "without a max shift: " + Thresholds.expOverflowSentence(MathCalls.floatingType(b))
                                + ", and the ratio is then NaN; exponents all below -745 make it 0/0.")
                                .handFix(HAND_FIX + " Subtract one maximum over both sums' exponents.").asMatch()));
    }

    /** {@code normalise(exponentials(x))}, the two halves of a softmax in two helpers; {@code e.div(e.sum())} on arrays. */
    @Override
    public Optional<Finding> matchCall(Expr.Call call, MethodFacts facts) {
        Optional<Expr.Call> expCall = SplitSoftmax.exponentialsNormalisedBy(call, facts);
        if (expCall.isPresent()) {
            return finding(facts, call.span()).message("softmax split across " + expCall.get().name() + "(..) and "
                    + call.name() + "(..) without a max shift: " + Thresholds.expOverflowSentence(NumericType.DOUBLE)
                    + ", and the ratio is then NaN (Infinity/Infinity).").handFix("subtract the maximum of the inputs "
                    + "inside " + expCall.get().name() + "(..) (softmax does not change), or call StableMath.softmax(x).")
                    .asMatch();
        }
        return ArraySoftmax.unshiftedExp(call, facts).flatMap(exp -> finding(facts, call.span())
                .message("array softmax e.div(e.sum()) without a max shift: " + Thresholds.expOverflowSentence(NumericType.DOUBLE)
                        + ", and the ratio is then NaN (Infinity/Infinity).")
                .handFix("subtract the maximum before " + exp.name() + "() (x.sub(x.max(..))), or use the library's softmax.")
                .asMatch());
    }

    /** The normalisation {@code numerator / denominator} at {@code site}; {@code fixable} false: no rewrite applies. */
    private Optional<Finding> normalisation(MethodFacts facts, Expr numerator, Expr denominator, SourceSpan site,
                                            boolean fixable) {
        ClassFacts context = facts.context();
        Optional<ExpSum> direct = ExpSums.of(denominator, facts);
        Optional<ExpSum> found = direct.or(() -> ExpSumSources.of(denominator, facts));
        Optional<ExpTerm> inMethod = ExpSums.expTerm(numerator, facts);
        Optional<ExpTerm> top = inMethod.or(() -> ExpSumSources.fieldElementExp(numerator, facts));
        if (found.isEmpty() || found.get().weighted() || top.isEmpty() || top.get().weight() != null) {
            return Optional.empty();
        }
        ExpSum sum = found.get();
        MethodFacts sumFacts = context.facts(sum.method());
        List<Expr> numeratorExponent = List.of(top.get().argument());
        Exponents.Shift shift = Exponents.shiftState(sum, sumFacts, numeratorExponent, facts);
        boolean zeroStarted = shift == Exponents.Shift.REAL && ZeroStartedMax.anyShift(sum, sumFacts, numeratorExponent, facts);
        if (shift == Exponents.Shift.REAL && !zeroStarted || Exponents.allBounded(sum, sumFacts, numeratorExponent, facts)
                || InPlaceShift.allShifted(sum, sumFacts, numeratorExponent, facts)) {
            return Optional.empty();
        }
        NumericType type = MathCalls.floatingType(top.get().argument());
        SourceSpan span = facts.method().span().contains(top.get().site().span()) ? top.get().site().span() : site;
        Fix fix = shift != Exponents.Shift.NONE || !fixable || direct.isEmpty() || inMethod.isEmpty() ? null
                : SoftmaxFixes.wholeMethod(context, facts, top.get(), sum, sumFacts, type)
                        .or(() -> SoftmaxFixes.shiftInPlace(context, facts, top.get(), sum, type)).orElse(null);
        NumericType summedIn = MathCalls.floatingType(denominator) == NumericType.FLOAT ? NumericType.FLOAT : NumericType.DOUBLE;
        String message = zeroStarted ? "softmax shifted by a running maximum that starts at 0, so by max(0, max x): "
                + "when every input is below -745 (-103 in float) nothing is subtracted, every exponential underflows "
                + "and the ratio is 0/0 = NaN." : (shift == Exponents.Shift.CONSTANT
                ? "softmax shifted by a constant, not by the maximum of its inputs: "
                : shift == Exponents.Shift.MISPLACED ? "softmax shifted by the first or smallest input, not by the maximum: "
                : "softmax without a max shift: ") + Thresholds.expOverflowSentence(summedIn)
                + ", and the ratio is then NaN (Infinity/Infinity); inputs all below -745 (-103 in float) make it 0/0 = NaN.";
        return finding(facts, span).message(message).fix(fix).handFix(HAND_FIX).asMatch();
    }

    private static boolean isSafe(ExpSum sum, List<Expr> others, MethodFacts facts) {
        MethodFacts sumFacts = facts.context().facts(sum.method());
        return Exponents.shiftState(sum, sumFacts, others, facts) == Exponents.Shift.REAL
                || Exponents.allBounded(sum, sumFacts, others, facts) || InPlaceShift.allShifted(sum, sumFacts, others, facts);
    }
}
