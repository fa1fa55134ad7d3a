/**
 * Shared analyses over the numeric model, computed once per class by
 * {@link dev.numguard.rules.analysis.RuleContext} and used by every rule: recognising the
 * elementary functions ({@link dev.numguard.rules.analysis.MathCalls}), accumulators in loops and
 * in fields ({@link dev.numguard.rules.analysis.Reductions},
 * {@link dev.numguard.rules.analysis.FieldAccumulators}), reaching definitions of locals
 * ({@link dev.numguard.rules.analysis.MethodFacts}), stream pipelines
 * ({@link dev.numguard.rules.analysis.StreamPipeline}), sums of exponentials through locals, loops,
 * streams and same-class helpers ({@link dev.numguard.rules.analysis.ExpSums}), shifts and bounds
 * of exponents ({@link dev.numguard.rules.analysis.Exponents}), power-sum monomials for moment
 * formulas ({@link dev.numguard.rules.analysis.Moments}), the shared fixes (an in-place
 * {@link dev.numguard.rules.analysis.MaxShift}, whole-method replacement by
 * {@link dev.numguard.rules.analysis.WholeArrayIdiom}), and running the rules with suppression
 * ({@link dev.numguard.rules.analysis.RuleRunner}).
 *
 * <p>Helpers of the class are followed, not textually inlined: a value that is the result of a
 * same-class method with a body is analysed in that method (its single {@code return} value, with
 * the method's own facts), and array parameters are mapped back to the call's arguments where a
 * fix needs them ({@link dev.numguard.rules.analysis.WholeArrayIdiom#toCaller}).
 */
package dev.numguard.rules.analysis;
