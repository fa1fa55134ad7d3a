package dev.numguard.maven;

import dev.numguard.analyzer.baseline.Baseline;
import dev.numguard.analyzer.engine.AnalysisRun;
import dev.numguard.analyzer.engine.UsageException;
import dev.numguard.analyzer.pipeline.FailureThreshold;
import java.io.IOException;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.ResolutionScope;

/**
 * Records the module's current findings in {@code baselineFile}, replacing what it held (the same
 * file and format as the CLI's {@code numguard baseline}). From then on {@code check} fails only
 * on findings that are not in it and marks the recorded ones as baselined in every report.
 * Matching does not use line numbers, so editing or moving other code does not bring recorded
 * findings back.
 */
@Mojo(name = "baseline", requiresDependencyResolution = ResolutionScope.TEST, threadSafe = true)
public class BaselineMojo extends AbstractNumguardMojo {
    @Override
    protected void execute(AnalysisSupplier analysis) throws MojoExecutionException {
        AnalysisRun run = analysis.get();
        run.problems().forEach(problem -> getLog().warn(CompilerStyleMessages.problem(problem)));
        Baseline baseline;
        try {
            baseline = pipeline().recordBaseline(run, pipelineOptions(FailureThreshold.DEFAULT));
        } catch (UsageException e) {
            throw new MojoExecutionException("numguard: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new MojoExecutionException("numguard: cannot write " + baselineFile + ": " + e.getMessage(), e);
        }
        getLog().info("numguard: recorded " + baseline.entries().size() + " findings in " + baselineFile + " ("
                + FindingSummary.of(run.findings()).replaceFirst("^numguard: ", "") + ")");
    }
}
