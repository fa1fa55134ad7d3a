package dev.numguard.analyzer.cli;

import dev.numguard.analyzer.engine.AnalysisRun;
import dev.numguard.analyzer.engine.Analyzer;
import dev.numguard.analyzer.engine.FileErrors;
import dev.numguard.analyzer.engine.ProgressListener;
import dev.numguard.analyzer.engine.UsageException;
import dev.numguard.analyzer.pipeline.CheckOutcome;
import dev.numguard.analyzer.pipeline.Pipeline;
import dev.numguard.analyzer.pipeline.PipelineOptions;
import dev.numguard.analyzer.report.ToolInfo;
import dev.numguard.analyzer.spoon.SpoonFrontEnd;
import dev.numguard.rules.RuleRegistry;
import java.io.FileOutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * numguard's command line: {@code check}, {@code fix}, {@code baseline}, {@code rules},
 * {@code explain}, thin over the {@link Pipeline} the Maven goals use too.
 *
 * <p>Exit codes: 0 when no new finding is at or above {@code --fail-on}, 1 when one is, 2 for a
 * usage error or when a file could not be analysed (reported after everything else was analysed
 * and reported; not with {@code --fail-on never}).
 */
@Command(name = "numguard", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Finds numerically unstable Java code, says when it breaks, and rewrites it into runtime-guards calls.",
        subcommands = {CheckCommand.class, FixCommand.class, BaselineCommand.class, RulesCommand.class, ExplainCommand.class,
                CommandLine.HelpCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:no new finding at or above --fail-on", "1:new findings at or above --fail-on",
                "2:usage error, or a file could not be analysed (unless --fail-on never)"})
public final class Main implements Callable<Integer> {
    /** Everything went fine and nothing reached the threshold. */
    public static final int OK = 0;
    /** Findings at or above the threshold. */
    public static final int FINDINGS = 1;
    /** A usage error, or a file could not be analysed. */
    public static final int ERROR = 2;

    final CliEnvironment environment;

    @Spec
    CommandSpec spec;

    Main(CliEnvironment environment) {
        this.environment = environment;
    }

    /** Runs the command line and exits the JVM with its exit code. */
    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(new OutputStreamWriter(new FileOutputStream(java.io.FileDescriptor.out),
                StandardCharsets.UTF_8), true);
        PrintWriter err = new PrintWriter(new OutputStreamWriter(new FileOutputStream(java.io.FileDescriptor.err),
                StandardCharsets.UTF_8), true);
        int code = execute(defaultEnvironment(), out, err, args);
        out.flush();
        err.flush();
        System.exit(code);
    }

    /**
     * Runs the command line in-process and returns its exit code; {@code out} receives reports and
     * diffs, {@code err} progress, summaries and errors.
     */
    public static int execute(CliEnvironment environment, PrintWriter out, PrintWriter err, String... args) {
        CommandLine commandLine = new CommandLine(new Main(environment));
        commandLine.setOut(out);
        commandLine.setErr(err);
        commandLine.setCaseInsensitiveEnumValuesAllowed(true);
        commandLine.setExecutionExceptionHandler((exception, failed, parseResult) -> {
            if (exception instanceof UsageException || exception instanceof UncheckedIOException) {
                err.println("numguard: " + exception.getMessage());
            } else if (exception instanceof java.io.IOException io) {
                err.println("numguard: " + FileErrors.inWords(io)
                        + (io instanceof java.nio.file.FileSystemException fs && fs.getFile() != null ? ": " + fs.getFile() : ""));
            } else {
                err.println(internalError(exception));
            }
            err.flush();
            return ERROR;
        });
        int code;
        try {
            code = commandLine.execute(args);
        } catch (Error e) {
            // out of memory outside the engine's own care (which reports files not analysed and goes on)
            err.println(internalError(e));
            code = ERROR;
        }
        out.flush();
        err.flush();
        return code;
    }

    /** One line: what failed and where, e.g. "numguard: internal error: OutOfMemoryError: Java heap space". */
    private static String internalError(Throwable e) {
        StackTraceElement[] trace = e.getStackTrace();
        String where = trace.length == 0 ? "" : " (at " + trace[0] + ")";
        String message = e.getMessage() == null ? "" : ": " + e.getMessage().lines().findFirst().orElse("");
        return "numguard: internal error: " + e.getClass().getSimpleName() + message + where;
    }

    /** The real environment: the Spoon front end, every registered rule, progress on a terminal. */
    public static CliEnvironment defaultEnvironment() {
        return new CliEnvironment(SpoonFrontEnd::new, RuleRegistry.all(), TerminalProgress.stderrIsTerminal(),
                ToolInfo.numguard());
    }

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return ERROR;
    }

    /** The pipeline over this environment's front end and rules; notes go nowhere (stderr is for results). */
    Pipeline pipeline() {
        return new Pipeline(new Analyzer(environment.frontEnds().get(), environment.rules()), environment.rules(),
                note -> { });
    }

    /** Runs (or reuses from the cache) one analysis, with a progress bar when stderr is a terminal. */
    AnalysisRun analyse(PipelineOptions options) {
        if (!environment.terminal()) {
            return pipeline().analyse(options, ProgressListener.NONE);
        }
        try (TerminalProgress progress = new TerminalProgress(spec.commandLine().getErr())) {
            return pipeline().analyse(options, progress);
        }
    }

    /** Analyses, applies the baseline and judges against the threshold, with progress as {@link #analyse}. */
    CheckOutcome check(PipelineOptions options) {
        return pipeline().judge(analyse(options), options);
    }

    /** Reads the version the build wrote into the jar. */
    public static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"numguard " + ToolInfo.numguard().version()};
        }
    }
}
