package dev.numguard.rules;

/**
 * A numerical-stability rule, written once against the numeric model so that every front end
 * (Spoon, Error Prone) runs it unchanged.
 */
public interface Rule {
    RuleMetadata metadata();

    default String id() {
        return metadata().id();
    }
}
