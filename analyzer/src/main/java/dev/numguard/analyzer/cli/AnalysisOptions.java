package dev.numguard.analyzer.cli;

import dev.numguard.analyzer.engine.AnalysisRequest;
import dev.numguard.analyzer.engine.ModelSettings;
import dev.numguard.analyzer.engine.RuleSelection;
import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The options {@code check} and {@code fix} share: what to analyse, against what, with which rules. */
final class AnalysisOptions {
    @Parameters(arity = "1..*", paramLabel = "PATHS", description = "Java files and folders to analyse (folders recursively).")
    List<Path> paths = new ArrayList<>();

    @Option(names = {"--classpath", "-cp"}, paramLabel = "CP",
            description = "Jars and class folders the sources compile against, separated by '${sys:path.separator}'. "
                    + "Without it the sources are analysed on their own.")
    String classpath;

    @Option(names = "--enable", split = ",", paramLabel = "RULES",
            description = "Run only these rules (comma-separated ids).")
    List<String> enabled = new ArrayList<>();

    @Option(names = "--disable", split = ",", paramLabel = "RULES", description = "Do not run these rules.")
    List<String> disabled = new ArrayList<>();

    @Option(names = "--severity", split = ",", paramLabel = "RULE=LEVEL",
            description = "Change a rule's severity, e.g. NaiveSoftmax=error (levels: error, warning, info).")
    List<String> severities = new ArrayList<>();

    @Option(names = "--release", paramLabel = "N",
            description = "The Java release the sources are written for, 8 to " + ModelSettings.HIGHEST_RELEASE
                    + " (default: " + ModelSettings.HIGHEST_RELEASE + "); a file is a syntax problem only when it is not valid Java at this level.")
    int release = ModelSettings.HIGHEST_RELEASE;

    @Option(names = "--file-timeout", paramLabel = "SECONDS",
            description = "The most time one file may take; a slower file is reported as not analysed and the rest goes on (default: ${DEFAULT-VALUE}).")
    long fileTimeoutSeconds = ModelSettings.DEFAULT_FILE_BUDGET.toSeconds();

    AnalysisRequest request() {
        List<Path> classpathEntries = new ArrayList<>();
        if (classpath != null && !classpath.isBlank()) {
            Arrays.stream(classpath.split(File.pathSeparator)).filter(entry -> !entry.isBlank())
                    .map(Path::of).forEach(classpathEntries::add);
        }
        RuleSelection selection = new RuleSelection(trimmed(enabled), trimmed(disabled),
                RuleSelection.parseSeverityOverrides(severities));
        return new AnalysisRequest(paths, classpathEntries, selection,
                new ModelSettings(release, Duration.ofSeconds(fileTimeoutSeconds)));
    }

    private static Set<String> trimmed(List<String> ids) {
        Set<String> set = new LinkedHashSet<>();
        ids.stream().map(String::trim).filter(id -> !id.isEmpty()).forEach(set::add);
        return set;
    }
}
