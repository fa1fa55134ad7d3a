package dev.numguard.rules.core;

import dev.numguard.rules.Finding;
import dev.numguard.rules.Fix;
import dev.numguard.rules.Rule;
import dev.numguard.rules.RuleInfo;
import dev.numguard.rules.Severity;
import dev.numguard.rules.facts.MethodFacts;
import dev.numguard.rules.facts.Nodes;
import dev.numguard.rules.facts.Reduction;
import dev.numguard.rules.facts.ReductionKind;
import dev.numguard.rules.fixes.FloatSumFix;
import dev.numguard.rules.idioms.summation.LoopExtent;
import dev.numguard.rules.idioms.summation.PerCallSums;
import dev.numguard.rules.idioms.summation.SumUses;
import dev.numguard.rules.model.Expr;
import dev.numguard.rules.model.NumericType;
import dev.numguard.rules.model.Stmt;
import dev.numguard.rules.model.VarKind;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/** A {@code float} running sum over a loop of data: use a compensated or a double sum. */
@RuleInfo(
        summary = "a float accumulator over a loop of data loses digits as the sum grows",
        severity = Severity.WARNING,
        whatItDoes = """
                Flags a `float` variable summed over a loop whose length is set by the data: \
                `float s = 0; for (...) s += x[i];`, sums of products `s += x[i] * y[i]` and of \
                squares, in a local or a field, whatever the loop (for, for-each, while); and a float \
                field that a method adds one term to per call and another method resets to 0 (the loop \
                over the data is the caller's: `addPatternError(e) { totalError += e; }`, `reset()`). \
                Sums over a loop fixed by the code, counters that add the same integer (`hits += 1f`) in \
                loops with literal bounds that keep every partial sum an exact float integer (below 2^24), \
                and sums whose value is only tested against a constant \
                (inverse-CDF sampling, \
                `r -= p[i]; if (r < 0) return i;`) are not flagged.""",
        whyIsThisBad = """
                Every addition rounds to float's 24 bits, so the error of a running sum grows like \
                n·5.96e-8 relative to the sum of magnitudes: about 6e-4 at n = 10^4, and at n = 10^7 \
                not one digit is left. Terms smaller than half an ulp of the sum vanish entirely: once \
                the sum reaches 2^24 = 16777216, `s + 1 == s`. A double accumulator has error n·1.11e-16, \
                and a compensated sum (Neumaier, Dot2) about 1.11e-16 whatever n.""",
        example = """
                static float total(float[] x) {
                    float s = 0;
                    for (float v : x) {
                        s += v;
                    }
                    return s;
                }""",
        useInstead = """
                static float total(float[] x) {
                    return Summation.sum(x);
                }""",
        fixSafety = """
                Needs review. When the method is nothing but the sum (or dot product, or sum of squares) \
                of whole float arrays, its body becomes `Summation.sum(x)` or `Summation.dot(x, y)` \
                (compensated, rounded once to float); `Summation.dot` throws when the arrays' lengths \
                differ, where the loop silently used the first length. Otherwise the accumulator is \
                declared `double` and every other read of it is cast back to `(float)` (for a private \
                field summed across calls, in every method of its class): the value differs from the \
                original by the rounding the original lost, and intermediate comparisons against the running sum see the more accurate value.""",
        knownLimits = """
                Loops counted as short (and left alone) are those with a literal bound up to 1024 (an \
                error of at most 1024·5.96e-8 = 6.1e-5 of the sum of magnitudes), for-each loops over an \
                array written out in place, and loops whose bound names a kernel, radius, tap, stencil or \
                filter; any other bound is taken to be data-sized, so a float sum over a loop whose length \
                is small by contract (a tiny matrix dimension, a 3x3 neighbourhood clamped at the border \
                `for (y = max(0, c - 1); y <= min(h - 1, c + 1); y++)`) is flagged. A float field summed \
                once per call is recognised only when another method of the class resets it to 0. Integer terms, double accumulators (even over huge counts) and \
                `reduce(0f, Float::sum)` over streams are not flagged. A field accumulator that is not \
                private or whose name also appears where the fix cannot see it (comments, nested classes), \
                a local or field declared together with others, and a sum that feeds an E[X²] − mean² which \
                NaiveVariance rewrites (its fix replaces the sums and the formula) get no automatic fix of \
                their own; where NaiveVariance has no fix for that formula, the double accumulator is \
                offered, its reads cast back to float, and the cancellation stays NaiveVariance's finding.""")
public final class FloatAccumulation implements Rule {
    /** Every integer up to 2^24 is a float: a count that stays below it is exact. */
    private static final double EXACT_FLOAT_INTEGERS = 16777216;

    @Override
    public Optional<Finding> matchAssign(Stmt.Assign update, MethodFacts facts) {
        if (update.target().type().numeric() != NumericType.FLOAT
                || !(update.target() instanceof Expr.VarRead accumulator)) {
            return Optional.empty();
        }
        Optional<Reduction> sum = facts.reductions().stream().filter(r -> r.update() == update && r.kind() == ReductionKind.SUM
                && (r.loop() != null || PerCallSums.isPerCallSum(r, facts))).findFirst();
        // a term of unresolved type (a field of a class not on the classpath) may well be a float
        NumericType term = sum.isEmpty() ? null : sum.get().term().type().numeric();
        if (sum.isEmpty() || !term.isFloatingPoint() && term != NumericType.OTHER) {
            return Optional.empty();
        }
        Stmt.Loop outer = sum.get().loop();
        List<Stmt.Loop> loops = outer == null ? List.of() : facts.enclosingLoops(update.span()).stream()
                .filter(l -> outer.span().contains(l.span())).toList();
        if (outer != null && (loops.stream().allMatch(l -> LoopExtent.isShort(l, facts))
                || SumUses.onlyTestedAgainstConstants(sum.get(), facts) || exactCount(sum.get(), loops, facts))) {
            return Optional.empty();
        }
        String name = accumulator.name();
        String message = "float accumulator '" + name + "' sums " + (outer == null ? "one term per call, over a pass of data "
                + "(it is reset to 0 elsewhere)" : "a data-sized loop") + ": its rounding error grows like "
                + "n·5.96e-8 (at n = 10^7 no digit is left; a double sum keeps n·1.11e-16), and once |" + name
                + "| reaches 2^24 = 16777216 adding 1 no longer changes it; use Summation.sum/Summation.dot or a "
                + "double accumulator";
        Finding.Builder finding = finding(facts, update.span()).message(message);
        Optional<Fix> fix = accumulator.kind() == VarKind.LOCAL ? FloatSumFix.plan(sum.get(), facts)
                : accumulator.kind() == VarKind.FIELD && accumulator.ownField()
                ? FloatSumFix.doubleField(name, facts.context()) : Optional.empty();
        return fix.isPresent() ? finding.fix(fix.get()).asMatch()
                : finding.handFix("Declare '" + name + "' as double (cast it to float where the result is used), "
                        + "or sum with dev.numguard.guards.Summation").asMatch();
    }

    /**
     * A counter: every term is the same integer literal (1f) and the loops it runs in have literal
     * bounds whose product keeps the sum below 2^24, so every partial sum is an exact float.
     */
    private static boolean exactCount(Reduction sum, List<Stmt.Loop> loops, MethodFacts facts) {
        if (!(Nodes.stripCasts(sum.term()) instanceof Expr.Literal step) || step.numericValue() != Math.rint(step.numericValue())
                || loops.isEmpty()) {
            return false;
        }
        double most = Math.abs(step.numericValue());
        for (Stmt.Loop loop : loops) {
            OptionalDouble trips = LoopExtent.literalTripBound(loop, facts);
            if (trips.isEmpty()) {
                return false;
            }
            most *= trips.getAsDouble();
        }
        return most <= EXACT_FLOAT_INTEGERS;
    }
}
