package dev.numguard.analyzer.pipeline;

import dev.numguard.analyzer.report.ReportedRun;
import dev.numguard.rules.Finding;
import java.util.List;

/**
 * What a check found and whether it fails.
 *
 * @param report the run as every report shows it (baseline applied)
 * @param counted the new findings at or above the threshold
 * @param thresholdExceeded true when {@code counted} is more than allowed
 * @param failsOnProblems true when files could not be analysed and the threshold is not "never"
 */
public record CheckOutcome(ReportedRun report, List<Finding> counted, boolean thresholdExceeded,
                           boolean failsOnProblems) {
    public CheckOutcome {
        counted = List.copyOf(counted);
    }

    /** True when the check fails. */
    public boolean failed() {
        return thresholdExceeded || failsOnProblems;
    }
}
