/**
 * Shared analyses over the numeric model, computed once per class by
 * {@link dev.numguard.rules.analysis.RuleContext} and used by every rule: recognising the
 * elementary functions ({@link dev.numguard.rules.analysis.MathCalls}), accumulators in loops and
 * in fields ({@link dev.numguard.rules.analysis.Reductions},
 * {@link dev.numguard.rules.analysis.FieldAccumulators}), reaching definitions of locals
 * ({@link dev.numguard.rules.analysis.MethodFacts}), and running the rules with suppression
 * ({@link dev.numguard.rules.analysis.RuleRunner}).
 */
package dev.numguard.rules.analysis;
