package dev.numguard.rules;

import java.util.Objects;
import java.util.Optional;

/**
 * One unstable idiom found in one file.
 *
 * @param ruleId the id of the rule that found it, e.g. {@code NaiveSoftmax}
 * @param severity the severity (the rule's default unless configured otherwise)
 * @param file the file's path as the front end was given it
 * @param span where the idiom is
 * @param message says concretely when the code breaks, and what to do by hand if there is no fix
 * @param fix the automatic rewrite, when one is provably safe
 */
public record Finding(String ruleId, Severity severity, String file, SourceSpan span, String message,
                      Optional<Fix> fix) {
    public Finding {
        Objects.requireNonNull(ruleId, "ruleId");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(span, "span");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(fix, "fix");
    }

    public Finding withSeverity(Severity newSeverity) {
        return new Finding(ruleId, newSeverity, file, span, message, fix);
    }
}
