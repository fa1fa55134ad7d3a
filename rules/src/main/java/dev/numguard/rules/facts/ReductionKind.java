package dev.numguard.rules.facts;

/** What an accumulator computes over the iterations of a loop (or the calls of a method). */
public enum ReductionKind {
    /** {@code s += t}, {@code s = s + t}, {@code s -= t}. */
    SUM,
    /** {@code p *= q}, {@code p = p * q}. */
    PRODUCT,
    /** {@code m = Math.max(m, t)}, {@code if (t > m) m = t}. */
    MAX,
    /** {@code m = Math.min(m, t)}, {@code if (t < m) m = t}. */
    MIN,
    /** A stream's {@code average()}: the sum divided by the count. */
    MEAN,
    /** {@code n++}, {@code n += 1}. */
    COUNT
}
