package dev.numguard.maven;

import dev.numguard.analyzer.cache.AnalysisCache;
import dev.numguard.analyzer.cache.CacheKey;
import dev.numguard.analyzer.cache.CacheLookup;
import dev.numguard.analyzer.engine.AnalysisProblem;
import dev.numguard.analyzer.engine.AnalysisRequest;
import dev.numguard.analyzer.engine.AnalysisResult;
import dev.numguard.analyzer.engine.AnalysisRun;
import dev.numguard.analyzer.engine.Analyzer;
import dev.numguard.analyzer.engine.PhaseTimings;
import dev.numguard.analyzer.engine.ProgressListener;
import dev.numguard.analyzer.engine.RuleSelection;
import dev.numguard.analyzer.engine.SourceFileReader;
import dev.numguard.rules.Rule;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.maven.plugin.logging.Log;

/**
 * Analyses one module's selected sources, or reuses the cached findings when nothing the analysis
 * depends on has changed (see {@link CacheKey}: sources, classpath, configuration, numguard's own
 * jars).
 *
 * <p>Either way the result is a full {@link AnalysisRun}, with the sources' text, so reports and
 * the fixer work the same on a cache hit. The cache is one file per module and goal in the
 * module's output folder, so parallel module builds ({@code -T}) never share one. Every outcome
 * is logged on one line that says how many files were analysed: {@code numguard: analysis cache
 * hit, 0 files analysed …} on a hit.
 */
final class ModuleAnalysis {
    private final Analyzer analyzer;
    private final List<Rule> availableRules;
    private final Log log;

    ModuleAnalysis(Analyzer analyzer, List<Rule> availableRules, Log log) {
        this.analyzer = analyzer;
        this.availableRules = List.copyOf(availableRules);
        this.log = log;
    }

    /**
     * @param files the Java files to analyse (absolute)
     * @param classpath existing classpath entries
     * @param selection the rules and severities
     * @param cache where to keep the cached result; empty to analyse every time
     * @param cacheIdentity the numguard version and configuration the key must also cover
     */
    AnalysisRun run(List<Path> files, List<Path> classpath, RuleSelection selection, Optional<AnalysisCache> cache,
                    Map<String, String> cacheIdentity) throws IOException {
        List<Rule> rules = selection.select(availableRules);
        if (files.isEmpty()) {
            log.info("numguard: no Java sources to analyse");
            return new AnalysisRun(new AnalysisResult(List.of(), List.of(), 0), rules, List.of(), Map.of(),
                    PhaseTimings.NONE, 0);
        }
        if (cache.isEmpty()) {
            AnalysisRun run = analyze(files, classpath, selection);
            log.info("numguard: analysed " + files(run.result().filesAnalysed()) + " in " + millis(run.wallNanos())
                    + " ms (analysis cache off)");
            return run;
        }
        long start = System.nanoTime();
        CacheKey key = CacheKey.builder()
                .version(cacheIdentity.getOrDefault("version", ""))
                .configuration(cacheIdentity)
                .sources(files)
                .classpath(classpath)
                .build();
        CacheLookup lookup = cache.get().lookup(key);
        if (lookup.isHit()) {
            AnalysisResult cached = lookup.result().orElseThrow();
            AnalysisRun run = fromCache(cached, files, rules, System.nanoTime() - start);
            log.info("numguard: analysis cache hit, 0 files analysed (reused " + cached.findings().size()
                    + " findings for " + files(files.size()) + " from " + cache.get().file() + ")");
            return run;
        }
        AnalysisRun run = analyze(files, classpath, selection);
        cache.get().store(key, run.result());
        log.info("numguard: analysed " + files(run.result().filesAnalysed()) + " in " + millis(run.wallNanos())
                + " ms (analysis cache miss: " + lookup.reason() + ")");
        if (log.isDebugEnabled()) {
            lookup.changedFiles().forEach(file -> log.debug("numguard: changed since the cached analysis: " + file));
        }
        return run;
    }

    private AnalysisRun analyze(List<Path> files, List<Path> classpath, RuleSelection selection) {
        return analyzer.analyze(new AnalysisRequest(files, classpath, selection), ProgressListener.NONE);
    }

    /**
     * Rebuilds the run around a cached result. The sources are read again (the key proved they are
     * byte-identical to the analysed ones); a file that cannot be read now is reported as a
     * problem, as a fresh analysis would.
     */
    private static AnalysisRun fromCache(AnalysisResult cached, List<Path> files, List<Rule> rules,
                                         long nanos) {
        Map<String, String> sources = new LinkedHashMap<>();
        List<AnalysisProblem> problems = new ArrayList<>(cached.problems());
        for (Path file : files) {
            try {
                sources.put(file.toString(), SourceFileReader.readUtf8(file));
            } catch (IOException e) {
                if (problems.stream().noneMatch(problem -> problem.file().equals(file.toString()))) {
                    problems.add(new AnalysisProblem(file.toString(), 0, 0, e.getMessage()));
                }
            }
        }
        AnalysisResult result = new AnalysisResult(cached.findings(), problems, cached.filesAnalysed());
        return new AnalysisRun(result, rules, files, sources, PhaseTimings.NONE, nanos);
    }

    private static String files(int count) {
        return count + (count == 1 ? " file" : " files");
    }

    private static long millis(long nanos) {
        return Math.round(nanos / 1e6);
    }
}
