package dev.numguard.analyzer.pipeline;

import dev.numguard.analyzer.baseline.Baseline;
import dev.numguard.analyzer.baseline.FindingFingerprinter;
import dev.numguard.analyzer.cache.AnalysisCache;
import dev.numguard.analyzer.cache.CacheKey;
import dev.numguard.analyzer.cache.CacheLookup;
import dev.numguard.analyzer.engine.AnalysisProblem;
import dev.numguard.analyzer.engine.AnalysisResult;
import dev.numguard.analyzer.engine.AnalysisRun;
import dev.numguard.analyzer.engine.Analyzer;
import dev.numguard.analyzer.engine.FileErrors;
import dev.numguard.analyzer.engine.JavaFileCollector;
import dev.numguard.analyzer.engine.PhaseTimings;
import dev.numguard.analyzer.engine.ProgressListener;
import dev.numguard.analyzer.engine.SourceFileReader;
import dev.numguard.analyzer.engine.UsageException;
import dev.numguard.analyzer.report.ReportedRun;
import dev.numguard.rules.Rule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * numguard's pipeline, the same behind every front door: select the files, reuse the cached
 * analysis or analyse (reading each file once, in the build's encoding), apply the baseline, and
 * judge the result against the failure threshold. The CLI and the Maven goals only translate
 * their options into {@link PipelineOptions} and print what comes back.
 */
public final class Pipeline {
    private final Analyzer analyzer;
    private final List<? extends Rule> availableRules;
    private final Consumer<String> notes;

    /**
     * @param analyzer the engine
     * @param availableRules every rule that may be selected
     * @param notes hears one line per noteworthy step (cache hit or miss, files analysed)
     */
    public Pipeline(Analyzer analyzer, List<? extends Rule> availableRules, Consumer<String> notes) {
        this.analyzer = analyzer;
        this.availableRules = List.copyOf(availableRules);
        this.notes = notes;
    }

    /**
     * Analyses, or rebuilds the previous run from the cache when nothing the analysis depends on
     * changed (sources, classpath, encoding, rules, numguard itself).
     */
    public AnalysisRun analyse(PipelineOptions options, ProgressListener progress) {
        if (options.cacheFile().isEmpty()) {
            AnalysisRun run = analyzer.analyze(options.request(), progress);
            notes.accept("analysed " + files(run.result().filesAnalysed()) + " in " + millis(run.wallNanos())
                    + " ms (analysis cache off)");
            return run;
        }
        long start = System.nanoTime();
        List<Rule> rules = options.rules().select(availableRules);
        JavaFileCollector.Collected collected = new JavaFileCollector().collect(options.paths(), options.files());
        AnalysisCache cache = new AnalysisCache(options.cacheFile().get());
        CacheKey key;
        try {
            key = CacheKey.builder()
                    .version(options.cacheIdentity().getOrDefault("version", ""))
                    .configuration(cacheConfiguration(options))
                    .sources(collected.files())
                    .classpath(options.classpath())
                    .build();
        } catch (IOException e) {
            // a file vanished or cannot be read: the analysis reports it per file
            AnalysisRun run = analyzer.analyze(options.request(), progress);
            notes.accept("analysed " + files(run.result().filesAnalysed()) + " (analysis cache skipped: "
                    + FileErrors.inWords(e) + ")");
            return run;
        }
        CacheLookup lookup = cache.lookup(key);
        if (lookup.isHit()) {
            AnalysisResult cached = lookup.result().orElseThrow();
            AnalysisRun run = fromCache(cached, collected, rules, options, System.nanoTime() - start);
            notes.accept("analysis cache hit, 0 files analysed (reused " + cached.findings().size() + " findings for "
                    + files(collected.files().size()) + " from " + cache.file() + ")");
            return run;
        }
        AnalysisRun run = analyzer.analyze(options.request(), progress);
        try {
            cache.store(key, run.result());
        } catch (IOException e) {
            notes.accept("cannot write the analysis cache " + cache.file() + ": " + FileErrors.inWords(e));
        }
        notes.accept("analysed " + files(run.result().filesAnalysed()) + " in " + millis(run.wallNanos())
                + " ms (analysis cache miss: " + lookup.reason() + ")");
        return run;
    }

    /** Analyses, applies the baseline and judges the result. */
    public CheckOutcome check(PipelineOptions options, ProgressListener progress) {
        return judge(analyse(options, progress), options);
    }

    /** Applies the baseline to {@code run} and judges it against the threshold. */
    public CheckOutcome judge(AnalysisRun run, PipelineOptions options) {
        ReportedRun report = ReportedRun.of(run, options.projectRoot(), options.reportRoot(), readBaseline(options));
        FailureThreshold threshold = options.threshold();
        return new CheckOutcome(report, threshold.counted(report.newFindings()),
                threshold.isExceededBy(report.newFindings()),
                threshold.failsOnProblems() && !report.problems().isEmpty());
    }

    /**
     * Records the findings of {@code run} as the baseline in {@code options.baselineFile()}.
     *
     * @throws UsageException when files could not be analysed (their findings would be missing) or
     *     no baseline file is configured
     */
    public Baseline recordBaseline(AnalysisRun run, PipelineOptions options) throws IOException {
        Path file = options.baselineFile().orElseThrow(() -> new UsageException("no baseline file given"));
        if (!run.problems().isEmpty()) {
            throw new UsageException("not writing a baseline while " + files(run.problems().size())
                    + " cannot be analysed; their findings would be missing from it");
        }
        Baseline baseline = Baseline.of(run.findings(), FindingFingerprinter.forRun(options.projectRoot(), run));
        baseline.write(file);
        return baseline;
    }

    private static Optional<Baseline> readBaseline(PipelineOptions options) {
        if (options.baselineFile().isEmpty() || !Files.isRegularFile(options.baselineFile().get())) {
            return Optional.empty();
        }
        try {
            return Optional.of(Baseline.read(options.baselineFile().get()));
        } catch (IOException e) {
            throw new UsageException("cannot read the baseline " + options.baselineFile().get() + ": " + e.getMessage());
        }
    }

    private static Map<String, String> cacheConfiguration(PipelineOptions options) {
        Map<String, String> configuration = new TreeMap<>(options.cacheIdentity());
        configuration.put("encoding", options.encoding().name());
        configuration.put("release", Integer.toString(options.model().release()));
        configuration.put("fileBudget", options.model().fileBudget().toString());
        configuration.put("enabled", new java.util.TreeSet<>(options.rules().enabled()).toString());
        configuration.put("disabled", new java.util.TreeSet<>(options.rules().disabled()).toString());
        configuration.put("severities", new TreeMap<>(options.rules().severityOverrides()).toString());
        return configuration;
    }

    /**
     * Rebuilds the run around a cached result. The sources are read again (the key proved they are
     * byte-identical to the analysed ones); a file that cannot be read now is reported as a
     * problem, as a fresh analysis would.
     */
    private static AnalysisRun fromCache(AnalysisResult cached, JavaFileCollector.Collected collected, List<Rule> rules,
                                         PipelineOptions options, long nanos) {
        Map<String, String> sources = new LinkedHashMap<>();
        List<AnalysisProblem> problems = new ArrayList<>(cached.problems());
        for (Path file : collected.files()) {
            try {
                sources.put(file.toString(), SourceFileReader.read(file, options.encoding()));
            } catch (IOException e) {
                if (problems.stream().noneMatch(problem -> problem.file().equals(file.toString()))) {
                    problems.add(new AnalysisProblem(file.toString(), 0, 0, "cannot be read: " + FileErrors.inWords(e)));
                }
            }
        }
        AnalysisResult result = new AnalysisResult(cached.findings(), problems, cached.filesAnalysed());
        return new AnalysisRun(result, rules, collected.files(), sources, PhaseTimings.NONE, nanos, options.encoding());
    }

    private static String files(int count) {
        return count + (count == 1 ? " file" : " files");
    }

    private static long millis(long nanos) {
        return Math.round(nanos / 1e6);
    }
}
