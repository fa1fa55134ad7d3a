package dev.numguard.rules.facts;

import dev.numguard.rules.facts.MethodSummary.Shape;
import dev.numguard.rules.model.VarId;

/**
 * What a value is, in the terms of method summaries: a {@link Shape} over the elements of one
 * variable ({@code SUM_EXP} over parameter {@code x}, {@code MAX} over field {@code scores}, or
 * {@code VALUE} of it). Asked with {@link MethodFacts#shapeOf}.
 *
 * @param shape what is computed
 * @param over the variable it is computed over: a parameter, a field, or a local array
 */
public record ValueShape(Shape shape, VarId over) {
}
