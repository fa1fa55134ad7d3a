package dev.numguard.maven;

import dev.numguard.analyzer.engine.AnalysisRun;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.ResolutionScope;

/**
 * Writes the reports (by default text, JSON, SARIF and HTML into {@code target/numguard/}), logs
 * each finding and a summary, but never fails the build on findings: numguard in report-only
 * mode.
 */
@Mojo(name = "report", defaultPhase = LifecyclePhase.VERIFY, requiresDependencyResolution = ResolutionScope.TEST,
        threadSafe = true)
public class ReportMojo extends AbstractReportingMojo {
    @Override
    protected void execute(AnalysisSupplier analysis) throws MojoExecutionException {
        AnalysisRun run = analysis.get();
        writeReports(run);
        logFindings(run.findings());
        logProblems(run.problems());
        getLog().info(FindingSummary.of(run.findings()) + " (report only, not failing)");
    }
}
