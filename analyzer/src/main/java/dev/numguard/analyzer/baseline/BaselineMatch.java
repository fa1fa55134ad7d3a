package dev.numguard.analyzer.baseline;

import dev.numguard.rules.Finding;
import java.util.List;

/**
 * The findings of a run split by a baseline.
 *
 * @param newFindings findings the baseline does not record: these are reported and count
 *     towards failing the build
 * @param baselinedFindings findings the baseline records: known debt, not reported as new
 * @param staleEntries baseline entries that no current finding matches (the code was fixed or
 *     edited); a fresh {@code baseline} run drops them
 */
public record BaselineMatch(List<Finding> newFindings, List<Finding> baselinedFindings,
                            List<BaselineEntry> staleEntries) {
    public BaselineMatch {
        newFindings = List.copyOf(newFindings);
        baselinedFindings = List.copyOf(baselinedFindings);
        staleEntries = List.copyOf(staleEntries);
    }
}
