package dev.numguard.maven;

import dev.numguard.analyzer.baseline.Baseline;
import dev.numguard.analyzer.baseline.FindingFingerprinter;
import dev.numguard.analyzer.engine.AnalysisRun;
import java.io.IOException;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.ResolutionScope;

/**
 * Records the module's current findings in {@code baselineFile}, replacing what it held. From
 * then on {@code check} reports and fails only on findings that are not in it. Matching does not
 * use line numbers, so editing or moving other code does not bring recorded findings back.
 */
@Mojo(name = "baseline", requiresDependencyResolution = ResolutionScope.TEST, threadSafe = true)
public class BaselineMojo extends AbstractNumguardMojo {
    @Override
    protected void execute(AnalysisSupplier analysis) throws MojoExecutionException {
        AnalysisRun run = analysis.get();
        if (!run.problems().isEmpty()) {
            run.problems().forEach(problem -> getLog().error(CompilerStyleMessages.problem(problem)));
            throw new MojoExecutionException("numguard: not writing a baseline while " + run.problems().size()
                    + " files cannot be analysed; their findings would be missing from it");
        }
        Baseline baseline = Baseline.of(run.findings(), new FindingFingerprinter(project.getBasedir().toPath()));
        try {
            baseline.write(baselineFile.toPath());
        } catch (IOException e) {
            throw new MojoExecutionException("numguard: cannot write " + baselineFile + ": " + e.getMessage(), e);
        }
        getLog().info("numguard: recorded " + baseline.entries().size() + " findings in " + baselineFile + " ("
                + FindingSummary.of(run.findings()).replaceFirst("^numguard: ", "") + ")");
    }
}
