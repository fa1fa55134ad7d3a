package dev.numguard.analyzer.engine;

import dev.numguard.rules.Rule;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/** Turns Java source files into the numeric model and runs rules on it. */
public interface FrontEnd {
    /**
     * Analyses {@code javaFiles} with {@code rules}. Findings carry each rule's default severity
     * and are already filtered by {@code @SuppressWarnings}.
     *
     * @param javaFiles the .java files to analyse (already expanded from folders)
     * @param encoding the files' encoding; the engine has checked that each decodes in it
     * @param classpath jars and class folders the sources compile against; empty means none
     *     (analyse without a classpath)
     * @param rules the rules to run
     * @param settings the language level and the per-file time budget
     * @param progress hears each file as the model is built ({@code done} of {@code javaFiles.size()})
     */
    AnalysisResult analyze(List<Path> javaFiles, Charset encoding, List<Path> classpath, List<Rule> rules,
                           ModelSettings settings, ProgressListener progress);

    /** UTF-8 sources at the highest language level and the default per-file budget, no progress. */
    default AnalysisResult analyze(List<Path> javaFiles, List<Path> classpath, List<Rule> rules) {
        return analyze(javaFiles, StandardCharsets.UTF_8, classpath, rules, ModelSettings.defaults(), ProgressListener.NONE);
    }
}
