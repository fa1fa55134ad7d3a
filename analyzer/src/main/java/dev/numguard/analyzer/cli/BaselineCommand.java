package dev.numguard.analyzer.cli;

import dev.numguard.analyzer.baseline.Baseline;
import dev.numguard.analyzer.engine.AnalysisRun;
import dev.numguard.analyzer.pipeline.FailureThreshold;
import dev.numguard.analyzer.pipeline.PipelineOptions;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code numguard baseline}: records the current findings in the baseline file (the same file and
 * format as the Maven {@code baseline} goal), so that {@code check} from then on fails only on new
 * ones and marks the recorded ones as baselined in every report.
 */
@Command(name = "baseline", mixinStandardHelpOptions = true,
        description = "Record the current findings as the baseline: check then fails only on new findings.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:baseline written", "2:usage error, or a file could not be analysed (nothing written)"})
final class BaselineCommand implements Callable<Integer> {
    @ParentCommand
    Main main;

    @Spec
    CommandSpec spec;

    @Mixin
    AnalysisOptions analysis;

    @Override
    public Integer call() throws IOException {
        PipelineOptions options = analysis.pipelineOptions(FailureThreshold.DEFAULT);
        AnalysisRun run = main.analyse(options);
        PrintWriter err = spec.commandLine().getErr();
        run.problems().forEach(problem -> err.println(problem.file() + (problem.line() > 0 ? ":" + problem.line() : "")
                + ": error: " + problem.message()));
        Baseline baseline = main.pipeline().recordBaseline(run, options);
        err.println("recorded " + baseline.entries().size() + (baseline.entries().size() == 1 ? " finding" : " findings")
                + " in " + options.baselineFile().orElseThrow());
        err.flush();
        return Main.OK;
    }
}
