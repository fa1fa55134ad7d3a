package dev.numguard.rules.model;

import dev.numguard.rules.SourceSpan;
import java.util.Objects;
import java.util.Set;

/**
 * A {@code @SuppressWarnings} annotation on a declaration (class, method, constructor, field,
 * parameter or local variable).
 *
 * @param region the span of the annotated declaration
 * @param keys the strings of the annotation, e.g. {@code NaiveSoftmax} or {@code numguard}
 */
public record Suppression(SourceSpan region, Set<String> keys) {
    /** The key that suppresses every numguard rule. */
    public static final String ALL_RULES = "numguard";

    public Suppression {
        Objects.requireNonNull(region, "region");
        keys = Set.copyOf(keys);
    }

    /** True when this annotation silences {@code ruleId} for a finding at {@code span}. */
    public boolean suppresses(String ruleId, SourceSpan span) {
        return region.contains(span) && (keys.contains(ruleId) || keys.contains(ALL_RULES));
    }
}
