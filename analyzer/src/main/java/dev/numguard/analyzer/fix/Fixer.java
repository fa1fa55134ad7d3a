package dev.numguard.analyzer.fix;

import dev.numguard.analyzer.engine.AnalysisRun;
import dev.numguard.analyzer.engine.FileErrors;
import dev.numguard.analyzer.engine.LargeStackRunner;
import dev.numguard.analyzer.engine.SourceFileReader;
import dev.numguard.rules.Finding;
import dev.numguard.rules.Fix;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Applies the fixes of an analysis run, file by file.
 *
 * <p>Per file, a {@link FixPlanner} works out the new text; then, when asked to write, the file is
 * rewritten atomically ({@link AtomicFileWriter}) — but only when the text changes (a file with
 * nothing to fix is never touched, its modification time stays), when the file on disk is still
 * exactly the text that was analysed, and when it is not read-only. Files are written back in the
 * encoding they were read in. Applying the fixes of a fresh analysis again changes
 * nothing, because fixed code no longer matches the rules.
 *
 * <p>As in ruff, only {@link Fix.Safety#SAFE} fixes are applied unless the fixer is made with
 * {@code unsafeFixes}; the {@link Fix.Safety#REVIEW} ones are then {@linkplain #heldBack held back}.
 */
public final class Fixer {
    private final FixPlanner planner = new FixPlanner();
    private final boolean unsafeFixes;

    /** @param unsafeFixes also apply the fixes that need review ({@code --unsafe-fixes}) */
    public Fixer(boolean unsafeFixes) {
        this.unsafeFixes = unsafeFixes;
    }

    /** True when this fixer applies {@code fix} (always for safe fixes; review ones only with unsafe fixes). */
    public boolean applies(Fix fix) {
        return unsafeFixes || fix.safety() == Fix.Safety.SAFE;
    }

    /** The findings of {@code run} whose fix needs review and is not applied by this fixer. */
    public List<Finding> heldBack(AnalysisRun run) {
        return run.findings().stream().filter(finding -> finding.fix().isPresent() && !applies(finding.fix().get()))
                .toList();
    }

    /**
     * Plans (and with {@code write}, writes) the fixes this fixer {@linkplain #applies applies} of
     * every finding in {@code run}. Files whose text the run does not hold (unreadable ones) are not touched.
     *
     * @return one outcome per file that has at least one fix, in the findings' file order
     */
    public List<FileFixOutcome> apply(AnalysisRun run, boolean write) {
        Map<String, List<Finding>> byFile = new LinkedHashMap<>();
        for (Finding finding : run.findings()) {
            if (finding.fix().isPresent() && applies(finding.fix().get())) {
                byFile.computeIfAbsent(finding.file(), file -> new ArrayList<>()).add(finding);
            }
        }
        List<FileFixOutcome> outcomes = new ArrayList<>();
        for (Map.Entry<String, List<Finding>> entry : byFile.entrySet()) {
            String file = entry.getKey();
            Optional<String> source = run.source(file);
            if (source.isEmpty()) {
                continue;
            }
            FixPlan plan = LargeStackRunner.call("numguard-fix", () -> planner.plan(source.get(), entry.getValue()));
            if (!write || !plan.changes()) {
                outcomes.add(new FileFixOutcome(file, plan, false, Optional.empty()));
                continue;
            }
            outcomes.add(write(file, plan, run.encoding()));
        }
        return outcomes;
    }

    private static FileFixOutcome write(String file, FixPlan plan, java.nio.charset.Charset encoding) {
        Path path = Path.of(file);
        try {
            String onDisk = SourceFileReader.read(path, encoding);
            if (!onDisk.equals(plan.original())) {
                return new FileFixOutcome(file, plan, false,
                        Optional.of("the file changed since it was analysed; not written"));
            }
            if (isReadOnly(path)) {
                return new FileFixOutcome(file, plan, false, Optional.of("the file is read-only; not written"));
            }
            AtomicFileWriter.write(path, plan.fixed(), encoding);
            return new FileFixOutcome(file, plan, true, Optional.empty());
        } catch (IOException | SecurityException e) {
            return new FileFixOutcome(file, plan, false, Optional.of("not written: " + FileErrors.inWords(e)));
        }
    }

    /**
     * Cleans up after an interrupted {@code fix --write} in the folders of the run's files:
     * deletes stray temporary files and restores the backups of in-place writes that did not
     * finish ({@link AtomicFileWriter#recover}). A restored file differs from the text that was
     * analysed, so its fixes are refused in this run (run {@code fix} again).
     *
     * @return one message per restored file or per folder that could not be cleaned
     */
    public List<String> recoverInterruptedWrites(AnalysisRun run) {
        List<String> messages = new ArrayList<>();
        Set<Path> folders = new LinkedHashSet<>();
        for (Path file : run.files()) {
            try {
                folders.add(file.toRealPath().getParent());
            } catch (IOException | SecurityException e) {
                Path parent = file.toAbsolutePath().getParent();
                if (parent != null) {
                    folders.add(parent);
                }
            }
        }
        for (Path folder : folders) {
            try {
                for (Path restored : AtomicFileWriter.recover(folder)) {
                    messages.add(restored + ": restored from the backup an interrupted numguard run left; run fix again");
                }
            } catch (IOException | SecurityException e) {
                messages.add(folder + ": could not clean up after an interrupted run: " + FileErrors.inWords(e));
            }
        }
        return messages;
    }

    /**
     * A read-only file says "do not change me"; the atomic rename would replace it anyway (renaming
     * needs only the folder to be writable), so it is checked first. The owner's write bit is
     * read directly where there is one, because access checks always pass for root.
     */
    private static boolean isReadOnly(Path path) throws IOException {
        if (Files.getFileAttributeView(path, PosixFileAttributeView.class) != null) {
            return !Files.getPosixFilePermissions(path).contains(PosixFilePermission.OWNER_WRITE);
        }
        return !Files.isWritable(path);
    }
}
