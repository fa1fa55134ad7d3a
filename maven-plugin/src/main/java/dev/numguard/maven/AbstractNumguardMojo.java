package dev.numguard.maven;

import dev.numguard.analyzer.engine.AnalysisRun;
import dev.numguard.analyzer.engine.FileSelection;
import dev.numguard.analyzer.engine.ModelSettings;
import dev.numguard.analyzer.engine.ProgressListener;
import dev.numguard.analyzer.engine.ProjectPaths;
import dev.numguard.analyzer.engine.RuleSelection;
import dev.numguard.analyzer.engine.UsageException;
import dev.numguard.analyzer.pipeline.CheckOutcome;
import dev.numguard.analyzer.pipeline.FailureThreshold;
import dev.numguard.analyzer.pipeline.Pipeline;
import dev.numguard.analyzer.pipeline.PipelineOptions;
import dev.numguard.rules.RuleRegistry;
import dev.numguard.rules.Severity;
import java.io.File;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.apache.maven.artifact.Artifact;
import org.apache.maven.artifact.DependencyResolutionRequiredException;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.descriptor.PluginDescriptor;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;

/**
 * What every numguard goal shares: which files of the module are analysed, with which rules and
 * classpath, and the cached analysis.
 *
 * <p>Goals keep no state outside their own instance (Maven creates one per module and execution),
 * so they are safe in parallel builds.
 */
public abstract class AbstractNumguardMojo extends AbstractMojo {
    /** The module being built. */
    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    protected MavenProject project;

    /** This plugin, for its version and its own jars (part of the analysis cache key). */
    @Parameter(defaultValue = "${plugin}", readonly = true, required = true)
    protected PluginDescriptor plugin;

    /** Skips numguard entirely. */
    @Parameter(property = "numguard.skip", defaultValue = "false")
    protected boolean skip;

    /** Also analyses the test sources, against the test classpath. */
    @Parameter(property = "numguard.includeTests", defaultValue = "false")
    protected boolean includeTests;

    /**
     * Which files of the source roots to analyse: globs relative to a source root, such as
     * {@code **}{@code /*.java} (the default) or {@code com/acme/model/**}.
     */
    @Parameter(property = "numguard.includes")
    protected List<String> includes;

    /** Files to leave out, as globs relative to a source root, e.g. {@code **}{@code /generated/**}. */
    @Parameter(property = "numguard.excludes")
    protected List<String> excludes;

    /** Only these rules run (ids such as {@code NaiveSoftmax}); empty means all rules. */
    @Parameter(property = "numguard.enabledRules")
    protected List<String> enabledRules;

    /** These rules do not run; disabling wins over enabling. */
    @Parameter(property = "numguard.disabledRules")
    protected List<String> disabledRules;

    /**
     * Severity per rule id, replacing the rule's default, e.g.
     * {@code <severities><NaiveSoftmax>ERROR</NaiveSoftmax><Log1p>INFO</Log1p></severities>}.
     * Values: {@code ERROR}, {@code WARNING}, {@code INFO} (any case).
     */
    @Parameter
    protected Map<String, String> severities;

    /**
     * The sources' encoding; fixed files are written back in it. Defaults to the build's
     * {@code project.build.sourceEncoding}, and to UTF-8 when the build does not set one.
     */
    @Parameter(property = "numguard.encoding", defaultValue = "${project.build.sourceEncoding}")
    protected String encoding;

    /** Skips files that the project's {@code .gitignore} files ignore. */
    @Parameter(property = "numguard.respectGitignore", defaultValue = "true")
    protected boolean respectGitignore;

    /** Where reports, the analysis cache and diffs go. */
    @Parameter(property = "numguard.outputDirectory", defaultValue = "${project.build.directory}/numguard")
    protected File outputDirectory;

    /**
     * Reuses the previous findings when the sources, classpath, configuration and numguard itself
     * are unchanged, skipping the analysis.
     */
    @Parameter(property = "numguard.analysisCache", defaultValue = "true")
    protected boolean analysisCache;

    /**
     * The baseline: findings recorded by the {@code baseline} goal, which {@code check} does not
     * report as new. Keep it under version control.
     */
    @Parameter(property = "numguard.baselineFile", defaultValue = "${project.basedir}/numguard-baseline.json")
    protected File baselineFile;

    @Override
    public final void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("numguard: skipped (numguard.skip)");
            return;
        }
        execute(this::analyse);
    }

    /** The goal's work; {@code analysis} runs (or reuses) the module's analysis when called. */
    protected abstract void execute(AnalysisSupplier analysis) throws MojoExecutionException, MojoFailureException;

    /** Runs the module's analysis on demand. */
    @FunctionalInterface
    protected interface AnalysisSupplier {
        AnalysisRun get() throws MojoExecutionException;
    }

    /** The analysis cache, shared by every goal of the module. */
    private static final String CACHE_FILE = "analysis-cache.json";

    private AnalysisRun analyse() throws MojoExecutionException {
        PipelineOptions options = pipelineOptions(FailureThreshold.DEFAULT);
        try {
            return pipeline().analyse(options, ProgressListener.NONE);
        } catch (UsageException | UncheckedIOException e) {
            throw new MojoExecutionException("numguard: " + e.getMessage(), e);
        }
    }

    /** Applies the baseline to the module's analysis and judges it against {@code options}' threshold. */
    protected CheckOutcome judge(AnalysisSupplier analysis, PipelineOptions options) throws MojoExecutionException {
        AnalysisRun run = analysis.get();
        try {
            return pipeline().judge(run, options);
        } catch (UsageException e) {
            throw new MojoExecutionException("numguard: " + e.getMessage(), e);
        }
    }

    /** The pipeline, its notes logged at INFO. */
    protected Pipeline pipeline() {
        return new Pipeline(NumguardAnalyzer.create(), RuleRegistry.all(), note -> getLog().info("numguard: " + note));
    }

    /**
     * The goal's parameters as the pipeline's options (the CLI builds the same from its flags).
     *
     * @throws MojoExecutionException for an unknown rule id, severity or encoding
     */
    protected PipelineOptions pipelineOptions(FailureThreshold threshold) throws MojoExecutionException {
        try {
            Charset charset = encoding == null || encoding.isBlank() ? StandardCharsets.UTF_8 : Charset.forName(encoding.trim());
            FileSelection files = new FileSelection(listOf(includes), listOf(excludes), respectGitignore);
            List<Path> roots = sourceRoots().stream().filter(Files::isDirectory).toList();
            Optional<Path> cache = analysisCache
                    ? Optional.of(outputDirectory.toPath().resolve(CACHE_FILE)) : Optional.empty();
            return new PipelineOptions(project.getBasedir().toPath(), checkoutRoot(), roots, files, charset, classpath(), ruleSelection(),
                    modelSettings(), Optional.ofNullable(baselineFile).map(File::toPath), cache, cacheIdentity(), threshold);
        } catch (UsageException e) {
            throw new MojoExecutionException("numguard: " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new MojoExecutionException("numguard: unknown encoding '" + encoding + "'", e);
        }
    }

    /**
     * The repository checkout the module lives in (the nearest folder up from the module that holds
     * {@code .git}), or the module itself outside a repository: code scanning resolves SARIF URIs
     * against the checkout, so a module's reports name files from there.
     */
    private Path checkoutRoot() {
        Path module = project.getBasedir().toPath().toAbsolutePath().normalize();
        for (Path folder = module; folder != null; folder = folder.getParent()) {
            if (Files.exists(folder.resolve(".git"))) {
                return folder;
            }
        }
        return module;
    }

    private static List<String> listOf(List<String> values) {
        return values == null ? List.of() : values;
    }

    /** The module's source roots: main, plus test with {@code includeTests}. */
    protected List<Path> sourceRoots() {
        Set<String> roots = new LinkedHashSet<>(project.getCompileSourceRoots());
        if (includeTests) {
            roots.addAll(project.getTestCompileSourceRoots());
        }
        return roots.stream().map(Path::of).toList();
    }

    /**
     * The compile classpath (the test classpath with {@code includeTests}) without the module's own
     * output folders and without entries that do not exist. The module's own classes are compiled
     * from the very sources being analysed, so they add nothing, and leaving them out keeps a
     * recompilation from invalidating the analysis cache.
     */
    protected List<Path> classpath() throws MojoExecutionException {
        List<String> elements;
        try {
            elements = includeTests ? project.getTestClasspathElements() : project.getCompileClasspathElements();
        } catch (DependencyResolutionRequiredException e) {
            throw new MojoExecutionException("numguard: the module's dependencies are not resolved", e);
        }
        Set<Path> ownOutput = Set.of(
                Path.of(project.getBuild().getOutputDirectory()).toAbsolutePath().normalize(),
                Path.of(project.getBuild().getTestOutputDirectory()).toAbsolutePath().normalize());
        List<Path> entries = new ArrayList<>();
        for (String element : elements) {
            Path entry = Path.of(element).toAbsolutePath().normalize();
            if (Files.exists(entry) && !ownOutput.contains(entry)) {
                entries.add(entry);
            }
        }
        return entries;
    }

    /** The configured rules and severities; unknown ids and severities are errors. */
    protected RuleSelection ruleSelection() {
        Map<String, Severity> overrides = new TreeMap<>();
        if (severities != null) {
            severities.forEach((rule, severity) -> overrides.put(rule.trim(), RuleSelection.parseSeverity(severity)));
        }
        return new RuleSelection(ids(enabledRules), ids(disabledRules), overrides);
    }

    private static Set<String> ids(List<String> values) {
        Set<String> ids = new LinkedHashSet<>();
        if (values != null) {
            for (String value : values) {
                for (String id : value.split(",")) {
                    if (!id.isBlank()) {
                        ids.add(id.trim());
                    }
                }
            }
        }
        return ids;
    }

    /**
     * The language level the module's sources are parsed at: {@code maven.compiler.release}, else
     * {@code maven.compiler.source} ({@code 1.8} is 8), else the highest numguard parses; levels
     * below 8 are parsed as 8, above the highest as the highest.
     */
    private ModelSettings modelSettings() {
        java.util.Properties properties = project.getProperties();
        String level = properties.getProperty("maven.compiler.release", properties.getProperty("maven.compiler.source"));
        int release = ModelSettings.HIGHEST_RELEASE;
        if (level != null) {
            try {
                String trimmed = level.trim();
                release = Integer.parseInt(trimmed.startsWith("1.") ? trimmed.substring(2) : trimmed);
            } catch (NumberFormatException e) {
                getLog().warn("numguard: cannot read the Java level '" + level + "'; parsing at Java "
                        + ModelSettings.HIGHEST_RELEASE);
            }
        }
        release = Math.max(ModelSettings.LOWEST_RELEASE, Math.min(ModelSettings.HIGHEST_RELEASE, release));
        return new ModelSettings(release, ModelSettings.DEFAULT_FILE_BUDGET);
    }

    /**
     * What besides sources, classpath and rules the cached findings depend on: the plugin's version
     * and the size and time of numguard's own jars (a rebuilt snapshot must not reuse old
     * findings), and whether tests are included.
     */
    private Map<String, String> cacheIdentity() {
        StringBuilder version = new StringBuilder(plugin.getVersion());
        for (Artifact artifact : plugin.getArtifacts()) {
            if (artifact.getGroupId().equals(plugin.getGroupId()) && artifact.getFile() != null) {
                File file = artifact.getFile();
                version.append(';').append(artifact.getArtifactId()).append(':').append(file.length()).append(':')
                        .append(file.lastModified());
            }
        }
        return Map.of("version", version.toString(), "includeTests", Boolean.toString(includeTests));
    }

    /** The path of {@code file} relative to the module, for short log lines. */
    protected String relativeToModule(Path file) {
        return ProjectPaths.relative(project.getBasedir().toPath(), file.toString());
    }
}
