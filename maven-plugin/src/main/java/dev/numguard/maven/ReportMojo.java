package dev.numguard.maven;

import dev.numguard.analyzer.pipeline.CheckOutcome;
import dev.numguard.analyzer.pipeline.FailureThreshold;
import dev.numguard.analyzer.pipeline.PipelineOptions;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.ResolutionScope;

/**
 * Writes the reports (by default text, JSON, SARIF and HTML into {@code target/numguard/}), logs
 * each new finding and a summary, but never fails the build on findings: numguard in report-only
 * mode. Findings recorded in the baseline are marked in the reports and not logged.
 */
@Mojo(name = "report", defaultPhase = LifecyclePhase.VERIFY, requiresDependencyResolution = ResolutionScope.TEST,
        threadSafe = true)
public class ReportMojo extends AbstractReportingMojo {
    @Override
    protected void execute(AnalysisSupplier analysis) throws MojoExecutionException {
        PipelineOptions options = pipelineOptions(FailureThreshold.DEFAULT);
        CheckOutcome outcome = judge(analysis, options);
        writeReports(outcome.report());
        logFindings(outcome.report().newFindings());
        logProblems(outcome.report().problems());
        getLog().info(FindingSummary.of(outcome.report()) + " (report only, not failing)");
    }
}
