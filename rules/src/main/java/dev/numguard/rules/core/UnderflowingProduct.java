package dev.numguard.rules.core;

import dev.numguard.rules.Finding;
import dev.numguard.rules.Fix;
import dev.numguard.rules.Rule;
import dev.numguard.rules.RuleInfo;
import dev.numguard.rules.Severity;
import dev.numguard.rules.SourceSpan;
import dev.numguard.rules.facts.MethodFacts;
import dev.numguard.rules.facts.Nodes;
import dev.numguard.rules.facts.ReductionKind;
import dev.numguard.rules.facts.StreamPipeline;
import dev.numguard.rules.fixes.LogScoreMethodFix;
import dev.numguard.rules.fixes.LogScoreSiblingFix;
import dev.numguard.rules.fixes.NormalisedWeightsFix;
import dev.numguard.rules.fixes.SampledWeightsFix;
import dev.numguard.rules.fixes.ScaledLikelihoodFix;
import dev.numguard.rules.fixes.ViterbiScalingFix;
import dev.numguard.rules.idioms.products.Factors;
import dev.numguard.rules.idioms.products.RawProducts;
import dev.numguard.rules.idioms.products.Recursions;
import dev.numguard.rules.messages.Thresholds;
import dev.numguard.rules.model.AssignOp;
import dev.numguard.rules.model.Expr;
import dev.numguard.rules.model.NumericType;
import dev.numguard.rules.model.Stmt;
import dev.numguard.rules.model.VarKind;
import java.util.Optional;

/** Products of probabilities over data kept in linear space, and unscaled HMM recursions. */
@RuleInfo(
        summary = "A product of many probabilities underflows to 0; keep it in log space or rescale each step",
        severity = Severity.ERROR,
        whatItDoes = """
                Flags products over data that are never logged: a running product `p *= q` (or `p = p * q`) \
                in a loop over an array, a collection or a data-sized range whose factors read the data, \
                either probability-like (results of probability or density functions, ratios to a total, exp \
                of a negated value, names like prob or likelihood) or returned or compared as a score; a \
                stream product `reduce(1.0, (a, b) -> a * b)` returned or compared; and the unscaled forward, \
                backward or Viterbi recursion of a hidden Markov model, \
                `alpha[t][j] = (Σ_k alpha[t-1][k]·A[k][j])·B[j][o_t]` (also `+=` per state, through \
                `set(t, j, v)` on a matrix or Jama's `getMatrix(t - 1, …).arrayTimes(…)`), where row t is \
                written state by state from row t ∓ 1 summed over other states, with no per-step \
                rescaling and no log space. Not flagged: products that are logged (LogOfProduct's case), \
                seeded with 0, added term by term into a series, compared with a tiny threshold and \
                rescaled, re-seeded or stopped there, divided in place by a sum of its own cells (a row \
                normalised by hand), handed to a helper that writes the array; products \
                of counters and parameters alone (factorials, Pochhammer symbols, series terms), of at \
                most 50 factors by a literal bound, or of ratios of one series (a price index); products \
                of factors of unknown size over a small problem dimension rather than a data length (a \
                box volume or a Pareto-front shape over the M objectives, a spline degree, a recursion \
                depth); and linear algebra that updates neighbouring cells (rotations, eliminations and \
                reflections `a[k][j] = a[k][j] - p * z`, back-substitutions, convex combinations of the \
                row above). Severity: error \
                for probability-like factors and HMM recursions; warning for a product of factors of \
                unknown size, which underflows only when most are well below 1.""",
        whyIsThisBad = """
                A product of n probabilities of about 0.1 is 10^-n: in double it becomes subnormal (losing \
                digits) after about 308 factors and exactly 0 after about 323; in float after about 38 and 45. \
                Naive Bayes over many features, a likelihood over many sites, or an HMM over a long sequence \
                get there quickly; every class or state then scores 0, comparisons pick arbitrarily and \
                normalising gives 0/0 = NaN.""",
        example = """
                double score(double[] featureProbabilities) {
                    double product = 1;
                    for (double p : featureProbabilities) {
                        product *= p;
                    }
                    return product;
                }""",
        useInstead = """
                double logScore(double[] featureProbabilities) {
                    return LogSpace.logProduct(featureProbabilities);   // compare log scores instead
                }

                // HMM: ScaledForward.logLikelihood(initial, transition, emission, observations), or divide
                // each alpha row by its sum and add the log of that sum to the log-likelihood""",
        fixSafety = """
                Review: a method that only builds and returns a product of probabilities is split into \
                `logX`, the same loop summing `Math.log` of each factor, and `X`, which keeps its signature \
                and returns `Math.exp(logX(…))`, so every caller compiles and gets the same value up to \
                rounding; the product `X` returns still underflows, so callers that compare or normalise \
                scores must switch to `logX` by hand. The weights of a categorical draw (`w[t] = prior; \
                for (..) w[t] *= p;` over the whole array, then `w` passed to a sampler) keep their logs \
                (`w[t] = Math.log(prior)`, `w[t] += Math.log(p)`) and `StableMath.softmax(w, w)` after the \
                loop turns them back into weights that sum to 1: a draw, an argmax or a normalisation is \
                unchanged. Scores normalised by their total (naive Bayes: `p = 1; for (..) p *= q; w[c] = \
                prior * p; total += w[c];` over every class, or `w[c] = prior; w[c] *= q;` in place, then \
                `w[k] / total` or `w` and `total` handed on together) keep their logs (`logP += \
                Math.log(q)`, `w[c] = Math.log(prior) + logP`), and after the loop `total = \
                LogSpace.toRelativeWeights(w)` turns them into weights divided by the largest and returns \
                their sum: every share `w[k] / total` is unchanged, the absolute scores are not. A Viterbi \
                recursion (a max-product step whose table is otherwise only compared) gets \
                `ScaledForward.rescale(delta[t])` after the loop over the states: each row is divided by \
                its sum, which leaves every step's argmax and so the path unchanged, while the table's \
                values become relative per step. A method that returns a product of factors of unknown sign \
                used as a score gets a twin `logX` beside it (X itself unchanged): the same loop summing \
                `Math.log(Math.abs(q))` and keeping the parity of the negative factors, which returns \
                `Math.log(X(…))` without underflow (NaN for a negative product, as Math.log gives); callers \
                that compare scores should compare `logX`. A method that runs an unscaled forward pass over \
                a table of its own and returns the sum of its last row (the likelihood) is split like the \
                product method: `logX` divides each row by its sum as soon as the loop over the states has \
                filled it (`logScale += ScaledForward.rescale(alpha[t])`) and returns `logScale + \
                Math.log(sum)`, the log-likelihood, and X returns `Math.exp(logX(…))`. No automatic fix \
                elsewhere: moving a product to log space changes what the code computes (a log score \
                instead of a probability), and every use must follow; the rows of a forward or backward \
                table that a method returns or hands on are likelihoods that callers combine \
                (alpha·beta / likelihood), so scaling them is left to the hand edit.""",
        knownLimits = """
                Whether a factor is a probability is judged from its form and name. Products whose \
                rescaling happens in another method are recognised only when the array is passed to that \
                method (a method outside the analysed tree counts as rescaling, the JDK's does not); a \
                rescaling guarded by a field that disables it is taken as rescaling. A product multiplied \
                by the same loop-invariant factor each step (`s *= 1.0 / n` inside the loop) reads no data \
                and is not flagged. A product of factors not known to be probabilities is reported only \
                when its loop runs over a data length (an enhanced for, an iterator, `x.length`, `size()`, \
                a count named like `n`, `numWords`, `sampleSize`); a data length kept in a variable named \
                otherwise (`m`, `dim`) is taken for a small problem dimension and the product is not \
                reported. Products built across methods or classes (a field set in a subclass) are not \
                followed. A product method that has a log-space twin in its class (`logX` with the same \
                parameter types) is not reported: its callers can pick the log.""")
public final class UnderflowingProduct implements Rule {
    private static final String BY_HAND = "accumulate Math.log of each factor (LogSpace.logProduct) and compare or "
            + "normalise log scores (LogSpace.logSumExp), or rescale each step and keep the log of the scale.";

    @Override
    public Optional<Finding> matchAssign(Stmt.Assign assign, MethodFacts facts) {
        Expr target = Nodes.stripCasts(assign.target());
        if (target instanceof Expr.ArrayElement cell && Nodes.stripCasts(cell.array()) instanceof Expr.ArrayElement row
                && Nodes.stripCasts(row.array()) instanceof Expr.VarRead table && table.kind() != VarKind.FIELD
                && (assign.op() == AssignOp.ASSIGN || assign.op() == AssignOp.ADD)
                && Recursions.unscaled(table.name(), row.index(), cell.index(), assign.value(), facts)) {
            return finding(facts, assign.span()).message(recursionMessage(target.type().numeric()))
                    .handFix(rowScaling(table.name() + "[" + facts.context().text(row.index()) + "]"))
                    .fix(ViterbiScalingFix.of(assign, table, row.index(), facts)
                            .or(() -> ScaledLikelihoodFix.of(assign, table, row.index(), facts)).orElse(null)).asMatch();
        }
        Optional<Boolean> running = RawProducts.runningProduct(assign, facts);
        if (running.isEmpty() || !running.get() && !RawProducts.usedAsScore(target, facts)
                || LogScoreSiblingFix.hasLogTwin(facts)) {      // logX beside it: the callers pick the log
            return Optional.empty();
        }
        Fix fix = running.get() ? LogScoreMethodFix.of(assign, facts).or(() -> SampledWeightsFix.of(assign, facts))
                .or(() -> NormalisedWeightsFix.of(assign, facts))
                .orElse(null) : LogScoreSiblingFix.of(assign, facts).orElse(null);
        return report(facts, assign.span(), target.type().numeric(), running.get() ? "a running product of probabilities"
                : "a running product over data, returned or compared", running.get(), fix);
    }

    /**
     * Probability-like factors underflow for realistic inputs (error); factors of unknown size only
     * may, so their product is reported at warning with that doubt in the message.
     */
    private Optional<Finding> report(MethodFacts facts, SourceSpan at, NumericType type, String what,
                                     boolean probabilities, Fix fix) {
        String doubt = probabilities ? "" : " (the factors are not known to be probabilities: this holds when most are well below 1)";
        Finding finding = finding(facts, at).message(what + " in linear space: a product of n factors of about 0.1 "
                + "turns subnormal after about " + Thresholds.productSubnormalFactors(type) + " factors and 0 after about "
                + Thresholds.productUnderflowDigits(type) + " in " + Thresholds.typeName(type) + ", and every score compared "
                + "or normalised with it is then 0 or NaN" + doubt + ".").handFix(BY_HAND).fix(fix).build();
        return Optional.of(probabilities ? finding : finding.withSeverity(Severity.WARNING));
    }

    /** {@code alpha.set(t, j, v)}, {@code alpha.setQuick(t, j, v)} on a matrix. */
    @Override
    public Optional<Finding> matchCall(Expr.Call call, MethodFacts facts) {
        Optional<StreamPipeline> stream = StreamPipeline.of(call)
                .filter(p -> p.kind() == ReductionKind.PRODUCT && p.terminal() == call);
        if (stream.isPresent()) {
            boolean probabilities = Factors.probabilityLike(stream.get().source(), facts) || stream.get().singleLambda()
                    .map(f -> Factors.probabilityLike(f.body(), facts)).orElse(false);
            return RawProducts.usedAsScore(call, facts) && !RawProducts.logged(call, facts)
                    ? report(facts, call.span(), NumericType.DOUBLE, "a stream product", probabilities, null) : Optional.empty();
        }
        if (!call.name().matches("set|setQuick|setEntry|put") || call.args().size() != 3
                || !(call.target() != null && Nodes.stripCasts(call.target()) instanceof Expr.VarRead table)
                || !Recursions.unscaled(table.name(), call.args().get(0), call.args().get(1), call.args().get(2), facts)) {
            return Optional.empty();
        }
        return finding(facts, call.span()).message(recursionMessage(NumericType.DOUBLE))
                .handFix(rowScaling("row " + facts.context().text(call.args().get(0)) + " of " + table.name())).asMatch();
    }

    /**
     * The exact edit for an unscaled recursion filling {@code row} (no automatic fix: the scaled
     * rows mean something else, so every reader of the table and of its likelihood must follow).
     */
    private static String rowScaling(String row) {
        return "right after the loop that fills " + row + " (and after the first row), divide the row by the sum c of its "
                + "entries and add Math.log(c) to a logLikelihood local that starts at 0 (logLikelihood += "
                + "ScaledForward.rescale(row) does both for a double[] row); "
                + "return or compare logLikelihood instead of the sum of the last row (it is that sum's log), and divide "
                + "the backward row of the same step by the same c, so that alpha * beta / (sum of alpha * beta) stays the "
                + "posterior; for a plain forward pass over arrays, ScaledForward.logLikelihood(initial, transition, "
                + "emission, observations) does all of it.";
    }

    private static String recursionMessage(NumericType type) {
        return "unscaled HMM recursion: every step multiplies the previous row by transition and emission "
                + "probabilities, so over a sequence of a few hundred observations (" + Thresholds.productUnderflowDigits(type) + " steps "
                + "of about 0.1 in " + Thresholds.typeName(type) + ") every entry underflows to 0; divide each row by its sum and "
                + "keep the log of the scales (ScaledForward), or work in log space.";
    }
}
