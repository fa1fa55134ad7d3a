package dev.numguard.analyzer.baseline;

import java.util.Objects;

/**
 * One recorded finding of a baseline.
 *
 * <p>Only {@code ruleId}, {@code file}, {@code fingerprint} and {@code occurrence} identify the
 * finding; {@code line} and {@code message} are kept so that a person reading the baseline file
 * can find the code, and play no part in matching. That is why a baselined finding stays matched
 * when code above it is added, removed or moved.
 *
 * @param ruleId the rule id, e.g. {@code NaiveSoftmax}
 * @param file the file's path relative to the baseline's base folder, with {@code /} separators
 * @param fingerprint a hash of the rule id and the whitespace-normalised source text of the
 *     flagged span
 * @param occurrence 0 for the first finding in the file with this rule and fingerprint (in source
 *     order), 1 for the second, and so on
 * @param line the 1-based line the finding was on when it was recorded (informational)
 * @param message the finding's message when it was recorded (informational)
 */
public record BaselineEntry(String ruleId, String file, String fingerprint, int occurrence, int line,
                            String message) {
    public BaselineEntry {
        Objects.requireNonNull(ruleId, "ruleId");
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(fingerprint, "fingerprint");
        Objects.requireNonNull(message, "message");
        if (occurrence < 0) {
            throw new IllegalArgumentException("occurrence must be >= 0: " + occurrence);
        }
    }

    /** The part of the entry that identifies the finding. */
    MatchKey key() {
        return new MatchKey(ruleId, file, fingerprint, occurrence);
    }

    /** The identity of a finding for baseline matching. */
    record MatchKey(String ruleId, String file, String fingerprint, int occurrence) {
    }
}
