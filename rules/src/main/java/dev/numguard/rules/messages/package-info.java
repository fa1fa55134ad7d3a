/**
 * The numbers the findings quote: overflow, underflow and rounding thresholds per floating-point
 * type ({@link dev.numguard.rules.messages.Thresholds}).
 */
package dev.numguard.rules.messages;
