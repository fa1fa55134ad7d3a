package dev.numguard.analyzer.engine;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * What to analyse and how.
 *
 * @param paths files and folders, expanded by {@link JavaFileCollector}
 * @param classpath jars and class folders the sources compile against; empty: analyse without one
 * @param selection which rules run, at which severity
 * @param files which files of the given folders are analysed
 * @param encoding the sources' encoding (the build's {@code sourceEncoding})
 * @param model the language level and the per-file time budget
 */
public record AnalysisRequest(List<Path> paths, List<Path> classpath, RuleSelection selection, FileSelection files,
                              Charset encoding, ModelSettings model) {
    public AnalysisRequest {
        paths = List.copyOf(paths);
        classpath = List.copyOf(classpath);
        Objects.requireNonNull(selection, "selection");
        Objects.requireNonNull(files, "files");
        Objects.requireNonNull(encoding, "encoding");
        Objects.requireNonNull(model, "model");
    }

    /** Every {@code .java} file git does not ignore, read as UTF-8, at the highest language level. */
    public AnalysisRequest(List<Path> paths, List<Path> classpath, RuleSelection selection) {
        this(paths, classpath, selection, FileSelection.allJavaFiles(), StandardCharsets.UTF_8, ModelSettings.defaults());
    }

    /** All rules, no classpath. */
    public static AnalysisRequest of(List<Path> paths) {
        return new AnalysisRequest(paths, List.of(), RuleSelection.all());
    }
}
