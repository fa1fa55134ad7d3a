package dev.numguard.analyzer.cli;

import dev.numguard.analyzer.engine.AnalysisProblem;
import dev.numguard.analyzer.engine.AnalysisRun;
import dev.numguard.analyzer.fix.FileFixOutcome;
import dev.numguard.analyzer.fix.Fixer;
import dev.numguard.analyzer.fix.SkippedFix;
import dev.numguard.analyzer.pipeline.FailureThreshold;
import dev.numguard.analyzer.pipeline.PipelineOptions;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code numguard fix}: apply the automatic fixes. Without {@code --write} it prints them as one
 * unified diff on stdout, paths relative to the project root (ready for {@code git apply} or
 * {@code patch -p1} there), and changes nothing; with it, it rewrites the files in their
 * encoding. It shares {@code check}'s analysis cache. A summary goes to stderr.
 */
@Command(name = "fix", mixinStandardHelpOptions = true,
        description = "Apply the automatic fixes: print them as a unified diff, or write them with --write.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:fixes shown or written (findings without a fix do not count)",
                "2:usage error, a file could not be analysed, or a fix could not be applied or written"})
final class FixCommand implements Callable<Integer> {
    @ParentCommand
    Main main;

    @Spec
    CommandSpec spec;

    @Mixin
    AnalysisOptions analysis;

    @Option(names = "--write", description = "Rewrite the files in place (atomically) instead of printing a diff.")
    boolean write;

    @Override
    public Integer call() {
        PipelineOptions options = analysis.pipelineOptions(FailureThreshold.DEFAULT);
        AnalysisRun run = main.analyse(options);
        Fixer fixer = new Fixer();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (write) {
            fixer.recoverInterruptedWrites(run).forEach(message -> err.println(message));
        }
        List<FileFixOutcome> outcomes = fixer.apply(run, write);
        for (AnalysisProblem problem : run.problems()) {
            err.println(problem.file() + (problem.line() > 0 ? ":" + problem.line() : "") + ": error: " + problem.message());
        }
        int applied = 0;
        int changedFiles = 0;
        int skipped = 0;
        int notWritten = 0;
        boolean failed = !run.problems().isEmpty();
        for (FileFixOutcome outcome : outcomes) {
            // with --write the summary counts what reached the disk, not what was planned
            if (outcome.plan().changes() && (!write || outcome.written())) {
                applied += outcome.plan().applied().size();
                changedFiles++;
                if (write) {
                    out.println("fixed " + outcome.file() + " (" + count(outcome.plan().applied().size(), "fix") + ")");
                } else {
                    out.print(outcome.diff(options.projectRoot()));
                }
            } else if (outcome.plan().changes()) {
                notWritten++;
            }
            outcome.plan().error().ifPresent(reason -> err.println(outcome.file() + ": error: " + reason));
            outcome.writeError().ifPresent(reason -> err.println(outcome.file() + ": error: " + reason));
            failed |= outcome.failed();
            if (outcome.plan().error().isEmpty()) {
                for (SkippedFix skip : outcome.plan().skipped()) {
                    skipped++;
                    err.println(skip.finding().file() + ":" + skip.finding().span().line() + ":" + skip.finding().span().column()
                            + ": note: [" + skip.finding().ruleId() + "] fix not applied: " + skip.reason());
                }
            }
        }
        long withoutFix = run.findings().stream().filter(finding -> finding.fix().isEmpty()).count();
        err.println((write ? "applied " : "would apply ") + count(applied, "fix") + " in " + count(changedFiles, "file")
                + (notWritten > 0 ? "; " + count(notWritten, "file") + " not written (see the errors above)" : "")
                + (skipped > 0 ? "; " + count(skipped, "fix") + " left for another run" : "")
                + (withoutFix > 0 ? "; " + count((int) withoutFix, "finding") + " without an automatic fix (see numguard check)" : "")
                + (write || applied == 0 ? "" : "; run with --write to apply"));
        out.flush();
        err.flush();
        return failed ? Main.ERROR : Main.OK;
    }

    private static String count(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : noun.endsWith("x") ? "es" : "s");
    }
}
