package dev.numguard.analyzer.cli;

import dev.numguard.analyzer.engine.AnalysisRun;
import dev.numguard.analyzer.report.ReportFormat;
import dev.numguard.analyzer.report.TextReport;
import dev.numguard.analyzer.report.ToolInfo;
import dev.numguard.rules.Finding;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
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
        exitCodeList = {"0:no finding at or above --fail-on", "1:findings at or above --fail-on",
                "2:usage error, or a file could not be analysed"})
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

    @Option(names = "--fail-on", defaultValue = "info", paramLabel = "SEVERITY",
            description = "Exit with 1 when a finding is at least this severe: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    FailOn failOn;

    @Option(names = "--docs-url", paramLabel = "URL",
            description = "Where docs/rules/<Id>.md are published, for links in SARIF and HTML (default: " + ToolInfo.DEFAULT_DOCS_BASE_URI + ").")
    String docsUrl;

    @Option(names = "--timings", description = "Print where the time went (reading, parsing and modelling, each rule) on stderr.")
    boolean timings;

    @Override
    public Integer call() throws IOException {
        AnalysisRun run = main.analyse(analysis.request());
        ToolInfo tool = docsUrl == null ? main.environment.tool() : main.environment.tool().withDocsBaseUri(docsUrl);
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (output == null) {
            format.reporter(tool).write(run, out);
            out.flush();
        } else {
            Path parent = output.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            try (Writer writer = Files.newBufferedWriter(output, StandardCharsets.UTF_8)) {
                format.reporter(tool).write(run, writer);
            }
            err.println(TextReport.summary(run) + "; report written to " + output);
        }
        if (format != ReportFormat.TEXT || output != null) {
            run.problems().forEach(problem -> err.println(problem.file()
                    + (problem.line() > 0 ? ":" + problem.line() : "") + ": error: " + problem.message()));
        }
        if (timings) {
            err.println(TimingSummary.of(run));
        }
        err.flush();
        return exitCode(run, failOn.threshold());
    }

    static int exitCode(AnalysisRun run, Optional<dev.numguard.rules.Severity> threshold) {
        if (!run.problems().isEmpty()) {
            return Main.ERROR;
        }
        if (threshold.isPresent()) {
            for (Finding finding : run.findings()) {
                if (finding.severity().atLeast(threshold.get())) {
                    return Main.FINDINGS;
                }
            }
        }
        return Main.OK;
    }
}
