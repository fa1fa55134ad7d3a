/**
 * Building fixes: an in-place max shift ({@link dev.numguard.rules.fixes.MaxShift}), whole-method
 * replacement by a runtime-guards call ({@link dev.numguard.rules.fixes.WholeArrayIdiom}) and the
 * text helpers they share ({@link dev.numguard.rules.fixes.SourceEdits}).
 */
package dev.numguard.rules.fixes;
