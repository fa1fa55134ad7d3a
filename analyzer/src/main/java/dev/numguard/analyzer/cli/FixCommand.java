package dev.numguard.analyzer.cli;

import dev.numguard.analyzer.engine.AnalysisProblem;
import dev.numguard.analyzer.engine.AnalysisRun;
import dev.numguard.analyzer.fix.FileFixOutcome;
import dev.numguard.analyzer.fix.Fixer;
import dev.numguard.analyzer.fix.FixPlanner;
import dev.numguard.analyzer.fix.RuntimeGuards;
import dev.numguard.analyzer.fix.SkippedFix;
import dev.numguard.analyzer.pipeline.FailureThreshold;
import dev.numguard.analyzer.pipeline.PipelineOptions;
import java.io.PrintWriter;
import dev.numguard.rules.Finding;
import dev.numguard.rules.TextEdit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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

    @Option(names = "--write", description = "Rewrite the files in place (atomically) instead of printing a diff;"
            + " re-analyses and applies again until nothing changes (at most " + FixCommand.MAX_ROUNDS + " rounds).")
    boolean write;

    @Option(names = "--unsafe-fixes", description = "Also apply the fixes that need review (level 'review');"
            + " without it only 'safe' fixes are applied.")
    boolean unsafeFixes;

    /** Rounds of analyse-and-apply one {@code --write} runs before it stops (fixes that overlap need a second). */
    static final int MAX_ROUNDS = 5;

    @Override
    public Integer call() {
        PipelineOptions options = analysis.pipelineOptions(FailureThreshold.DEFAULT);
        AnalysisRun run = main.analyse(options);
        Fixer fixer = new Fixer(unsafeFixes);
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (write) {
            fixer.recoverInterruptedWrites(run).forEach(message -> err.println(message));
        }
        Map<String, Integer> fixesPerFile = new LinkedHashMap<>();
        Set<String> errors = new LinkedHashSet<>();
        Set<String> notWritten = new LinkedHashSet<>();
        List<String> cured = new ArrayList<>();
        boolean failed = false;
        int fixingRounds = 0;
        boolean stoppedEarly = false;
        List<FileFixOutcome> outcomes;
        while (true) {
            if (fixingRounds == MAX_ROUNDS) {
                outcomes = fixer.apply(run, false);
                stoppedEarly = outcomes.stream().anyMatch(outcome -> outcome.plan().changes());
                break;
            }
            outcomes = fixer.apply(run, write);
            for (AnalysisProblem problem : run.problems()) {
                errors.add(problem.file() + (problem.line() > 0 ? ":" + problem.line() : "") + ": error: " + problem.message());
            }
            failed |= !run.problems().isEmpty();
            boolean wrote = false;
            for (FileFixOutcome outcome : outcomes) {
                // with --write the summary counts what reached the disk, not what was planned
                if (outcome.plan().changes() && (!write || outcome.written())) {
                    fixesPerFile.merge(outcome.file(), outcome.plan().applied().size(), Integer::sum);
                    cured.addAll(curedNotes(outcome));
                    wrote |= write;
                    if (!write) {
                        out.print(outcome.diff(options.projectRoot()));
                    }
                } else if (outcome.plan().changes()) {
                    notWritten.add(outcome.file());
                }
                outcome.plan().error().ifPresent(reason -> errors.add(outcome.file() + ": error: " + reason));
                outcome.writeError().ifPresent(reason -> errors.add(outcome.file() + ": error: " + reason));
                failed |= outcome.failed();
            }
            if (!wrote) {
                break;
            }
            fixingRounds++;
            // a fix can uncover or unblock another (overlapping fixes wait for the next round): analyse again
            run = main.analyse(options);
        }
        errors.forEach(err::println);
        if (write) {
            // a file fixed without fixes of its own is a module declaration that now requires runtime-guards
            fixesPerFile.forEach((file, n) -> out.println("fixed " + file + " ("
                    + (n == 0 ? "requires " + RuntimeGuards.MODULE : count(n, "fix")) + ")"));
        }
        int skipped = 0;
        for (FileFixOutcome outcome : outcomes) {
            if (outcome.plan().error().isEmpty()) {
                for (SkippedFix skip : outcome.plan().skipped()) {
                    if (skip.reason().equals(FixPlanner.SUPERSEDED)) {
                        continue;
                    }
                    skipped++;
                    err.println(where(skip.finding()) + ": note: [" + skip.finding().ruleId() + "] fix not applied: " + skip.reason());
                }
            }
        }
        cured.forEach(err::println);
        List<Finding> heldBack = fixer.heldBack(run);
        for (Finding finding : heldBack) {
            err.println(where(finding) + ": note: [" + finding.ruleId() + "] fix needs review, not applied: "
                    + finding.fix().orElseThrow().description() + " (--unsafe-fixes applies it)");
        }
        int applied = fixesPerFile.values().stream().mapToInt(Integer::intValue).sum();
        // a finding without a fix of its own whose code an applied fix rewrites (an accumulator the
        // variance fix removes) is not left over
        List<FileFixOutcome> lastRound = outcomes;
        long withoutFix = run.findings().stream().filter(finding -> finding.fix().isEmpty())
                .filter(finding -> lastRound.stream().noneMatch(outcome -> outcome.file().equals(finding.file())
                        && outcome.plan().applied().stream().flatMap(taken -> taken.fix().orElseThrow().edits().stream())
                        .anyMatch(edit -> edit.start() <= finding.span().start() && finding.span().end() <= edit.end())))
                .count();
        err.println((write ? "applied " : "would apply ") + count(applied, "fix")
                + (cured.isEmpty() ? "" : " for " + count(applied + cured.size(), "finding") + " ("
                        + cured.size() + " cured by another finding's fix, see the notes)")
                + " in " + count(fixesPerFile.size(), "file")
                + (fixingRounds > 0 ? " in " + count(fixingRounds, "round") : "")
                + (stoppedEarly ? " (stopped: fixes still apply after " + MAX_ROUNDS + " rounds; run fix --write again)" : "")
                + (notWritten.isEmpty() ? "" : "; " + count(notWritten.size(), "file") + " not written (see the errors above)")
                + (skipped > 0 ? "; " + count(skipped, "fix") + " left for another run" : "")
                + (heldBack.isEmpty() ? "" : "; " + count(heldBack.size(), "fix") + " needing review not applied (--unsafe-fixes)")
                + (withoutFix > 0 ? "; " + count((int) withoutFix, "finding") + " without an automatic fix (see numguard check)" : "")
                + (write || applied == 0 ? "" : "; run with --write to apply"));
        out.flush();
        err.flush();
        return failed ? Main.ERROR : Main.OK;
    }

    /**
     * A note for each finding whose own fix lies inside a wider fix applied to the same file and whose
     * code that fix does not carry over (the loss-scaling rewrite that also replaces the unclamped fp16
     * conversion, the variance rewrite that also removes the float sum of squares): one rewrite cures
     * both, so the fix count is lower than the count of findings it cures. A finding whose code the
     * wider fix keeps (an exp(x) - 1 inside a log(1 + ...) it rewrites) is not cured: its own fix
     * applies in the next round.
     */
    private static List<String> curedNotes(FileFixOutcome outcome) {
        List<String> notes = new ArrayList<>();
        String original = outcome.plan().original();
        for (SkippedFix skip : outcome.plan().skipped()) {
            Finding finding = skip.finding();
            if (!skip.reason().equals(FixPlanner.SUPERSEDED) || finding.span().end() > original.length()) {
                continue;
            }
            String code = original.substring(finding.span().start(), finding.span().end());
            List<TextEdit> own = finding.fix().orElseThrow().edits();
            Optional<Finding> wider = outcome.plan().applied().stream()
                    .filter(taken -> own.stream().allMatch(edit -> taken.fix().orElseThrow().edits().stream()
                            .anyMatch(other -> other.start() <= edit.start() && edit.end() <= other.end())))
                    .findFirst();
            if (wider.isEmpty() || wider.get().fix().orElseThrow().edits().stream().anyMatch(e -> e.replacement().contains(code))) {
                continue;
            }
            String how = wider.get().fix().orElseThrow().edits().equals(own) ? "shares its fix with" : "is fixed by the wider fix of";
            notes.add(where(finding) + ": note: [" + finding.ruleId() + "] " + how + " the [" + wider.get().ruleId()
                    + "] finding at line " + wider.get().span().line() + " (one rewrite cures both)");
        }
        return notes;
    }

    private static String where(Finding finding) {
        return finding.file() + ":" + finding.span().line() + ":" + finding.span().column();
    }

    private static String count(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : noun.endsWith("x") ? "es" : "s");
    }
}
