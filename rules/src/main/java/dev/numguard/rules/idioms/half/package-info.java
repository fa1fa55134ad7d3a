/**
 * Conversions into 16-bit floating point and what bounds their input
 * ({@link dev.numguard.rules.idioms.half.HalfConversions}), for Fp16Overflow.
 */
package dev.numguard.rules.idioms.half;
