package dev.numguard.maven;

import dev.numguard.analyzer.engine.AnalysisProblem;
import dev.numguard.analyzer.engine.AnalysisRun;
import dev.numguard.rules.Finding;
import dev.numguard.rules.Severity;
import java.io.IOException;
import java.util.List;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.Parameter;

/** The goals that write reports ({@code check} and {@code report}). */
public abstract class AbstractReportingMojo extends AbstractNumguardMojo {
    /**
     * Which reports to write into {@code outputDirectory}: any of {@code text} (numguard.txt),
     * {@code json} (numguard.json), {@code sarif} (numguard.sarif) and {@code html} (numguard.html).
     */
    @Parameter(property = "numguard.formats", defaultValue = "text,json,sarif,html")
    protected List<String> formats;

    /** Writes the configured reports of {@code run} and logs where they are. */
    protected void writeReports(AnalysisRun run) throws MojoExecutionException {
        try {
            List<java.nio.file.Path> written = ReportFiles.write(run, formats, outputDirectory.toPath());
            if (!written.isEmpty()) {
                getLog().info("numguard: reports in " + outputDirectory + " ("
                        + String.join(", ", written.stream().map(path -> path.getFileName().toString()).toList()) + ")");
            }
        } catch (IllegalArgumentException e) {
            throw new MojoExecutionException("numguard: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new MojoExecutionException("numguard: cannot write reports: " + e.getMessage(), e);
        }
    }

    /** Logs each finding like a compiler diagnostic, at the level of its severity. */
    protected void logFindings(List<Finding> findings) {
        for (Finding finding : findings) {
            String line = CompilerStyleMessages.finding(finding);
            if (finding.severity() == Severity.ERROR) {
                getLog().error(line);
            } else if (finding.severity() == Severity.WARNING) {
                getLog().warn(line);
            } else {
                getLog().info(line);
            }
        }
    }

    /** Logs each file that could not be analysed as an error naming file and line. */
    protected void logProblems(List<AnalysisProblem> problems) {
        problems.forEach(problem -> getLog().error(CompilerStyleMessages.problem(problem)));
    }
}
