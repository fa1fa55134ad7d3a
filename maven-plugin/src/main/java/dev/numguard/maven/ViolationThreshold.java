package dev.numguard.maven;

import dev.numguard.rules.Finding;
import dev.numguard.rules.Severity;
import java.util.List;

/**
 * When {@code check} fails the build: more than {@code maxAllowed} findings at or above
 * {@code failOnSeverity}. ({@code failOnViolation=false} turns failing off altogether and is
 * handled by the goal.)
 *
 * @param failOnSeverity the least severe severity that counts
 * @param maxAllowed how many counted findings are tolerated; 0 means none, negative is refused
 */
record ViolationThreshold(Severity failOnSeverity, int maxAllowed) {
    ViolationThreshold {
        if (maxAllowed < 0) {
            throw new IllegalArgumentException("maxAllowedViolations must be 0 or more, got " + maxAllowed);
        }
    }

    /** The findings that count towards the threshold, in their order. */
    List<Finding> counted(List<Finding> findings) {
        return findings.stream().filter(finding -> finding.severity().atLeast(failOnSeverity)).toList();
    }

    /** True when {@code findings} exceed the threshold. */
    boolean isExceededBy(List<Finding> findings) {
        return counted(findings).size() > maxAllowed;
    }
}
