package dev.numguard.analyzer.fix;

import dev.numguard.analyzer.engine.ProjectPaths;
import dev.numguard.rules.Finding;
import dev.numguard.rules.Fix;
import java.nio.file.Path;
import java.util.Optional;

/**
 * What the fixer did, or would do, to one file.
 *
 * @param file the path as the findings name it
 * @param plan the planned change
 * @param written true when the file was rewritten on disk
 * @param writeError why writing failed or was refused, when it was (the file is then unchanged)
 */
public record FileFixOutcome(String file, FixPlan plan, boolean written, Optional<String> writeError) {
    /**
     * The unified diff of the planned change, the file named relative to {@code projectRoot} (so
     * that {@code git apply} and {@code patch -p1} apply it there); empty when nothing changes.
     * Above the file's headers, one {@code #} line per applied fix names it and its safety level
     * ({@code safe} or {@code review}); {@code git apply} and {@code patch} skip such lines.
     */
    public String diff(Path projectRoot) {
        String diff = UnifiedDiff.between(ProjectPaths.relative(projectRoot, file), plan.original(), plan.fixed());
        if (diff.isEmpty()) {
            return diff;
        }
        StringBuilder labelled = new StringBuilder();
        for (Finding finding : plan.applied()) {
            Fix fix = finding.fix().orElseThrow();
            labelled.append("# numguard ").append(fix.safety() == Fix.Safety.SAFE ? "safe" : "review").append(" fix, line ")
                    .append(finding.span().line()).append(": [").append(finding.ruleId()).append("] ")
                    .append(fix.description().replace('\n', ' ')).append('\n');
        }
        return labelled.append(diff).toString();
    }

    /** True when something went wrong for this file: the plan was refused or the write failed. */
    public boolean failed() {
        return plan.error().isPresent() || writeError.isPresent();
    }
}
