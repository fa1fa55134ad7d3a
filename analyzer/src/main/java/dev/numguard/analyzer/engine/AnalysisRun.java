package dev.numguard.analyzer.engine;

import dev.numguard.rules.Finding;
import dev.numguard.rules.Rule;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One analysis run with everything reports and the fixer need besides the findings.
 *
 * @param result findings (severity overrides applied, sorted) and problems (sorted)
 * @param rules the rules that ran
 * @param files the Java files that were found, including those that could not be read
 * @param sources the decoded text of every file handed to the front end, keyed by
 *     {@link Path#toString()} (the key {@link Finding#file()} uses)
 * @param timings where the time went: reading, the front end, and the rules within it (by rule)
 * @param wallNanos wall-clock time of the whole run
 * @param encoding the encoding the sources were read in (and fixed files are written in)
 */
public record AnalysisRun(AnalysisResult result, List<Rule> rules, List<Path> files, Map<String, String> sources,
                          PhaseTimings timings, long wallNanos, Charset encoding) {
    public AnalysisRun {
        rules = List.copyOf(rules);
        files = List.copyOf(files);
        sources = Map.copyOf(sources);
        Objects.requireNonNull(encoding, "encoding");
    }

    /** A run over UTF-8 sources. */
    public AnalysisRun(AnalysisResult result, List<Rule> rules, List<Path> files, Map<String, String> sources,
                       PhaseTimings timings, long wallNanos) {
        this(result, rules, files, sources, timings, wallNanos, StandardCharsets.UTF_8);
    }

    /** The decoded text of {@code file} (as named in a finding), when it was read. */
    public Optional<String> source(String file) {
        return Optional.ofNullable(sources.get(file));
    }

    public List<Finding> findings() {
        return result.findings();
    }

    public List<AnalysisProblem> problems() {
        return result.problems();
    }
}
