package dev.numguard.analyzer.pipeline;

import dev.numguard.analyzer.engine.AnalysisRequest;
import dev.numguard.analyzer.engine.FileSelection;
import dev.numguard.analyzer.engine.ModelSettings;
import dev.numguard.analyzer.engine.RuleSelection;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything one run of numguard is told, whichever front door asks: the CLI's flags and the
 * Maven parameters both end up here, with the same meaning and the same defaults
 * (docs/options.md lists them side by side).
 *
 * @param projectRoot the baseline's and the fix diff's paths are relative to it (the module)
 * @param reportRoot the reports' paths are relative to it: the repository checkout, where code
 *     scanning resolves SARIF URIs (the project root when there is no repository)
 * @param paths the files and folders (source roots) to analyse
 * @param files includes, excludes and .gitignore
 * @param encoding the sources' encoding
 * @param classpath what the sources compile against
 * @param rules which rules run, at which severity
 * @param model the language level and the per-file time budget
 * @param baselineFile the baseline; absent (or a file that does not exist yet) means none
 * @param cacheFile where the analysis cache lives; empty turns the cache off
 * @param cacheIdentity what else the cached findings depend on (numguard's version and jars)
 * @param threshold when the check fails
 */
public record PipelineOptions(Path projectRoot, Path reportRoot, List<Path> paths, FileSelection files, Charset encoding,
                              List<Path> classpath, RuleSelection rules, ModelSettings model, Optional<Path> baselineFile,
                              Optional<Path> cacheFile, Map<String, String> cacheIdentity, FailureThreshold threshold) {
    public PipelineOptions {
        Objects.requireNonNull(projectRoot, "projectRoot");
        Objects.requireNonNull(reportRoot, "reportRoot");
        Objects.requireNonNull(model, "model");
        paths = List.copyOf(paths);
        classpath = List.copyOf(classpath);
        cacheIdentity = Map.copyOf(cacheIdentity);
    }

    /** The engine's part of the options. */
    public AnalysisRequest request() {
        return new AnalysisRequest(paths, classpath, rules, files, encoding, model);
    }
}
