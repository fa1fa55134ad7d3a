package dev.numguard.maven;

import dev.numguard.analyzer.engine.AnalysisProblem;
import dev.numguard.analyzer.engine.UsageException;
import dev.numguard.analyzer.pipeline.CheckOutcome;
import dev.numguard.analyzer.pipeline.FailureThreshold;
import dev.numguard.analyzer.pipeline.PipelineOptions;
import java.util.ArrayList;
import java.util.List;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;

/**
 * Analyses the module, logs every new finding as a compiler-style warning
 * ({@code [WARNING] /abs/File.java:[line,col] [RuleId] message}), writes the reports and fails the
 * build when the new findings exceed the threshold.
 *
 * <p>Findings recorded in the {@code baselineFile} (when it exists) are known debt: they are
 * marked as baselined in every report, neither logged nor counted. A file that cannot be analysed
 * is logged naming the file and line and fails the build like a violation (unless
 * {@code failOnSeverity} is {@code NEVER}).
 */
@Mojo(name = "check", defaultPhase = LifecyclePhase.VERIFY, requiresDependencyResolution = ResolutionScope.TEST,
        threadSafe = true)
public class CheckMojo extends AbstractReportingMojo {
    /** Fails the build when the thresholds are exceeded; false only reports. */
    @Parameter(property = "numguard.failOnViolation", defaultValue = "true")
    protected boolean failOnViolation;

    /** The least severe severity that counts towards failing: ERROR, WARNING, INFO or NEVER. */
    @Parameter(property = "numguard.failOnSeverity", defaultValue = "WARNING")
    protected String failOnSeverity;

    /** How many counted findings are tolerated before the build fails. */
    @Parameter(property = "numguard.maxAllowedViolations", defaultValue = "0")
    protected int maxAllowedViolations;

    @Override
    protected void execute(AnalysisSupplier analysis) throws MojoExecutionException, MojoFailureException {
        PipelineOptions options = pipelineOptions(threshold());
        CheckOutcome outcome = judge(analysis, options);
        writeReports(outcome.report());
        logFindings(outcome.report().newFindings());
        logProblems(outcome.report().problems());
        getLog().info(FindingSummary.of(outcome.report()));

        List<String> reasons = new ArrayList<>();
        if (outcome.thresholdExceeded()) {
            reasons.add(FindingSummary.of(outcome.counted()) + " at or above "
                    + options.threshold().failOn().orElseThrow() + ", more than maxAllowedViolations="
                    + options.threshold().maxAllowed());
        }
        if (outcome.failsOnProblems()) {
            reasons.add(problemSummary(outcome.report().problems()));
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

    private FailureThreshold threshold() throws MojoExecutionException {
        try {
            return new FailureThreshold(FailureThreshold.parseFailOn(failOnSeverity), maxAllowedViolations);
        } catch (UsageException e) {
            throw new MojoExecutionException("numguard: " + e.getMessage(), e);
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
