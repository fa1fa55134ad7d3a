package dev.numguard.analyzer.cli;

import dev.numguard.analyzer.engine.FileSelection;
import dev.numguard.analyzer.engine.ModelSettings;
import dev.numguard.analyzer.engine.RuleSelection;
import dev.numguard.analyzer.engine.UsageException;
import dev.numguard.analyzer.pipeline.FailureThreshold;
import dev.numguard.analyzer.pipeline.PipelineOptions;
import java.io.File;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.UnsupportedCharsetException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The options {@code check}, {@code fix} and {@code baseline} share, and the one place they become
 * {@link PipelineOptions}. Names and defaults match the Maven plugin's parameters
 * (docs/options.md).
 */
final class AnalysisOptions {
    /** The baseline file used when none is named, relative to the project root (as in Maven). */
    static final String DEFAULT_BASELINE = "numguard-baseline.json";
    /** Where the analysis caches live when none is named: the user's cache folder, one file per project root. */
    static final String DEFAULT_CACHE = "$XDG_CACHE_HOME/numguard (default ~/.cache/numguard)";

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

    @Option(names = "--include", split = ",", paramLabel = "PATTERN",
            description = "Analyse only files matching these Maven-style patterns, relative to each folder given "
                    + "(default: **/*.java).")
    List<String> includes = new ArrayList<>();

    @Option(names = "--exclude", split = ",", paramLabel = "PATTERN",
            description = "Leave out files matching these patterns, e.g. **/generated/**.")
    List<String> excludes = new ArrayList<>();

    @Option(names = "--no-gitignore", description = "Also analyse files that .gitignore ignores.")
    boolean noGitignore;

    @Option(names = "--encoding", defaultValue = "UTF-8", paramLabel = "CHARSET",
            description = "The sources' encoding (default: ${DEFAULT-VALUE}); fixed files are written in it.")
    String encoding;

    @Option(names = "--project-root", paramLabel = "DIR",
            description = "Paths in reports, the baseline and diffs are relative to DIR (default: the current folder).")
    Path projectRoot;

    @Option(names = "--baseline", paramLabel = "FILE",
            description = "The baseline file (default: " + DEFAULT_BASELINE + " in the project root, used when it exists).")
    Path baseline;

    @Option(names = "--cache-file", paramLabel = "FILE",
            description = "Where the analysis cache lives (default: a file per project in " + DEFAULT_CACHE + ").")
    Path cacheFile;

    @Option(names = "--no-cache", description = "Analyse every file, without reading or writing the cache.")
    boolean noCache;

    /** The pipeline's options; {@code threshold} comes from the command ({@code check} has --fail-on). */
    PipelineOptions pipelineOptions(FailureThreshold threshold) {
        Path root = projectRoot == null ? Path.of("").toAbsolutePath() : projectRoot.toAbsolutePath();
        if (!Files.isDirectory(root)) {
            throw new UsageException("the project root is not a folder: " + root);
        }
        List<Path> classpathEntries = new ArrayList<>();
        if (classpath != null && !classpath.isBlank()) {
            Arrays.stream(classpath.split(File.pathSeparator)).filter(entry -> !entry.isBlank())
                    .map(Path::of).forEach(classpathEntries::add);
        }
        RuleSelection selection = new RuleSelection(trimmed(enabled), trimmed(disabled),
                RuleSelection.parseSeverityOverrides(severities));
        FileSelection files = new FileSelection(includes, excludes, !noGitignore);
        Optional<Path> cache = noCache ? Optional.empty()
                : Optional.of(cacheFile != null ? cacheFile : defaultCacheFile(root));
        return new PipelineOptions(root, root, paths, files, charset(encoding), classpathEntries, selection,
                new ModelSettings(release, Duration.ofSeconds(fileTimeoutSeconds)), Optional.of(baselineFile(root)), cache, Map.of("version", numguardBuild()), threshold);
    }

    /**
     * The cache outside the project (as pip and ccache keep theirs), so a run never adds files to the
     * user's tree: one file per project root, named by a hash of its path.
     */
    static Path defaultCacheFile(Path root) {
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path folder = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        String key = java.util.HexFormat.of().formatHex(sha256(root.toString())).substring(0, 16);
        return folder.resolve("numguard").resolve(key + ".json");
    }

    private static byte[] sha256(String text) {
        try {
            return java.security.MessageDigest.getInstance("SHA-256").digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    Path baselineFile(Path root) {
        return baseline != null ? baseline : root.resolve(DEFAULT_BASELINE);
    }

    static Charset charset(String name) {
        try {
            return Charset.forName(name.trim());
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            throw new UsageException("unknown encoding '" + name + "'; use a name such as UTF-8 or ISO-8859-1");
        }
    }

    /** numguard's version and the size and time of its own jar: a rebuilt snapshot must not reuse old findings. */
    private static String numguardBuild() {
        String version = dev.numguard.analyzer.report.ToolInfo.numguard().version();
        try {
            Path jar = Path.of(AnalysisOptions.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return version + ";" + Files.size(jar) + ";" + Files.getLastModifiedTime(jar).toMillis();
        } catch (IOException | java.net.URISyntaxException | RuntimeException e) {
            return version;
        }
    }

    private static Set<String> trimmed(List<String> ids) {
        Set<String> set = new LinkedHashSet<>();
        ids.stream().map(String::trim).filter(id -> !id.isEmpty()).forEach(set::add);
        return set;
    }
}
