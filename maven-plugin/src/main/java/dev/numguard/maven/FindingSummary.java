package dev.numguard.maven;

import dev.numguard.rules.Finding;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The one-line summary a build prints: {@code numguard: 3 findings (Log1p: 1, NaiveSoftmax: 2)}.
 * Rules are listed by id so that the line is the same from run to run.
 */
final class FindingSummary {
    private FindingSummary() {
    }

    /** The new findings, and with a baseline how many it holds back and how many of its entries are gone. */
    static String of(dev.numguard.analyzer.report.ReportedRun report) {
        String line = of(report.newFindings());
        if (!report.hasBaseline()) {
            return line;
        }
        return line.replaceFirst(" finding", " new finding") + "; " + report.baselinedCount() + " baselined, "
                + report.absentEntries().size() + " absent from the baseline";
    }

    static String of(List<Finding> findings) {
        if (findings.isEmpty()) {
            return "numguard: 0 findings";
        }
        Map<String, Long> byRule = findings.stream()
                .collect(Collectors.groupingBy(Finding::ruleId, TreeMap::new, Collectors.counting()));
        String counts = byRule.entrySet().stream()
                .map(entry -> entry.getKey() + ": " + entry.getValue())
                .collect(Collectors.joining(", "));
        return "numguard: " + findings.size() + (findings.size() == 1 ? " finding (" : " findings (") + counts + ")";
    }
}
