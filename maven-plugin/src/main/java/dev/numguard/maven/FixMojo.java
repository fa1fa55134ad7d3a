package dev.numguard.maven;

import dev.numguard.analyzer.engine.AnalysisRun;
import dev.numguard.analyzer.fix.AtomicFileWriter;
import dev.numguard.analyzer.fix.FileFixOutcome;
import dev.numguard.analyzer.fix.Fixer;
import dev.numguard.analyzer.fix.SkippedFix;
import dev.numguard.rules.Finding;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
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
 * snippet to add and writes nothing, so the build never ends up not compiling. Findings it cannot
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

    @Override
    protected void execute(AnalysisSupplier analysis) throws MojoExecutionException, MojoFailureException {
        AnalysisRun run = analysis.get();
        run.problems().forEach(problem -> getLog().warn(CompilerStyleMessages.problem(problem)));
        Fixer fixer = new Fixer(unsafeFixes);
        List<FileFixOutcome> planned = fixer.apply(run, false);
        List<Finding> applied = new ArrayList<>();
        planned.forEach(outcome -> applied.addAll(outcome.plan().applied()));

        Path diffFile = writeDiff(planned);
        if (!dryRun && RuntimeGuardsDependency.neededBy(applied)
                && !RuntimeGuardsDependency.presentIn(project.getDependencies(), project.getArtifacts())) {
            addRuntimeGuardsOrStop();
        }
        List<FileFixOutcome> outcomes = dryRun ? planned : fixer.apply(run, true);
        report(run, outcomes, applied, fixer.heldBack(run), diffFile);
    }

    private Path writeDiff(List<FileFixOutcome> planned) throws MojoExecutionException {
        StringBuilder diff = new StringBuilder();
        Path root = project.getBasedir().toPath();
        for (FileFixOutcome outcome : planned) {
            if (outcome.plan().changes()) {
                diff.append(outcome.diff(root));
            }
        }
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

    private void report(AnalysisRun run, List<FileFixOutcome> outcomes, List<Finding> applied, List<Finding> heldBack,
                        Path diffFile) throws MojoFailureException {
        Set<Finding> handled = new HashSet<>(applied);
        for (Finding finding : heldBack) {
            handled.add(finding);
            getLog().warn(CompilerStyleMessages.finding(finding) + " -- fix needs review, not applied: "
                    + finding.fix().orElseThrow().description() + " (-Dnumguard.unsafeFixes applies it)");
        }
        Set<String> refusedFiles = new HashSet<>();
        List<String> writeFailures = new ArrayList<>();
        int filesChanged = 0;
        for (FileFixOutcome outcome : outcomes) {
            String where = relativeToModule(Path.of(outcome.file()));
            if (outcome.plan().error().isPresent()) {
                getLog().warn(where + " not fixed: " + outcome.plan().error().get());
                refusedFiles.add(outcome.file());
            }
            for (SkippedFix skipped : outcome.plan().skipped()) {
                handled.add(skipped.finding());
                getLog().warn(CompilerStyleMessages.finding(skipped.finding()) + " -- not fixed: " + skipped.reason());
            }
            if (outcome.writeError().isPresent()) {
                writeFailures.add(where + ": " + outcome.writeError().get());
            }
            if (outcome.plan().changes()) {
                filesChanged++;
                if (outcome.written()) {
                    getLog().info("numguard: fixed " + outcome.plan().applied().size() + " findings in " + where);
                }
            }
        }
        for (Finding finding : run.findings()) {
            if (finding.fix().isEmpty()) {
                getLog().warn(CompilerStyleMessages.finding(finding) + " -- no automatic fix; fix it by hand");
            } else if (!handled.contains(finding) && !refusedFiles.contains(finding.file())) {
                getLog().warn(CompilerStyleMessages.finding(finding) + " -- not fixed: its source could not be read");
            }
        }
        long unfixed = run.findings().size() - applied.size();
        getLog().info("numguard: " + (dryRun ? "would fix " : "fixed ") + applied.size() + " of "
                + run.findings().size() + " findings in " + filesChanged + (filesChanged == 1 ? " file" : " files")
                + (heldBack.isEmpty() ? "" : "; " + heldBack.size() + " needing review not applied (-Dnumguard.unsafeFixes)")
                + (unfixed - heldBack.size() > 0 ? "; " + (unfixed - heldBack.size()) + " left to fix by hand (see the warnings above)" : "")
                + "; diff in " + diffFile + (dryRun ? " (dry run: no source changed)" : ""));
        if (!writeFailures.isEmpty()) {
            throw new MojoFailureException("numguard: could not write " + writeFailures.size() + " fixed files: "
                    + String.join("; ", writeFailures));
        }
    }
}
