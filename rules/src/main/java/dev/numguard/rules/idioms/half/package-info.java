/**
 * What marks fp16 training in a class ({@link dev.numguard.rules.idioms.half.HalfPrecision}), for
 * UnscaledHalfBackward.
 */
package dev.numguard.rules.idioms.half;
