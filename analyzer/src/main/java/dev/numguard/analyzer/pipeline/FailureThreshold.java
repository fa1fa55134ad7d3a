package dev.numguard.analyzer.pipeline;

import dev.numguard.analyzer.engine.RuleSelection;
import dev.numguard.analyzer.engine.UsageException;
import dev.numguard.rules.Finding;
import dev.numguard.rules.Severity;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * When a check fails: more than {@code maxAllowed} new findings at or above {@code failOn}, or a
 * file that could not be analysed. With {@code failOn} empty ("never") nothing fails: findings and
 * unanalysable files are only reported. The same default ({@link #DEFAULT}: warnings and errors,
 * none allowed) holds in every front door.
 *
 * @param failOn the least severe severity that counts; empty means never fail
 * @param maxAllowed how many counted findings are tolerated; 0 means none
 */
public record FailureThreshold(Optional<Severity> failOn, int maxAllowed) {
    /** Fail on any new warning or error. */
    public static final FailureThreshold DEFAULT = new FailureThreshold(Optional.of(Severity.WARNING), 0);

    public FailureThreshold {
        if (maxAllowed < 0) {
            throw new UsageException("the number of allowed findings must be 0 or more, got " + maxAllowed);
        }
    }

    /**
     * Parses {@code error}, {@code warning}, {@code info} (or {@code note}) and {@code never}, in any case.
     *
     * @throws UsageException on another word
     */
    public static Optional<Severity> parseFailOn(String word) {
        if (word.trim().toLowerCase(Locale.ROOT).equals("never")) {
            return Optional.empty();
        }
        try {
            return Optional.of(RuleSelection.parseSeverity(word.trim()));
        } catch (UsageException e) {
            throw new UsageException("unknown failure threshold '" + word + "'; use error, warning, info or never");
        }
    }

    /** The findings that count, in their order. */
    public List<Finding> counted(List<Finding> findings) {
        return failOn.map(threshold -> findings.stream().filter(f -> f.severity().atLeast(threshold)).toList())
                .orElse(List.of());
    }

    /** True when {@code findings} exceed the threshold. */
    public boolean isExceededBy(List<Finding> findings) {
        return counted(findings).size() > maxAllowed;
    }

    /** True when a file that could not be analysed fails the check (always, unless "never"). */
    public boolean failsOnProblems() {
        return failOn.isPresent();
    }
}
