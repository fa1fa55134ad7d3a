package dev.numguard.analyzer.cli;

import dev.numguard.analyzer.engine.UsageException;
import dev.numguard.analyzer.fix.AtomicFileWriter;
import dev.numguard.analyzer.pipeline.CheckOutcome;
import dev.numguard.analyzer.pipeline.FailureThreshold;
import dev.numguard.analyzer.report.ReportFormat;
import dev.numguard.analyzer.report.ReportWriter;
import dev.numguard.analyzer.report.TextReport;
import dev.numguard.analyzer.report.ToolInfo;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code numguard check}: analyse and report. */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = "Analyse Java sources and report numerically unstable code.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:no new finding at or above --fail-on (or no more than --max-allowed)",
                "1:new findings at or above --fail-on",
                "2:usage error, or a file could not be analysed (unless --fail-on never)"})
final class CheckCommand implements Callable<Integer> {
    @ParentCommand
    Main main;

    @Spec
    CommandSpec spec;

    @Mixin
    AnalysisOptions analysis;

    @Option(names = "--format", defaultValue = "text", paramLabel = "FORMAT",
            description = "Report format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    ReportFormat format;

    @Option(names = {"--output", "-o"}, paramLabel = "FILE", description = "Write the report to FILE (UTF-8) instead of stdout.")
    Path output;

    @Option(names = "--fail-on", defaultValue = "warning", paramLabel = "SEVERITY",
            description = "Fail when a new finding is at least this severe: error, warning, info or never "
                    + "(default: ${DEFAULT-VALUE}, as in Maven).")
    String failOn;

    @Option(names = "--max-allowed", defaultValue = "0", paramLabel = "N",
            description = "How many new findings at or above --fail-on are tolerated (default: ${DEFAULT-VALUE}).")
    int maxAllowed;

    @Option(names = "--docs-url", paramLabel = "URL",
            description = "Where docs/rules/<Id>.md are published, for links in SARIF and HTML (default: the repository's docs).")
    String docsUrl;

    @Option(names = "--timings", description = "Print where the time went (reading, parsing and modelling, each rule) on stderr.")
    boolean timings;

    @Override
    public Integer call() throws IOException {
        FailureThreshold threshold = new FailureThreshold(FailureThreshold.parseFailOn(failOn), maxAllowed);
        if (output != null && java.nio.file.Files.isDirectory(output)) {
            throw new UsageException("--output is a folder: " + output);
        }
        CheckOutcome outcome = main.check(analysis.pipelineOptions(threshold));
        ToolInfo tool = docsUrl == null ? main.environment.tool() : main.environment.tool().withDocsBaseUri(docsUrl);
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        String text = new ReportWriter(tool, "numguard").render(outcome.report(), format);
        if (output == null) {
            out.print(text);
            out.flush();
        } else {
            AtomicFileWriter.writeUtf8(output, text);
            err.println(TextReport.summary(outcome.report()) + "; report written to " + output);
        }
        if (format != ReportFormat.TEXT || output != null) {
            outcome.report().problems().forEach(problem -> err.println(outcome.report().displayPath(problem.file())
                    + (problem.line() > 0 ? ":" + problem.line() : "") + ": error: " + problem.message()));
        }
        if (timings) {
            err.println(TimingSummary.of(outcome.report().run()));
        }
        err.flush();
        if (outcome.failsOnProblems()) {
            return Main.ERROR;
        }
        return outcome.thresholdExceeded() ? Main.FINDINGS : Main.OK;
    }
}
