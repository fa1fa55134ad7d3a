package dev.numguard.analyzer.engine;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * What to analyse and how.
 *
 * @param paths files and folders, expanded by {@link JavaFileCollector}
 * @param classpath jars and class folders the sources compile against; empty: analyse without one
 * @param selection which rules run, at which severity
 * @param model the language level and the per-file time budget
 */
public record AnalysisRequest(List<Path> paths, List<Path> classpath, RuleSelection selection, ModelSettings model) {
    public AnalysisRequest {
        paths = List.copyOf(paths);
        classpath = List.copyOf(classpath);
        Objects.requireNonNull(selection, "selection");
        Objects.requireNonNull(model, "model");
    }

    /** The highest language level and the default per-file budget. */
    public AnalysisRequest(List<Path> paths, List<Path> classpath, RuleSelection selection) {
        this(paths, classpath, selection, ModelSettings.defaults());
    }

    /** All rules, no classpath. */
    public static AnalysisRequest of(List<Path> paths) {
        return new AnalysisRequest(paths, List.of(), RuleSelection.all());
    }
}
