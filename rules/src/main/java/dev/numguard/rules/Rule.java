package dev.numguard.rules;

import dev.numguard.rules.facts.ClassFacts;
import java.util.List;

/**
 * A numerical-stability rule, written once against the numeric model so that every front end
 * (Spoon, Error Prone) runs it unchanged.
 */
public interface Rule {
    /** The metadata declared by this rule's {@link RuleInfo}. */
    default RuleMetadata metadata() {
        return RuleMetadata.of(getClass());
    }

    /**
     * Finds this rule's idiom in one class of a lowered file. Called once per class by
     * {@link dev.numguard.rules.running.RuleRunner}, which also applies {@code @SuppressWarnings}
     * and the default severity, so implementations just report what they match.
     *
     * @return the findings, in any order; the default finds nothing
     */
    default List<Finding> check(ClassFacts context) {
        return List.of();
    }

    default String id() {
        return metadata().id();
    }
}
