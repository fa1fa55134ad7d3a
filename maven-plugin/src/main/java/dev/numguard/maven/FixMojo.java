package dev.numguard.maven;

import dev.numguard.analyzer.engine.AnalysisRun;
import dev.numguard.analyzer.fix.FileFixOutcome;
import dev.numguard.analyzer.fix.Fixer;
import dev.numguard.analyzer.fix.SkippedFix;
import dev.numguard.rules.Finding;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;

/**
 * Applies numguard's automatic fixes to the module's sources (and tests with
 * {@code includeTests}). With {@code -Dnumguard.dryRun} it prints the unified diff and changes
 * nothing.
 *
 * <p>Findings it cannot fix are logged with the reason (no provably safe rewrite, an overlapping
 * fix, a result that would not parse). When the fixed code calls numguard's runtime library and
 * the module does not depend on it, the goal logs the {@code <dependency>} to add; it never edits
 * the POM. Files are written atomically and only when their text changes; the build fails only
 * when a file could not be written.
 */
@Mojo(name = "fix", requiresDependencyResolution = ResolutionScope.TEST, threadSafe = true)
public class FixMojo extends AbstractNumguardMojo {
    /** Prints the diff of the fixes instead of writing them. */
    @Parameter(property = "numguard.dryRun", defaultValue = "false")
    protected boolean dryRun;

    @Override
    protected String cacheName() {
        // fix rewrites sources; keeping its cache apart lets check's entry stay valid until then.
        return "fix-analysis-cache.json";
    }

    @Override
    protected void execute(AnalysisSupplier analysis) throws MojoExecutionException, MojoFailureException {
        AnalysisRun run = analysis.get();
        run.problems().forEach(problem -> getLog().error(CompilerStyleMessages.problem(problem)));
        List<FileFixOutcome> outcomes = new Fixer().apply(run, !dryRun);

        List<Finding> applied = new ArrayList<>();
        Set<Finding> handled = new HashSet<>();
        Set<String> refusedFiles = new HashSet<>();
        List<String> writeFailures = new ArrayList<>();
        int filesChanged = 0;
        for (FileFixOutcome outcome : outcomes) {
            applied.addAll(outcome.plan().applied());
            handled.addAll(outcome.plan().applied());
            String where = relativeToModule(Path.of(outcome.file()));
            if (outcome.plan().error().isPresent()) {
                getLog().warn(outcome.file() + " not fixed: " + outcome.plan().error().get());
                refusedFiles.add(outcome.file());
            }
            for (SkippedFix skipped : outcome.plan().skipped()) {
                handled.add(skipped.finding());
                getLog().warn(CompilerStyleMessages.finding(skipped.finding()) + " -- not fixed: " + skipped.reason());
            }
            if (outcome.writeError().isPresent()) {
                writeFailures.add(where + ": " + outcome.writeError().get());
                getLog().error(outcome.file() + " not written: " + outcome.writeError().get());
            }
            if (outcome.plan().changes()) {
                filesChanged++;
                if (dryRun) {
                    getLog().info("numguard: would change " + where + ":" + System.lineSeparator() + outcome.diff());
                } else if (outcome.written()) {
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
                + (unfixed > 0 ? "; " + unfixed + " left to fix by hand (see the warnings above)" : "")
                + (dryRun ? " (dry run: nothing written)" : ""));

        if (RuntimeGuardsDependency.neededBy(applied)
                && !RuntimeGuardsDependency.presentIn(project.getDependencies(), project.getArtifacts())) {
            getLog().warn("numguard: the fixed code calls numguard's runtime library, which this module does not"
                    + " depend on. Add to the <dependencies> of " + project.getFile() + ":" + System.lineSeparator()
                    + RuntimeGuardsDependency.snippet(plugin.getVersion()));
        }
        if (!writeFailures.isEmpty()) {
            throw new MojoFailureException("numguard: could not write " + writeFailures.size() + " fixed files: "
                    + String.join("; ", writeFailures));
        }
    }
}
