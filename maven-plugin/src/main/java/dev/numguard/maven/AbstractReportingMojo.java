package dev.numguard.maven;

import dev.numguard.analyzer.engine.AnalysisProblem;
import dev.numguard.analyzer.engine.UsageException;
import dev.numguard.analyzer.report.ReportFormat;
import dev.numguard.analyzer.report.ReportWriter;
import dev.numguard.analyzer.report.ReportedRun;
import dev.numguard.analyzer.report.ToolInfo;
import dev.numguard.rules.Finding;
import dev.numguard.rules.Severity;
import java.io.IOException;
import java.nio.file.Path;
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

    /** Where docs/rules/&lt;Id&gt;.md are published, for the links in SARIF and HTML (default: the repository's docs). */
    @Parameter(property = "numguard.docsUrl")
    protected String docsUrl;

    /** Writes the configured reports of {@code report} and logs where they are. */
    protected void writeReports(ReportedRun report) throws MojoExecutionException {
        try {
            ToolInfo tool = docsUrl == null || docsUrl.isBlank() ? ToolInfo.numguard() : ToolInfo.numguard().withDocsBaseUri(docsUrl);
            List<Path> written = new ReportWriter(tool, "numguard/" + project.getArtifactId())
                    .write(report, ReportFormat.parse(formats == null ? List.of() : formats), outputDirectory.toPath());
            if (!written.isEmpty()) {
                getLog().info("numguard: reports in " + outputDirectory + " ("
                        + String.join(", ", written.stream().map(path -> path.getFileName().toString()).toList()) + ")");
            }
        } catch (UsageException e) {
            throw new MojoExecutionException("numguard: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new MojoExecutionException("numguard: cannot write reports in " + outputDirectory + ": " + e.getMessage(), e);
        }
    }

    /**
     * Logs each finding like a compiler diagnostic: errors and warnings as {@code [WARNING]}, notes
     * as {@code [INFO]}. A build that passes never prints {@code [ERROR]}; when the findings fail
     * it, Maven's own failure message says so.
     */
    protected void logFindings(List<Finding> findings) {
        for (Finding finding : findings) {
            String line = CompilerStyleMessages.finding(finding);
            if (finding.severity().atLeast(Severity.WARNING)) {
                getLog().warn(line);
            } else {
                getLog().info(line);
            }
        }
    }

    /** Logs each file that could not be analysed, naming file and line. */
    protected void logProblems(List<AnalysisProblem> problems) {
        problems.forEach(problem -> getLog().warn(CompilerStyleMessages.problem(problem)));
    }
}
