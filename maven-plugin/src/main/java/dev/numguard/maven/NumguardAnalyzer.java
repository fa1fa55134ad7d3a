package dev.numguard.maven;

import dev.numguard.analyzer.engine.Analyzer;
import dev.numguard.analyzer.spoon.SpoonFrontEnd;
import dev.numguard.rules.RuleRegistry;

/**
 * The analyzer the goals use: numguard's engine over the Spoon front end and every shipped rule.
 * A new one per goal execution, so that parallel module builds share no front-end state.
 */
final class NumguardAnalyzer {
    private NumguardAnalyzer() {
    }

    static Analyzer create() {
        return new Analyzer(new SpoonFrontEnd(), RuleRegistry.all());
    }
}
