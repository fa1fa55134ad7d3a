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

    /**
     * Builds a finding keeping its parts apart: the message (when the code breaks), the advice for
     * a hand fix (shown only when there is no automatic fix) and the automatic fix.
     */
    public static final class Builder {
        private static final String HAND_FIX = " Fix by hand: ";

        private final String ruleId;
        private Severity severity;
        private String lowering;
        private final String file;
        private final SourceSpan span;
        private String message;
        private String handFix;
        private Fix fix;

        public Builder(String ruleId, Severity severity, String file, SourceSpan span) {
            this.ruleId = ruleId;
            this.severity = severity;
            this.file = file;
            this.span = span;
        }

        /** Says concretely when the code breaks. */
        public Builder message(String text) {
            this.message = text;
            return this;
        }

        /** What to do by hand; appended to the message only when there is no {@link #fix}. */
        public Builder handFix(String advice) {
            this.handFix = advice;
            return this;
        }

        /**
         * Reports this finding below the rule's default severity (never above it), because the rule
         * cannot rule the failure out but has a reason to doubt it matters here; the reason is said in
         * the message (the severity policy of docs/rules/README.md).
         */
        public Builder lowered(Severity to, String why) {
            if (!severity.atLeast(to) || severity == to) {
                return this;
            }
            this.severity = to;
            this.lowering = why;
            return this;
        }

        /** The automatic fix, or {@code null} for none. */
        public Builder fix(Fix automatic) {
            this.fix = automatic;
            return this;
        }

        public Finding build() {
            Objects.requireNonNull(message, "message");
            String text = lowering == null ? message
                    : message + " (reported as " + (severity == Severity.INFO ? "note" : severity.name().toLowerCase(
                            java.util.Locale.ROOT)) + ": " + lowering + ")";
            text = fix == null && handFix != null ? text + HAND_FIX + handFix : text;
            return new Finding(ruleId, severity, file, span, text, Optional.ofNullable(fix));
        }

        /** The finding, as a {@code match…} entry point returns it. */
        public Optional<Finding> asMatch() {
            return Optional.of(build());
        }
    }
}
