package dev.numguard.analyzer.engine;

import dev.numguard.rules.Rule;
import java.nio.file.Path;
import java.util.List;

/** Turns Java source files into the numeric model and runs rules on it. */
public interface FrontEnd {
    /**
     * Analyses {@code javaFiles} with {@code rules}. Findings carry each rule's default severity
     * and are already filtered by {@code @SuppressWarnings}.
     *
     * @param javaFiles the .java files to analyse (already expanded from folders)
     * @param classpath jars and class folders the sources compile against; empty means none
     *     (analyse without a classpath)
     * @param rules the rules to run
     */
    AnalysisResult analyze(List<Path> javaFiles, List<Path> classpath, List<Rule> rules);

    /**
     * Analyses at the language level and within the per-file budget of {@code settings}. A front
     * end that has no use for them (a test double) analyses as {@link #analyze(List, List, List)}.
     */
    default AnalysisResult analyze(List<Path> javaFiles, List<Path> classpath, List<Rule> rules,
                                   ModelSettings settings) {
        return analyze(javaFiles, classpath, rules);
    }
}
