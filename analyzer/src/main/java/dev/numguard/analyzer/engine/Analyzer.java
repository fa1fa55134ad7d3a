package dev.numguard.analyzer.engine;

import dev.numguard.rules.Finding;
import dev.numguard.rules.Rule;
import dev.numguard.rules.Severity;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * numguard's engine: expands paths into Java files, checks that each decodes in the build's encoding, runs the
 * selected rules through a {@link FrontEnd}, applies severity overrides and sorts the findings.
 *
 * <p>A file that cannot be read or decoded becomes an {@link AnalysisProblem} naming it and is not
 * handed to the front end; the rest is analysed. A front end that fails as a whole (throws) turns
 * into one problem for the run rather than a crash, so reports still come out.
 */
public final class Analyzer {
    /** Orders findings by file, then position, then rule id, so that reports are reproducible. */
    public static final Comparator<Finding> FINDING_ORDER = Comparator.comparing(Finding::file)
            .thenComparingInt(finding -> finding.span().start())
            .thenComparing(Finding::ruleId)
            .thenComparingInt(finding -> finding.span().end())
            .thenComparing(Finding::message);

    /** Orders problems by file, then line and column. */
    public static final Comparator<AnalysisProblem> PROBLEM_ORDER = Comparator.comparing(AnalysisProblem::file)
            .thenComparingInt(AnalysisProblem::line)
            .thenComparingInt(AnalysisProblem::column)
            .thenComparing(AnalysisProblem::message);

    private final FrontEnd frontEnd;
    private final List<Rule> availableRules;
    private final JavaFileCollector collector = new JavaFileCollector();

    /**
     * @param frontEnd turns sources into the model and runs rules on it
     * @param availableRules every rule that may be selected (normally {@code RuleRegistry.all()})
     */
    public Analyzer(FrontEnd frontEnd, List<? extends Rule> availableRules) {
        this.frontEnd = Objects.requireNonNull(frontEnd, "frontEnd");
        this.availableRules = List.copyOf(availableRules);
    }

    /**
     * Runs one analysis.
     *
     * @throws UsageException for an unknown rule id, a missing path or classpath entry
     */
    public AnalysisRun analyze(AnalysisRequest request, ProgressListener progress) {
        long startNanos = System.nanoTime();
        List<Rule> rules = request.selection().select(availableRules);
        for (Path entry : request.classpath()) {
            if (!Files.exists(entry)) {
                throw new UsageException("classpath entry does not exist: " + entry);
            }
        }
        JavaFileCollector.Collected collected = collector.collect(request.paths(), request.files());
        List<Path> files = collected.files();

        List<AnalysisProblem> problems = new ArrayList<>(collected.problems());
        Map<String, String> sources = new LinkedHashMap<>();
        List<Path> readable = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            Path file = files.get(i);
            progress.progress("reading", i, files.size());
            try {
                sources.put(file.toString(), SourceFileReader.read(file, request.encoding()));
                readable.add(file);
            } catch (SourceFileReader.UndecodableException e) {
                problems.add(new AnalysisProblem(file.toString(), e.line(), e.column(), e.getMessage()));
            } catch (IOException e) {
                problems.add(new AnalysisProblem(file.toString(), 1, 1, "cannot be read: " + FileErrors.inWords(e)));
            }
        }
        progress.progress("reading", files.size(), files.size());
        long readNanos = System.nanoTime() - startNanos;

        List<TimedRule> timedRules = rules.stream().map(TimedRule::new).toList();
        List<Rule> rulesToRun = List.copyOf(timedRules);
        AnalysisResult frontEndResult;
        long frontEndStart = System.nanoTime();
        progress.progress("analysing", 0, readable.size());
        if (readable.isEmpty()) {
            frontEndResult = new AnalysisResult(List.of(), List.of(), 0);
        } else {
            try {
                frontEndResult = LargeStackRunner.call("numguard-analysis",
                        () -> frontEnd.analyze(readable, request.encoding(), request.classpath(), rulesToRun,
                                request.model(), progress));
            } catch (RuntimeException | Error e) {
                // an internal error (or running out of memory outside the front end's own care):
                // every file is named as not analysed, so the report says what is missing and why
                String reason = "not analysed: internal error in the front end: " + oneLine(e);
                List<AnalysisProblem> notAnalysed = new ArrayList<>();
                readable.forEach(file -> notAnalysed.add(new AnalysisProblem(file.toString(), 1, 1, reason)));
                frontEndResult = new AnalysisResult(List.of(), notAnalysed, 0);
            }
        }
        long frontEndNanos = System.nanoTime() - frontEndStart;
        progress.progress("analysing", readable.size(), readable.size());

        Map<String, Long> ruleNanos = new LinkedHashMap<>();
        timedRules.forEach(rule -> ruleNanos.put(rule.id(), rule.nanos()));
        long rulesNanos = ruleNanos.values().stream().mapToLong(Long::longValue).sum();
        PhaseTimings timings = new PhaseTimings(readNanos, frontEndNanos, rulesNanos, ruleNanos);
        AnalysisResult result = finish(frontEndResult, problems, rules, request.selection());
        return new AnalysisRun(result, rules, files, sources, timings, System.nanoTime() - startNanos, request.encoding());
    }

    /** The exception's class and message on one line, e.g. for an internal error. */
    private static String oneLine(Throwable e) {
        String message = e.getMessage() == null ? "" : ": " + e.getMessage().lines().findFirst().orElse("");
        return e.getClass().getSimpleName() + message;
    }

    private static AnalysisResult finish(AnalysisResult fromFrontEnd, List<AnalysisProblem> readProblems,
                                         List<Rule> rules, RuleSelection selection) {
        Map<String, Rule> byId = new HashMap<>();
        rules.forEach(rule -> byId.put(rule.id(), rule));
        List<Finding> findings = new ArrayList<>();
        for (Finding finding : fromFrontEnd.findings()) {
            Rule rule = byId.get(finding.ruleId());
            if (rule != null) {
                // a rule may report a finding it is unsure of below its default; a configured severity still wins
                Severity ruleDefault = rule.metadata().defaultSeverity();
                boolean lowered = finding.severity() != ruleDefault && selection.severityOf(rule) == ruleDefault;
                findings.add(lowered ? finding : finding.withSeverity(selection.severityOf(rule)));
            }
        }
        findings.sort(FINDING_ORDER);
        List<AnalysisProblem> problems = new ArrayList<>(readProblems);
        problems.addAll(fromFrontEnd.problems());
        problems.sort(PROBLEM_ORDER);
        return new AnalysisResult(findings, problems, fromFrontEnd.filesAnalysed());
    }
}
