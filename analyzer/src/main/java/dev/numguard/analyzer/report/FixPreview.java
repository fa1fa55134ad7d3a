package dev.numguard.analyzer.report;

import dev.numguard.analyzer.engine.AnalysisRun;
import dev.numguard.analyzer.fix.FixPlan;
import dev.numguard.analyzer.fix.FixPlanner;
import dev.numguard.rules.Finding;
import java.util.List;
import java.util.Optional;

/**
 * A finding's fix applied on its own to the analysed text, imports included: what reports show as
 * the fix's diff and turn into SARIF replacements.
 */
final class FixPreview {
    private final FixPlanner planner = new FixPlanner();

    /** The plan of {@code finding}'s fix alone; empty when it has none, or it cannot be applied. */
    Optional<FixPlan> of(AnalysisRun run, Finding finding) {
        if (finding.fix().isEmpty()) {
            return Optional.empty();
        }
        return run.source(finding.file())
                .map(source -> planner.plan(source, List.of(finding)))
                .filter(plan -> plan.error().isEmpty() && plan.changes());
    }
}
