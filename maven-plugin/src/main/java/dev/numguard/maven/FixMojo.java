package dev.numguard.maven;

import dev.numguard.analyzer.engine.AnalysisRun;
import dev.numguard.analyzer.fix.AtomicFileWriter;
import dev.numguard.analyzer.fix.FileFixOutcome;
import dev.numguard.analyzer.fix.FixPlan;
import dev.numguard.analyzer.fix.FixPlanner;
import dev.numguard.analyzer.fix.Fixer;
import dev.numguard.analyzer.fix.RuntimeGuards;
import dev.numguard.analyzer.fix.SkippedFix;
import dev.numguard.rules.Finding;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;

/**
 * Applies numguard's automatic fixes to the module's sources (and tests with
 * {@code includeTests}), and writes them as one unified diff to {@code target/numguard/fix.diff}
 * (paths relative to the module, for {@code git apply} or {@code patch -p1}). With
 * {@code -Dnumguard.dryRun} it only writes the diff. Only {@code safe} fixes are applied unless
 * {@code -Dnumguard.unsafeFixes} asks for the ones that need review too (ruff's levels).
 *
 * <p>When the fixed code calls numguard's runtime library and the module does not depend on it,
 * the goal adds the dependency to the module's POM (inserting text, so the POM keeps its
 * formatting) before it writes any source; if it cannot edit the POM, it stops with the exact
 * snippet to add and writes nothing, so the build never ends up not compiling. In a modular module
 * the {@link Fixer} also adds {@code requires dev.numguard.guards;} to its {@code module-info.java}. Findings it cannot
 * fix are logged with the reason. Files are written atomically, in their encoding, and only when
 * their text changes.
 */
@Mojo(name = "fix", requiresDependencyResolution = ResolutionScope.TEST, threadSafe = true)
public class FixMojo extends AbstractNumguardMojo {
    /** The diff's file name in {@code outputDirectory}. */
    static final String DIFF_FILE = "fix.diff";

    /** Only writes the diff of the fixes to target/numguard/fix.diff; changes no source. */
    @Parameter(property = "numguard.dryRun", defaultValue = "false")
    protected boolean dryRun;

    /**
     * Also applies the fixes that need review (level {@code review}); without it only {@code safe}
     * fixes are applied and the others are logged, as the CLI's {@code --unsafe-fixes}.
     */
    @Parameter(property = "numguard.unsafeFixes", defaultValue = "false")
    protected boolean unsafeFixes;

    /** The most rounds of fix-and-analyse-again one invocation runs, as the CLI's {@code fix --write}. */
    static final int MAX_ROUNDS = 5;

    /**
     * Applies the fixes, analyses the changed sources again and applies what is left (a fix that
     * overlapped another, or one the first made possible), until nothing changes or
     * {@link #MAX_ROUNDS} rounds have run; the diff covers all rounds. A dry run plans one round.
     */
    @Override
    protected void execute(AnalysisSupplier analysis) throws MojoExecutionException, MojoFailureException {
        AnalysisRun run = analysis.get();
        run.problems().forEach(problem -> getLog().warn(CompilerStyleMessages.problem(problem)));
        int initialFindings = run.findings().size();
        Fixer fixer = new Fixer(unsafeFixes);
        List<Finding> applied = new ArrayList<>();
        Map<String, FixPlan> overall = new LinkedHashMap<>();
        Set<String> refusedFiles = new HashSet<>();
        List<String> writeFailures = new ArrayList<>();
        List<FileFixOutcome> planned;
        int rounds = 0;
        boolean stoppedEarly = false;
        boolean dependencyChecked = false;
        while (true) {
            planned = fixer.apply(run, false);
            if (rounds > 0 && (dryRun || planned.stream().noneMatch(outcome -> outcome.plan().changes()))) {
                break;
            }
            if (rounds == MAX_ROUNDS) {
                stoppedEarly = true;
                break;
            }
            List<Finding> appliedNow = new ArrayList<>();
            planned.forEach(outcome -> appliedNow.addAll(outcome.plan().applied()));
            if (!dryRun && !dependencyChecked && RuntimeGuards.neededBy(appliedNow)) {
                dependencyChecked = true;
                if (!RuntimeGuardsDependency.presentIn(project.getDependencies(), project.getArtifacts())) {
                    addRuntimeGuardsOrStop();
                }
            }
            List<FileFixOutcome> outcomes = dryRun ? planned : fixer.apply(run, true);
            boolean wrote = false;
            for (FileFixOutcome outcome : outcomes) {
                String where = relativeToModule(Path.of(outcome.file()));
                if (outcome.plan().error().isPresent()) {
                    getLog().warn(where + " not fixed: " + outcome.plan().error().get());
                    refusedFiles.add(outcome.file());
                }
                outcome.writeError().ifPresent(error -> writeFailures.add(where + ": " + error));
                if (outcome.plan().changes() && (dryRun || outcome.written())) {
                    overall.merge(outcome.file(), outcome.plan(), FixMojo::chain);
                    wrote |= outcome.written();
                    if (outcome.written() && outcome.plan().applied().isEmpty()) {
                        getLog().info("numguard: the fixed code calls numguard's runtime library; added `requires "
                                + RuntimeGuards.MODULE + ";` to " + where);
                    } else if (outcome.written()) {
                        getLog().info("numguard: fixed " + outcome.plan().applied().size() + " findings in " + where);
                    }
                }
            }
            applied.addAll(appliedNow);
            rounds++;
            if (!wrote && !dryRun) {
                break;
            }
            if (!dryRun) {
                run = analysis.get();       // a fix can unblock another (overlapping fixes wait a round)
            }
        }
        Path diffFile = writeDiff(overall);
        report(initialFindings, run, planned, applied, fixer.heldBack(run), diffFile, rounds, stoppedEarly,
                overall.size(), refusedFiles, writeFailures);
    }

    /** One file's change over two rounds: from the first round's original to the second's result. */
    private static FixPlan chain(FixPlan first, FixPlan second) {
        List<Finding> applied = new ArrayList<>(first.applied());
        applied.addAll(second.applied());
        return new FixPlan(first.original(), second.fixed(), applied, second.skipped(), second.error());
    }

    private Path writeDiff(Map<String, FixPlan> overall) throws MojoExecutionException {
        StringBuilder diff = new StringBuilder();
        Path root = project.getBasedir().toPath();
        overall.forEach((file, plan) -> diff.append(new FileFixOutcome(file, plan, true, Optional.empty()).diff(root)));
        Path file = outputDirectory.toPath().resolve(DIFF_FILE);
        try {
            AtomicFileWriter.writeUtf8(file, diff.toString());
        } catch (IOException e) {
            throw new MojoExecutionException("numguard: cannot write " + file + ": " + e.getMessage(), e);
        }
        return file;
    }

    /** Adds runtime-guards to the POM, or fails with the snippet before any source is changed. */
    private void addRuntimeGuardsOrStop() throws MojoFailureException {
        Path pom = project.getFile().toPath();
        String snippet = RuntimeGuardsDependency.snippet(plugin.getVersion());
        try {
            String text = Files.readString(pom, StandardCharsets.UTF_8);
            Optional<String> edited = PomDependencyInserter.insert(text, List.of(snippet.split(System.lineSeparator())));
            if (edited.isPresent()) {
                AtomicFileWriter.writeUtf8(pom, edited.get());
                getLog().info("numguard: the fixed code calls numguard's runtime library; added"
                        + " dev.numguard:numguard-runtime-guards:" + plugin.getVersion() + " to the <dependencies> of " + pom);
                return;
            }
        } catch (IOException e) {
            getLog().debug(e);
        }
        throw new MojoFailureException("numguard: the fixes call numguard's runtime library, which this module does not"
                + " depend on, and " + pom + " could not be edited safely. Nothing was changed. Add to its <dependencies>:"
                + System.lineSeparator() + snippet + System.lineSeparator() + "then run numguard:fix again.");
    }

    private void report(int initialFindings, AnalysisRun run, List<FileFixOutcome> remaining, List<Finding> applied,
                        List<Finding> heldBack, Path diffFile, int rounds, boolean stoppedEarly, int filesChanged,
                        Set<String> refusedFiles, List<String> writeFailures) throws MojoFailureException {
        Set<Finding> handled = new HashSet<>(applied);
        for (Finding finding : heldBack) {
            handled.add(finding);
            getLog().warn(CompilerStyleMessages.finding(finding) + " -- fix needs review, not applied: "
                    + finding.fix().orElseThrow().description() + " (-Dnumguard.unsafeFixes applies it)");
        }
        for (FileFixOutcome outcome : remaining) {
            for (SkippedFix skipped : outcome.plan().skipped()) {
                handled.add(skipped.finding());
                if (!skipped.reason().equals(FixPlanner.SUPERSEDED)) {
                    getLog().warn(CompilerStyleMessages.finding(skipped.finding()) + " -- not fixed: " + skipped.reason());
                }
            }
            handled.addAll(outcome.plan().applied());
        }
        for (Finding finding : run.findings()) {
            if (finding.fix().isEmpty()) {
                getLog().warn(CompilerStyleMessages.finding(finding) + " -- no automatic fix; fix it by hand");
            } else if (!handled.contains(finding) && !refusedFiles.contains(finding.file())) {
                getLog().warn(CompilerStyleMessages.finding(finding) + " -- not fixed: its source could not be read");
            }
        }
        long byHand = run.findings().stream().filter(finding -> finding.fix().isEmpty()).count();
        getLog().info("numguard: " + (dryRun ? "would fix " : "fixed ") + applied.size() + " of "
                + initialFindings + " findings in " + filesChanged + (filesChanged == 1 ? " file" : " files")
                + (rounds > 1 ? " in " + rounds + " rounds" : "")
                + (stoppedEarly ? " (stopped: fixes still apply after " + MAX_ROUNDS + " rounds; run numguard:fix again)" : "")
                + (heldBack.isEmpty() ? "" : "; " + heldBack.size() + " needing review not applied (-Dnumguard.unsafeFixes)")
                + (byHand > 0 ? "; " + byHand + " left to fix by hand (see the warnings above)" : "")
                + "; diff in " + diffFile + (dryRun ? " (dry run: no source changed)" : ""));
        if (!writeFailures.isEmpty()) {
            throw new MojoFailureException("numguard: could not write " + writeFailures.size() + " fixed files: "
                    + String.join("; ", writeFailures));
        }
    }
}
