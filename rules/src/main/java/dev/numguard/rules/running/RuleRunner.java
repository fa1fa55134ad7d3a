package dev.numguard.rules.running;

import dev.numguard.rules.Finding;
import dev.numguard.rules.Rule;
import dev.numguard.rules.facts.ClassFacts;
import dev.numguard.rules.model.SourceFileModel;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Runs rules over a lowered file: every rule over every class, then drops findings silenced by an
 * enclosing {@code @SuppressWarnings("RuleId")} or {@code @SuppressWarnings("numguard")}, and
 * duplicates (the same rule at the same span). Shared by every front end so that suppression and
 * ordering are the same everywhere.
 */
public final class RuleRunner {
    private RuleRunner() {
    }

    /** The findings of {@code rules} in {@code file}, sorted by offset, then rule id. */
    public static List<Finding> run(SourceFileModel file, List<? extends Rule> rules) {
        return run(FileAnalysis.of(file), rules);
    }

    /** The findings of {@code rules} in an analysed file, sorted by offset, then rule id. */
    public static List<Finding> run(FileAnalysis analysis, List<? extends Rule> rules) {
        SourceFileModel file = analysis.model();
        Set<Finding> findings = new LinkedHashSet<>();
        Set<String> seen = new LinkedHashSet<>();
        for (ClassFacts context : analysis.classes()) {
            for (Rule rule : rules) {
                for (Finding finding : rule.check(context)) {
                    String key = finding.ruleId() + "@" + finding.span().start() + ":" + finding.span().end();
                    if (!file.isSuppressed(finding.ruleId(), finding.span()) && seen.add(key)) {
                        findings.add(finding);
                    }
                }
            }
        }
        List<Finding> sorted = new ArrayList<>(findings);
        sorted.sort(Comparator.comparingInt((Finding f) -> f.span().start()).thenComparing(Finding::ruleId));
        return sorted;
    }
}
