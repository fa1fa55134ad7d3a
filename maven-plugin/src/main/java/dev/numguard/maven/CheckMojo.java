package dev.numguard.maven;

import dev.numguard.analyzer.baseline.Baseline;
import dev.numguard.analyzer.baseline.BaselineMatch;
import dev.numguard.analyzer.baseline.FindingFingerprinter;
import dev.numguard.analyzer.engine.AnalysisProblem;
import dev.numguard.analyzer.engine.AnalysisRun;
import dev.numguard.analyzer.engine.RuleSelection;
import dev.numguard.analyzer.engine.UsageException;
import dev.numguard.rules.Finding;
import dev.numguard.rules.Severity;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;

/**
 * Analyses the module, logs every finding as a compiler-style warning
 * ({@code [WARNING] /abs/File.java:[line,col] [RuleId] message}), writes the reports and fails the
 * build when the findings exceed the thresholds.
 *
 * <p>Findings recorded in the {@code baselineFile} (when it exists) are known debt: they are
 * neither logged as warnings nor counted. A file that cannot be analysed (it does not parse) is
 * logged as an error naming the file and line and fails the build like a violation.
 */
@Mojo(name = "check", defaultPhase = LifecyclePhase.VERIFY, requiresDependencyResolution = ResolutionScope.TEST,
        threadSafe = true)
public class CheckMojo extends AbstractReportingMojo {
    /** Fails the build when the thresholds are exceeded; false only reports. */
    @Parameter(property = "numguard.failOnViolation", defaultValue = "true")
    protected boolean failOnViolation;

    /** The least severe severity that counts towards failing: ERROR, WARNING or INFO. */
    @Parameter(property = "numguard.failOnSeverity", defaultValue = "WARNING")
    protected String failOnSeverity;

    /** How many counted findings are tolerated before the build fails. */
    @Parameter(property = "numguard.maxAllowedViolations", defaultValue = "0")
    protected int maxAllowedViolations;

    @Override
    protected void execute(AnalysisSupplier analysis) throws MojoExecutionException, MojoFailureException {
        ViolationThreshold threshold = threshold();
        AnalysisRun run = analysis.get();
        writeReports(run);

        List<Finding> reported = run.findings();
        if (baselineFile != null && Files.isRegularFile(baselineFile.toPath())) {
            BaselineMatch match = matchBaseline(run.findings());
            reported = match.newFindings();
            getLog().info("numguard: " + match.baselinedFindings().size() + " findings are in the baseline "
                    + baselineFile + " and not reported" + (match.staleEntries().isEmpty() ? ""
                    : "; " + match.staleEntries().size() + " baseline entries no longer occur (run numguard:baseline"
                    + " to drop them)"));
        }
        logFindings(reported);
        logProblems(run.problems());
        String summary = FindingSummary.of(reported);
        getLog().info(summary);

        List<Finding> counted = threshold.counted(reported);
        List<String> reasons = new ArrayList<>();
        if (threshold.isExceededBy(reported)) {
            reasons.add(FindingSummary.of(counted) + " at or above " + threshold.failOnSeverity()
                    + ", more than maxAllowedViolations=" + threshold.maxAllowed());
        }
        if (!run.problems().isEmpty()) {
            reasons.add(problemSummary(run.problems()));
        }
        if (reasons.isEmpty()) {
            return;
        }
        String message = String.join("; ", reasons) + ". Reports: " + outputDirectory;
        if (failOnViolation) {
            throw new MojoFailureException(message);
        }
        getLog().warn(message + " (not failing: failOnViolation=false)");
    }

    private ViolationThreshold threshold() throws MojoExecutionException {
        try {
            Severity severity = RuleSelection.parseSeverity(failOnSeverity);
            return new ViolationThreshold(severity, maxAllowedViolations);
        } catch (UsageException | IllegalArgumentException e) {
            throw new MojoExecutionException("numguard: " + e.getMessage(), e);
        }
    }

    private BaselineMatch matchBaseline(List<Finding> findings) throws MojoExecutionException {
        try {
            FindingFingerprinter fingerprinter = new FindingFingerprinter(project.getBasedir().toPath());
            return Baseline.read(baselineFile.toPath()).match(findings, fingerprinter);
        } catch (IOException e) {
            throw new MojoExecutionException("numguard: cannot read the baseline: " + e.getMessage(), e);
        }
    }

    private static String problemSummary(List<AnalysisProblem> problems) {
        List<String> where = problems.stream().limit(5)
                .map(problem -> CompilerStyleMessages.location(problem.file(), problem.line(), problem.column()))
                .toList();
        return "numguard: " + problems.size() + (problems.size() == 1 ? " file" : " files")
                + " could not be analysed: " + String.join(", ", where) + (problems.size() > 5 ? ", …" : "");
    }
}
