package dev.numguard.analyzer.fix;

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
     */
    public String diff(java.nio.file.Path projectRoot) {
        return UnifiedDiff.between(dev.numguard.analyzer.engine.ProjectPaths.relative(projectRoot, file),
                plan.original(), plan.fixed());
    }

    /** True when something went wrong for this file: the plan was refused or the write failed. */
    public boolean failed() {
        return plan.error().isPresent() || writeError.isPresent();
    }
}
