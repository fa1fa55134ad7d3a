package dev.numguard.rules.facts;

/**
 * An accumulation into a field found somewhere in the project ({@code likelihood *= sum} in a
 * method of a subclass), with the facts of the method that performs it, so that a rule can judge
 * the accumulated terms where they are computed.
 *
 * @param reduction the accumulation
 * @param method the facts of the method holding {@code reduction}'s update
 */
public record FieldReduction(Reduction reduction, MethodFacts method) {
}
