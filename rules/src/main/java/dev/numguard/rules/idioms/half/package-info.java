/**
 * fp16 and bf16: what marks fp16 training in a class ({@link dev.numguard.rules.idioms.half.HalfPrecision}),
 * for UnscaledHalfBackward, and conversions into 16-bit floating point with what bounds their input
 * ({@link dev.numguard.rules.idioms.half.HalfConversions}), for Fp16Overflow.
 */
package dev.numguard.rules.idioms.half;
