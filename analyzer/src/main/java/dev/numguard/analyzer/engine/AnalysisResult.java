package dev.numguard.analyzer.engine;

import dev.numguard.rules.Finding;
import java.util.List;

/**
 * What one analysis run produced.
 *
 * @param findings the findings, sorted by file, then offset, then rule id
 * @param problems files that could not be analysed
 * @param filesAnalysed how many Java files were analysed
 */
public record AnalysisResult(List<Finding> findings, List<AnalysisProblem> problems, int filesAnalysed) {
    public AnalysisResult {
        findings = List.copyOf(findings);
        problems = List.copyOf(problems);
    }
}
