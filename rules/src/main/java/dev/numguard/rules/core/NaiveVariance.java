package dev.numguard.rules.core;

import dev.numguard.rules.Finding;
import dev.numguard.rules.Fix;
import dev.numguard.rules.Rule;
import dev.numguard.rules.RuleInfo;
import dev.numguard.rules.Severity;
import dev.numguard.rules.facts.MethodFacts;
import dev.numguard.rules.fixes.ShiftedMassMomentsFix;
import dev.numguard.rules.fixes.PrefixSumsShiftFix;
import dev.numguard.rules.fixes.SeededShiftFix;
import dev.numguard.rules.fixes.ShiftedSumsFix;
import dev.numguard.rules.fixes.VarianceFixes;
import dev.numguard.rules.idioms.moments.Cancellation;
import dev.numguard.rules.idioms.moments.LogarithmValues;
import dev.numguard.rules.idioms.moments.Moments;
import dev.numguard.rules.messages.Thresholds;
import dev.numguard.rules.model.BinaryOp;
import dev.numguard.rules.model.Expr;
import dev.numguard.rules.model.NumericType;
import java.util.Optional;

/** E[X²] − E[X]² (and E[XY] − E[X]E[Y]) in any form. */
@RuleInfo(
        summary = "Variance as E[X²] − E[X]² loses every digit once |mean|/std exceeds about 10^8",
        severity = Severity.ERROR,
        whatItDoes = """
                Flags variance and covariance computed from raw power sums: `sumSq / n - mean * mean`, \
                `(sumSq - sum * sum / n) / (n - 1)`, `n * sumSq - sum * sum`, the mean of squares minus the square \
                of the mean (also with streams and `Math.pow(mean, 2)`), `E[XY] - E[X]E[Y]`, square roots of these, \
                weighted and probability-weighted moments (`Σw·x²/Σw - (Σw·x/Σw)²`, `Σp·x² - (Σp·x)²`, the weight \
                folded into the value), the formula evaluated inside the accumulation loop, counts of any shape \
                (`n += 1.0`, `a[n++] = v`, `w * h`, a total weight), and running-moment classes keeping the sums \
                in fields, and sums a called method accumulates into arrays it is given (`sums(x, s1, s2)` adding \
                `v` and `v * v`, then `s2[k] / n - (s1[k] / n)²`; what the method adds decides, not the names). \
                Sums made where the analysis cannot see (parameters, fields filled by another class, \
                getters, prefix-sum arrays, keyed lookups) are read by their names: `sumSq`, `sum2`, `sumOfSquares`, \
                `pow2mean` as second moments, `sum`, `mean`, `avg`, `getMean()` as first ones, paired by the rest \
                of the name (`sumX2` with `sumX`, not `sumY`). Welford and West updates and two-pass formulas \
                over deviations from the mean are not flagged.""",
        whyIsThisBad = """
                Both terms are about mean², and their difference is the small variance: the subtraction \
                cancels every digit they share. Once |mean|/std exceeds about 10^8 in double (about 3·10^3 \
                in float) no correct digit is left; the result can even be negative, and its square root \
                NaN.""",
        example = """
                double variance(double[] x) {
                    double sum = 0, sumSq = 0;
                    for (double v : x) {
                        sum += v;
                        sumSq += v * v;
                    }
                    double mean = sum / x.length;
                    return sumSq / x.length - mean * mean;
                }""",
        useInstead = """
                double variance(double[] x) {
                    return Statistics.variance(x);
                }

                // for running sums kept in fields: a RunningStats (Welford) field,
                // stats.accept(value) in the update and stats.variance() in the getter""",
        fixSafety = """
                Needs review. `Statistics.variance(x)` (and its siblings) replace the whole method body; the \
                fix is only offered when the body computes nothing but the moment formula over one whole \
                array, and differs from the original only by rounding where it was finite. Sums and a sum of \
                squares built in one loop in locals (also weighted, with weights that cannot be negative) \
                become a local `RunningStats`: `accept(x)` or `accept(x, w)` in the loop and `variance()`, \
                `sampleVariance()` or a standard deviation in the formula; the sums, the counter and locals \
                that only fed them are removed. Sums of one counted loop that feed a covariance, a \
                correlation, a regression slope or `n·S2 − S²` (forms `RunningStats` cannot hold) are \
                accumulated on shifted data instead: each value less its first value `K` (set in the first \
                iteration, 0 for an empty loop), means become `K + S/n`, and the central-moment formulas stay \
                as written, since shifting leaves them unchanged in exact arithmetic while the sums keep the \
                digits the spread needs. An intercept written from the raw sums, \
                `(Σy·Σxx − Σx·Σxy) / (n·Σxx − (Σx)²)`, becomes `Ky + (a' − Kx·(n·Σxy − Σx·Σy)) / det`, the \
                intercept of the shifted data moved back. Float sums are shifted too and accumulated in \
                `double`, each read cast back to `(float)` so the formulas keep their type. The moments of a \
                probability mass, `Σp·x² − (Σp·x)²` with both sums locals of one counted loop and read only \
                in the formula, are shifted the same way (`p·(x − K)²`, `p·(x − K)`, the formula as written): \
                equal to the original in exact arithmetic where the masses sum to one, which nothing proves, \
                and where computed probabilities sum to one only to rounding the shifted form keeps the \
                variance they describe instead of the mean²·(1 − Σp) of noise the original carries. Running \
                moments seeded with a first value and then updated block by block (`n++; s = v0; q = v0·v0` \
                once, then `n++; s += v; q += v·v` in each branch that reaches the formula, as region growing \
                does) sum `v − v0` instead, the seeding becomes 0 and means `v0 + s/n`; prefix sums kept in \
                private field arrays (`P[j] = P[j−1] + v`, `Q[j] = Q[j−1] + v·v`, a segment variance over \
                `e − s`) get a shift field set to the first value appended, and every other read of the \
                arrays is given back the raw sums (`P[a] − P[b] + (a − b)·K`); both only where the count is \
                proved to be the number of values summed. Where none \
                of these applies to the plain sums `Σx`, `Σx·x` of one loop (the formula divides by a count the \
                loop does not provably run to, or the sums are also read elsewhere), a local `RunningStats` is \
                fed the same value right after the sum of squares and the subtraction becomes \
                `PartialMoments.squaredDeviations(stats, n)` times the power of n it had: that is \
                `M2 + c·m²·(1 − c/n)` for c values of mean m, equal to `Σx² − (Σx)²/n` in exact arithmetic for \
                every n and exactly M2 where n is the number of values. Partial sums kept in fields of worker \
                objects of a class in the same file and added up across them \
                (`parts.stream().mapToDouble(Part::sumSq).sum()`) get a `RunningStats` field in the part class, \
                fed beside the sum of squares, and the formula reads the parts merged with Chan's update \
                (`PartialMoments.merged(parts, p -> p.stats)`) the same way. Weighted power \
                sums set to zero together (at their declaration, or again in a block, as per-dimension loops do) \
                and added to only in adjacent pairs (`s += w·x; q += w·x·x`, in one loop, several loops or nested \
                ones), with weights of any sign and divided by a total the analysis cannot tie to them (a \
                histogram total, a total weight kept elsewhere, a count summed in an outer loop), get a local \
                `ShiftedMoments` made where they are set to zero and fed `accept(x, w)` beside each pair; the \
                subtraction becomes `PartialMoments.squaredDeviations(moments, n)` times the power of n it had, \
                equal to `Σw·x² − (Σw·x)²/n` in exact arithmetic for every n (it sums `w·(x − K)`, K the first \
                value; an n equal to Σw up to the rounding of summing the weights is taken as Σw, dropping \
                the mean²·(1 − Σw/n) of rounding noise the raw sums carry), and the sums, resets and means only the formula read are removed \
                (their declaration too where every formula over the same sums is rewritten). Per-element sums kept in two \
                private `double[]` fields of a class (`S[j] += x; Q[j] += x·x` in loops over every element, \
                as a pixel-wise projection over slices keeps them, read only by an element-wise formula) are \
                shifted by each element's first value: a shift array of the same length and a pass count are \
                added, the loops add `x − K[j]` and its square, and the formula reads \
                `PartialMoments.squaredDeviations(updates, K[i], S[i], Q[i], n)`, equal to `Σx² − (Σx)²/n` \
                in exact arithmetic for any n. All of these \
                change statements, not only rounding, so they too are review fixes.""",
        knownLimits = """
                Running sums kept across calls in fields get a `RunningStats` field only when the class \
                keeps a count, a sum and a sum of squares in private fields, adds to all three in one \
                method (and at most sets all three to zero elsewhere, which becomes a new `RunningStats`, or \
                adds another instance's three sums in one merge method, which becomes `combine`) and reads \
                the sum of squares only in the variance (population or sample, in any form, or its square \
                root); weighted field sums, arrays of field sums other than the per-element arrays above (also \
                read elsewhere, allocated outside constructors, or updated in loops that may skip an element) \
                and sums set from outside (setters, restored state) are reported without a fix. Column variances of a matrix kept as rows become \
                `Statistics.columnVariance(rows)`. Per-column arrays of sums in locals (`sum[j] += x`, \
                `sumSq[j] += x * x` in a column loop directly inside a counted row loop, read over the same \
                columns) become an array of `RunningStats` (`RunningStats.newArray(k)`, `stats[j].accept(x)`, \
                `stats[j].sampleVariance()`); where a row may skip a column (a condition, a `break`) or the \
                count is not the number of rows, they keep the finding without a fix. No fix is offered where \
                the sums are made elsewhere (parameters, getters other than the worker objects of the same \
                file above, field arrays or elements, distributed aggregates in other files, prefix sums other than the private field arrays above, \
                integral images): rewriting \
                the formula cannot recover digits already lost in the sum of squares, so the hand fix is to \
                keep a count, mean and M2 where the sums are produced and merge with `RunningStats.combine`. \
                Nor for probability-weighted moments other than the shifted local sums above (a first \
                moment that is also read as the mean, masses normalised by a total kept elsewhere), float \
                sums other than shifted ones or plain ones fed to a `RunningStats`, intercepts in other forms than \
                the determinant one, sums reset inside an outer loop other than the paired sums above, or counts that are not the \
                number of updates (beyond one count for the plain sums above: two different counts, a \
                constant factor). A value named like a raw moment \
                (`sumSq`) that in fact holds centred squares is flagged (names of deviations, errors and \
                spreads such as `sumSqDev` are not read as raw moments). Not seen: moments told apart only by \
                an index (`sums[1]` the squares, `sums[0]` the values), sums filled in place by a method into \
                arrays whose names do not say so. Arithmetic through number objects (`a.minus(m.multipliedBy(m))`) \
                is read as the formula when the method's body in the analysed sources is the operation on the \
                wrapped double, or the function table names it (ta4j's `Num` is built in, whatever its \
                implementation: a `DecimalNum` with 32 digits rarely loses what a double does, and is still \
                reported); `BigDecimal` arithmetic is exact in sums and differences and is never reported. Variances and covariances of logarithms are not reported: \
                every summed value is `log`, `log10` or `log1p` of something (or a constant, or a sum or \
                difference of those), directly, through locals, through a local array or list filled only with \
                them, or through a list or array parameter of a private method whose every caller in the class \
                passes such a container. |log x| is at most 745 in double, so losing every digit needs the \
                logged data to agree to five or six significant digits, and data is logged because it spans \
                scales. Logarithms stored in fields or passed in from other classes are not traced, and such \
                variances are still reported, as are moments of values whose |mean|/std is small by \
                construction but not by form (a float regression over cycle numbers 1..n).""")
public final class NaiveVariance implements Rule {

    @Override
    public Optional<Finding> matchBinary(Expr.Binary subtraction, MethodFacts facts) {
        if (subtraction.op() != BinaryOp.SUBTRACT) {
            return Optional.empty();
        }
        Optional<Cancellation> found = Cancellation.of(subtraction, facts);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Cancellation c = found.get();
        if (LogarithmValues.allSummed(c, facts)) {
            return Optional.empty();                            // |mean| of logarithms is at most 745: not reachable
        }
        if (ShiftedSumsFix.alreadyShifted(c, facts) || ShiftedMassMomentsFix.alreadyShifted(c, facts)
                || SeededShiftFix.alreadyShifted(c, facts) || PrefixSumsShiftFix.alreadyShifted(subtraction, facts)) {
            return Optional.empty();                            // sums of x − x[0]: only the spread is left
        }
        NumericType type = subtraction.type().numeric() == NumericType.FLOAT ? NumericType.FLOAT : NumericType.DOUBLE;
        boolean inFields = VarianceFixes.inFields(c);
        Fix fix = VarianceFixes.of(subtraction, c, facts).orElse(null);
        String what = c.covariance() ? "covariance as E[XY] − E[X]E[Y]" : "variance as E[X²] − E[X]²";
        String message = what + " cancels catastrophically: once |mean|/std exceeds "
                + Thresholds.varianceCancellationRatio(type) + " in " + Thresholds.typeName(type)
                + " no correct digit is left, and the result can be negative (its square root NaN).";
        // sums read here but made elsewhere (parameters, getters, other classes, distributed partial sums):
        // no rewrite of this formula can recover the digits the sum of squares has already lost
        boolean madeElsewhere = c.left().reductions().isEmpty() || c.right().reductions().isEmpty();
        String byHand = inFields ? "keep a dev.numguard.guards.RunningStats (Welford) instead of the sums, call "
                + "stats.accept(value) where the sums are updated and return stats.variance() (or sampleVariance())."
                : madeElsewhere && fix == null ? "the sums are made elsewhere, so rewriting this formula cannot help: "
                + "where the values are summed, keep a dev.numguard.guards.RunningStats (stats.accept(value)) instead "
                + "of the sum and sum of squares (it is Serializable, so a field of a task shipped between workers can "
                + "hold one), merge partial results with a.combine(b) (Chan's parallel update), "
                + "and pass the RunningStats (or its variance()) here in place of the sums."
                : fix == null && c.weighted() && !c.covariance() ? "accumulate a weighted dev.numguard.guards.RunningStats where the "
                + "weighted sums are made (stats.accept(value, weight)) and read stats.mean() and stats.variance() "
                + "(sampleVariance() for frequency weights); no fix is offered, since that needs the total the "
                + "formula divides by to be the sum of the same weights, accumulated with them, and weights that "
                + "cannot be negative."
                : "subtract the mean first (two passes: Σ(x - mean)² / n), or call "
                + "Statistics.variance(x) / sampleVariance(x) / covariance(x, y).";
        return finding(facts, subtraction.span()).message(message).handFix(byHand).fix(fix).asMatch();
    }
}
