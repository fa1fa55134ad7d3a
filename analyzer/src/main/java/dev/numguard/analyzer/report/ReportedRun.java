package dev.numguard.analyzer.report;

import dev.numguard.analyzer.baseline.Baseline;
import dev.numguard.analyzer.baseline.BaselineEntry;
import dev.numguard.analyzer.baseline.BaselineMatch;
import dev.numguard.analyzer.baseline.FindingFingerprinter;
import dev.numguard.analyzer.engine.AnalysisProblem;
import dev.numguard.analyzer.engine.AnalysisRun;
import dev.numguard.analyzer.engine.ProjectPaths;
import dev.numguard.rules.Finding;
import java.nio.file.Path;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What every report shows: an analysis run seen from the checkout, with each finding's
 * fingerprint and, when a baseline is in use, whether the finding is new or recorded in it and
 * which recorded findings are gone. Paths are shown relative to the report root (the repository
 * checkout, where code scanning resolves SARIF URIs) with {@code /} separators, so reports are the
 * same on every machine; the baseline's paths stay relative to the project (the module), so a
 * module's baseline holds however the build is started.
 */
public final class ReportedRun {
    /** How a finding stands against the baseline (SARIF's {@code baselineState} words). */
    public enum BaselineState {
        /** Not recorded in the baseline: reported and counted. */
        NEW,
        /** Recorded in the baseline: shown, marked, not counted. */
        UNCHANGED,
        /** Recorded in the baseline, no longer found. */
        ABSENT
    }

    private final AnalysisRun run;
    private final Path reportRoot;
    private final FindingFingerprinter fingerprinter;
    private final Map<Finding, BaselineEntry> entries = new IdentityHashMap<>();
    private final Set<Finding> baselined = Collections.newSetFromMap(new IdentityHashMap<>());
    private final List<Finding> newFindings;
    private final List<BaselineEntry> absent;
    private final boolean hasBaseline;

    private ReportedRun(AnalysisRun run, Path projectRoot, Path reportRoot, Optional<Baseline> baseline) {
        this.run = run;
        this.reportRoot = reportRoot.toAbsolutePath().normalize();
        this.fingerprinter = FindingFingerprinter.forRun(projectRoot, run);
        List<BaselineEntry> current = fingerprinter.entriesFor(run.findings());
        for (int i = 0; i < current.size(); i++) {
            entries.put(run.findings().get(i), current.get(i));
        }
        this.hasBaseline = baseline.isPresent();
        if (baseline.isPresent()) {
            BaselineMatch match = baseline.get().match(run.findings(), fingerprinter);
            baselined.addAll(match.baselinedFindings());
            newFindings = match.newFindings();
            absent = match.staleEntries();
        } else {
            newFindings = run.findings();
            absent = List.of();
        }
    }

    /** {@code run} without a baseline: every finding is new. */
    public static ReportedRun of(AnalysisRun run, Path projectRoot) {
        return new ReportedRun(run, projectRoot, projectRoot, Optional.empty());
    }

    /**
     * {@code run} against {@code baseline} when there is one.
     *
     * @param projectRoot what the baseline's paths are relative to
     * @param reportRoot what the reports' paths are relative to (the checkout's root)
     */
    public static ReportedRun of(AnalysisRun run, Path projectRoot, Path reportRoot, Optional<Baseline> baseline) {
        return new ReportedRun(run, projectRoot, reportRoot, baseline);
    }

    public AnalysisRun run() {
        return run;
    }

    /** The folder paths are shown relative to: SARIF's {@code %SRCROOT%}. */
    public Path reportRoot() {
        return reportRoot;
    }

    /** Every finding of the run, new and baselined, sorted. */
    public List<Finding> findings() {
        return run.findings();
    }

    /** The findings the baseline does not record: the ones that count. */
    public List<Finding> newFindings() {
        return newFindings;
    }

    /** How many findings the baseline records. */
    public int baselinedCount() {
        return baselined.size();
    }

    /** Baseline entries no current finding matches (fixed or edited code). */
    public List<BaselineEntry> absentEntries() {
        return absent;
    }

    public List<AnalysisProblem> problems() {
        return run.problems();
    }

    /** True when a baseline was applied (then every finding has a state worth showing). */
    public boolean hasBaseline() {
        return hasBaseline;
    }

    public BaselineState state(Finding finding) {
        return baselined.contains(finding) ? BaselineState.UNCHANGED : BaselineState.NEW;
    }

    /**
     * The finding's identity across runs and line shifts: the baseline's fingerprint with the
     * occurrence index ({@code <sha256>:<n>}).
     */
    public String fingerprint(Finding finding) {
        BaselineEntry entry = entries.get(finding);
        return entry == null ? "" : entry.fingerprint() + ":" + entry.occurrence();
    }

    /** The path of {@code file} relative to the report root with {@code /}; absolute when outside it. */
    public String displayPath(String file) {
        return ProjectPaths.relative(reportRoot, file);
    }

    /** The path of a baseline entry's file (relative to the project root) as reports show it. */
    public String displayPath(BaselineEntry entry) {
        return displayPath(fingerprinter.absolutePath(entry.file()));
    }
}
