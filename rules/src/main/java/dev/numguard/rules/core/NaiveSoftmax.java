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
import dev.numguard.rules.idioms.exp.ExpSum;
import dev.numguard.rules.idioms.exp.ExpSums;
import dev.numguard.rules.idioms.exp.ExpTerm;
import dev.numguard.rules.idioms.exp.Exponents;
import dev.numguard.rules.idioms.exp.SplitSoftmax;
import dev.numguard.rules.idioms.exp.TwoClassRatio;
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

    static List<Finding> findingsIn(ClassFacts clazz) {      // the naive softmaxes of a class, for NaiveCrossEntropy
        return new NaiveSoftmax().check(clazz);
    }

    /** {@code p[i] /= sum}. */
    @Override
    public Optional<Finding> matchAssign(Stmt.Assign a, MethodFacts facts) {
        return a.op() == AssignOp.DIVIDE ? normalisation(facts, a.target(), a.value(), a.span()) : Optional.empty();
    }

    /** {@code e / sum}; a two-class softmax {@code exp(a) / (exp(a) + exp(b))} or {@code exp(a) / (1 + exp(a))}. */
    @Override
    public Optional<Finding> matchBinary(Expr.Binary b, MethodFacts facts) {
        return b.op() != BinaryOp.DIVIDE ? Optional.empty() : normalisation(facts, b.left(), b.right(), b.span())
                .or(() -> TwoClassRatio.of(b, facts).flatMap(pair -> finding(facts, b.span())
                        .message("two-class softmax exp(a) / (" + (pair.other() == null ? "1" : "exp(b)") + " + exp(a)) "
                                + "without a shift: " + Thresholds.expOverflowSentence(MathCalls.floatingType(b))
                                + ", and the ratio is then NaN (Infinity/Infinity) although its value is 1.")
                        .handFix("write it as " + SoftmaxFixes.twoClassStableForm(pair, facts.context())
                                + ", which never overflows.").asMatch()));
    }

    /** {@code normalise(exponentials(x))}, the two halves of a softmax in two helpers: no fix. */
    @Override
    public Optional<Finding> matchCall(Expr.Call normaliseCall, MethodFacts facts) {
        Optional<Expr.Call> expCall = SplitSoftmax.exponentialsNormalisedBy(normaliseCall, facts);
        if (expCall.isEmpty()) {
            return Optional.empty();
        }
        String message = "softmax split across " + expCall.get().name() + "(..) and " + normaliseCall.name()
                + "(..) without a max shift: " + Thresholds.expOverflowSentence(NumericType.DOUBLE)
                + ", and the ratio is then NaN (Infinity/Infinity).";
        return finding(facts, normaliseCall.span()).message(message).handFix("subtract the maximum of the inputs "
                + "inside " + expCall.get().name() + "(..) (softmax does not change), or call StableMath.softmax(x).")
                .asMatch();
    }

    /** The normalisation {@code numerator / denominator} at {@code site}. */
    private Optional<Finding> normalisation(MethodFacts facts, Expr numerator, Expr denominator, SourceSpan site) {
        ClassFacts context = facts.context();
        Optional<ExpSum> found = ExpSums.of(denominator, facts);
        Optional<ExpTerm> top = ExpSums.expTerm(numerator, facts);
        if (found.isEmpty() || found.get().weighted() || top.isEmpty() || top.get().weight() != null) {
            return Optional.empty();
        }
        ExpSum sum = found.get();
        MethodFacts sumFacts = context.facts(sum.method());
        List<Expr> numeratorExponent = List.of(top.get().argument());
        Exponents.Shift shift = Exponents.shiftState(sum, sumFacts, numeratorExponent, facts);
        if (shift == Exponents.Shift.REAL || Exponents.allBounded(sum, sumFacts, numeratorExponent, facts)) {
            return Optional.empty();
        }
        NumericType type = MathCalls.floatingType(top.get().argument());
        SourceSpan span = facts.method().span().contains(top.get().site().span()) ? top.get().site().span() : site;
        Fix fix = shift == Exponents.Shift.CONSTANT || shift == Exponents.Shift.MISPLACED ? null
                : SoftmaxFixes.wholeMethod(context, facts, top.get(), sum, sumFacts, type)
                        .or(() -> SoftmaxFixes.shiftInPlace(context, facts, top.get(), sum, type)).orElse(null);
        String message = (shift == Exponents.Shift.CONSTANT
                ? "softmax shifted by a constant, not by the maximum of its inputs: "
                : shift == Exponents.Shift.MISPLACED ? "softmax shifted by the first or smallest input, not by the maximum: "
                : "softmax without a max shift: ")
                + Thresholds.expOverflowSentence(MathCalls.floatingType(denominator) == NumericType.FLOAT
                        ? NumericType.FLOAT : NumericType.DOUBLE) + ", and the ratio is then NaN (Infinity/Infinity); "
                + "inputs all below -745 (-103 in float) make it 0/0 = NaN.";
        return finding(facts, span).message(message).fix(fix)
                .handFix("compute m = the maximum of the exponents once, use exp(x - m) in both the "
                        + "numerator and the sum, or call StableMath.softmax(x).").asMatch();
    }
}
