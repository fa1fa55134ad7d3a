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
import dev.numguard.rules.fixes.MaxShift;
import dev.numguard.rules.fixes.WholeArrayIdiom;
import dev.numguard.rules.idioms.exp.ExpSum;
import dev.numguard.rules.idioms.exp.ExpSums;
import dev.numguard.rules.idioms.exp.ExpTerm;
import dev.numguard.rules.idioms.exp.Exponents;
import dev.numguard.rules.messages.Thresholds;
import dev.numguard.rules.model.AssignOp;
import dev.numguard.rules.model.BinaryOp;
import dev.numguard.rules.model.Expr;
import dev.numguard.rules.model.MethodModel;
import dev.numguard.rules.model.NumericType;
import dev.numguard.rules.model.Stmt;
import dev.numguard.rules.model.VarKind;
import java.util.List;
import java.util.Optional;

/** exp(xᵢ) / Σ exp(xⱼ) without subtracting the maximum first. */
@RuleInfo(
        summary = "Softmax without a max shift overflows to NaN for logits above 709.78",
        severity = Severity.ERROR,
        whatItDoes = """
                Flags a softmax computed as exp(xᵢ) / Σⱼ exp(xⱼ) with no shift by the maximum: in loops \
                (stored or recomputed exponentials, enhanced for over arrays, lists and map values, 2-D \
                rows, index offsets), in streams (`Arrays.stream(x).map(Math::exp).sum()`), with \
                temperatures (`exp(x[i] / t)`), and split across two helper methods of a class. A "max" that \
                is a constant is not a shift; exponents that cannot overflow (the exp of a logistic output, \
                a tanh, inputs divided by their max-abs) are not flagged.""",
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
    static final String STABLE_MATH = "dev.numguard.guards.StableMath";

    /** The naive softmaxes of one class, for rules that build on them. */
    static List<Finding> findingsIn(ClassFacts clazz) {
        return new NaiveSoftmax().check(clazz);
    }

    /** {@code p[i] /= sum}. */
    @Override
    public Optional<Finding> matchAssign(Stmt.Assign a, MethodFacts facts) {
        return a.op() == AssignOp.DIVIDE ? normalisation(facts, a.target(), a.value(), a.span()) : Optional.empty();
    }

    /** {@code e / sum}. */
    @Override
    public Optional<Finding> matchBinary(Expr.Binary b, MethodFacts facts) {
        return b.op() == BinaryOp.DIVIDE ? normalisation(facts, b.left(), b.right(), b.span()) : Optional.empty();
    }

    /** {@code normalise(exponentials(x))}. */
    @Override
    public Optional<Finding> matchCall(Expr.Call call, MethodFacts facts) {
        return matchSplitHelpers(facts.context(), facts, call);
    }

    /** The normalisation {@code numerator / denominator} at {@code site}. */
    private Optional<Finding> normalisation(MethodFacts facts, Expr numerator, Expr denominator, SourceSpan site) {
        ClassFacts context = facts.context();
        Optional<ExpSum> found = ExpSums.of(denominator, facts);
        if (found.isEmpty() || found.get().weighted()) {
            return Optional.empty();
        }
        ExpSum sum = found.get();
        Optional<ExpTerm> top = ExpSums.expTerm(numerator, facts);
        if (top.isEmpty() || top.get().weight() != null) {
            return Optional.empty();
        }
        MethodFacts sumFacts = context.facts(sum.method());
        List<Expr> numeratorExponent = List.of(top.get().argument());
        Exponents.Shift shift = Exponents.shiftState(sum, sumFacts, numeratorExponent, facts);
        if (shift == Exponents.Shift.REAL || Exponents.allBounded(sum, sumFacts, numeratorExponent, facts)) {
            return Optional.empty();
        }
        NumericType type = MathCalls.floatingType(top.get().argument());
        SourceSpan span = facts.method().span().contains(top.get().site().span()) ? top.get().site().span() : site;
        Fix fix = shift == Exponents.Shift.CONSTANT ? null
                : wholeMethod(context, facts, top.get(), sum, sumFacts, type)
                        .or(() -> shiftInPlace(context, facts, top.get(), sum, type)).orElse(null);
        String message = (shift == Exponents.Shift.CONSTANT
                ? "softmax shifted by a constant, not by the maximum of its inputs: "
                : "softmax without a max shift: ")
                + Thresholds.expOverflowSentence(MathCalls.floatingType(denominator) == NumericType.FLOAT
                        ? NumericType.FLOAT : NumericType.DOUBLE) + ", and the ratio is then NaN (Infinity/Infinity); "
                + "inputs all below -745 (-103 in float) make it 0/0 = NaN.";
        return finding(facts, span).message(message).fix(fix)
                .handFix("compute m = the maximum of the exponents once, use exp(x - m) in both the "
                        + "numerator and the sum, or call StableMath.softmax(x).").asMatch();
    }

    /**
     * {@code normalise(exponentials(x))}: one helper returns the array of exp(xᵢ), another divides
     * the elements of its array parameter by their sum. Reported at the call, with no fix: the
     * max has to be threaded through both helpers by hand.
     */
    private Optional<Finding> matchSplitHelpers(ClassFacts context, MethodFacts facts, Expr.Call normaliseCall) {
        Optional<MethodModel> normalise = context.helper(normaliseCall);
        if (normalise.isEmpty() || normaliseCall.args().size() != 1 || normalise.get() == facts.method()
                || !(Nodes.stripCasts(facts.resolve(normaliseCall.args().get(0))) instanceof Expr.Call expCall)) {
            return Optional.empty();
        }
        Optional<MethodModel> exponentials = context.helper(expCall);
        if (exponentials.isEmpty() || exponentials.get() == facts.method()
                || !returnsUnshiftedExponentials(context, exponentials.get())
                || !normalisesParameter(context, normalise.get())) {
            return Optional.empty();
        }
        String message = "softmax split across " + expCall.name() + "(..) and " + normaliseCall.name()
                + "(..) without a max shift: " + Thresholds.expOverflowSentence(NumericType.DOUBLE)
                + ", and the ratio is then NaN (Infinity/Infinity).";
        return finding(facts, normaliseCall.span()).message(message).handFix("subtract the maximum of the inputs "
                + "inside " + expCall.name() + "(..) (softmax does not change), or call StableMath.softmax(x).").asMatch();
    }

    /** The helper returns a local array whose elements are exp of something unshifted and unbounded. */
    private static boolean returnsUnshiftedExponentials(ClassFacts context, MethodModel helper) {
        MethodFacts facts = context.facts(helper);
        Optional<Expr> returned = ExpSums.singleReturnValue(helper);
        if (returned.isEmpty() || !(Nodes.stripCasts(returned.get()) instanceof Expr.VarRead array)) {
            return false;
        }
        List<dev.numguard.rules.facts.Definition> writes = facts.elementWrites(array.name());
        return writes.size() == 1 && MathCalls.expArgument(writes.get(0).value())
                .filter(a -> Exponents.shiftOf(a).isEmpty() && !Exponents.isBounded(a, facts)).isPresent();
    }

    /** The helper divides elements of its only (array) parameter by the sum of that parameter's elements. */
    private static boolean normalisesParameter(ClassFacts context, MethodModel helper) {
        if (helper.parameters().size() != 1 || !helper.parameters().get(0).type().isFloatingVector()) {
            return false;
        }
        String e = helper.parameters().get(0).name();
        MethodFacts facts = context.facts(helper);
        for (Expr x : Nodes.expressions(helper.body())) {
            if (x instanceof Expr.Binary b && b.op() == BinaryOp.DIVIDE && readsElementOf(b.left(), e)
                    && facts.reductionRead(b.right()).filter(r -> readsElementOf(r.term(), e)
                    || r.term() != null && isElementVariable(r.term(), e, facts)).isPresent()) {
                return true;
            }
        }
        return false;
    }

    private static boolean readsElementOf(Expr x, String array) {
        return x != null && Nodes.stripCasts(x) instanceof Expr.ArrayElement el
                && Nodes.stripCasts(el.array()) instanceof Expr.VarRead v && v.name().equals(array);
    }

    private static boolean isElementVariable(Expr x, String array, MethodFacts facts) {
        return Nodes.stripCasts(x) instanceof Expr.VarRead v && facts.loops().stream().anyMatch(l -> l.element() != null
                && l.element().name().equals(v.name()) && l.iterable() instanceof Expr.VarRead it && it.name().equals(array));
    }

    /** Whole method is the softmax of one array: {@code return StableMath.softmax(x);}. */
    private static Optional<Fix> wholeMethod(ClassFacts context, MethodFacts facts, ExpTerm numerator, ExpSum sum,
                                             MethodFacts sumFacts, NumericType type) {
        MethodModel method = facts.method();
        if (!method.returnType().isFloatingVector() || method.returnType().numeric() != type) {
            return Optional.empty();
        }
        Optional<String> x = WholeArrayIdiom.arrayOf(numerator.argument(), facts, null);
        if (x.isEmpty()) {
            return Optional.empty();
        }
        for (ExpTerm t : sum.terms()) {
            Optional<String> inSum = WholeArrayIdiom.arrayOf(t.argument(), sumFacts, sum.stream());
            if (sum.viaHelper() != null) {
                inSum = inSum.flatMap(name -> WholeArrayIdiom.toCaller(name, sum.method(), sum.viaHelper()));
            }
            if (!inSum.equals(x)) {
                return Optional.empty();
            }
        }
        if (!WholeArrayIdiom.bodyIsOnlyIdiom(facts, x.get())) {
            return Optional.empty();
        }
        Expr.VarRead array = arrayVariable(facts, x.get());
        if (array == null || !array.type().isFloatingVector() || array.type().numeric() != type) {
            return Optional.empty();
        }
        if (!returnsNormalised(facts)) {
            return Optional.empty();
        }
        return Optional.of(Fix.review("Use StableMath.softmax",
                List.of(WholeArrayIdiom.replaceBody(method, "return " + STABLE_MATH + ".softmax(" + x.get() + ");")),
                List.of(STABLE_MATH)));
    }

    /** The returned value is an array every element of which was divided by the sum. */
    private static boolean returnsNormalised(MethodFacts facts) {
        List<Stmt> top = facts.method().body().statements();
        Expr returned = Nodes.stripCasts(((Stmt.Return) top.get(top.size() - 1)).value());
        if (returned instanceof Expr.VarRead v && v.kind() == VarKind.LOCAL) {
            return facts.definitions(v.name()).stream().anyMatch(d -> d.element()
                    && (d.op() == AssignOp.DIVIDE || d.value() != null && Nodes.stripCasts(d.value()) instanceof Expr.Binary b
                    && b.op() == BinaryOp.DIVIDE));
        }
        return returned instanceof Expr.Call toArray && toArray.name().equals("toArray")
                && Nodes.expressions(toArray).stream().anyMatch(e -> e instanceof Expr.Lambda l && l.body() != null
                && Nodes.stripCasts(l.body()) instanceof Expr.Binary b && b.op() == BinaryOp.DIVIDE);
    }

    private static Expr.VarRead arrayVariable(MethodFacts facts, String name) {
        for (Expr e : Nodes.expressions(facts.method().body())) {
            if (e instanceof Expr.VarRead v && v.name().equals(name) && v.kind() != VarKind.FIELD) {
                return v;
            }
        }
        return null;
    }

    /** Shift in place: the maximum computed before the sum loop, subtracted in every exponent. */
    private static Optional<Fix> shiftInPlace(ClassFacts context, MethodFacts facts, ExpTerm numerator, ExpSum sum,
                                              NumericType type) {
        return MaxShift.plan(context, facts, sum, List.of(numerator), type)
                .map(shift -> Fix.review("Subtract the maximum before exponentiating", shift.edits(), List.of()));
    }
}
