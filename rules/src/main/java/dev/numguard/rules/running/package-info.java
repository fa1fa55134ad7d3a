/**
 * Running rules over a lowered file ({@link dev.numguard.rules.running.RuleRunner}): the shared
 * per-class facts, the walk, suppression, de-duplication and order, the same for every front end.
 */
package dev.numguard.rules.running;
