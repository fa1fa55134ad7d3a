/**
 * General facts about the numeric model, computed once per class ({@link
 * dev.numguard.rules.facts.ClassFacts}) and per method ({@link
 * dev.numguard.rules.facts.MethodFacts}): walking the model ({@link
 * dev.numguard.rules.facts.Nodes}), the elementary functions ({@link
 * dev.numguard.rules.facts.MathCalls}), definitions, reductions in loops and fields, stream
 * pipelines. Knows no rule and no idiom.
 */
package dev.numguard.rules.facts;
