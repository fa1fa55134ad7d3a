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
 * <p>In a modular project, a file whose fixes start calling runtime-guards needs its module to
 * read them: the fixer adds {@code requires dev.numguard.guards;} to the file's
 * {@code module-info.java} ({@link ModuleDescriptors}) and writes it before the sources; a source
 * whose module declaration cannot be edited is not written.
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
     * @return one outcome per module declaration given a {@code requires}, then one per file that
     *     has at least one fix, in the findings' file order
     */
    public List<FileFixOutcome> apply(AnalysisRun run, boolean write) {
        Map<String, List<Finding>> byFile = new LinkedHashMap<>();
        for (Finding finding : run.findings()) {
            if (finding.fix().isPresent() && applies(finding.fix().get())) {
                byFile.computeIfAbsent(finding.file(), file -> new ArrayList<>()).add(finding);
            }
        }
        Map<String, FixPlan> plans = new LinkedHashMap<>();
        for (Map.Entry<String, List<Finding>> entry : byFile.entrySet()) {
            Optional<String> source = run.source(entry.getKey());
            if (source.isPresent()) {
                plans.put(entry.getKey(), LargeStackRunner.call("numguard-fix",
                        () -> planner.plan(source.get(), entry.getValue())));
            }
        }
        List<FileFixOutcome> outcomes = new ArrayList<>();
        Map<String, String> blocked = requireRuntimeGuards(plans, write, run.encoding(), outcomes);
        for (Map.Entry<String, FixPlan> entry : plans.entrySet()) {
            String file = entry.getKey();
            FixPlan plan = entry.getValue();
            if (blocked.containsKey(file)) {
                outcomes.add(new FileFixOutcome(file, plan, false, Optional.of(blocked.get(file))));
            } else if (!write || !plan.changes()) {
                outcomes.add(new FileFixOutcome(file, plan, false, Optional.empty()));
            } else {
                outcomes.add(write(file, plan, run.encoding()));
            }
        }
        return outcomes;
    }

    /**
     * In a modular project, a file that starts calling runtime-guards compiles only when its module
     * requires {@value RuntimeGuards#MODULE}: adds that directive to the {@code module-info.java} of
     * each such file (planned, or written before any source when {@code write}), with its outcome
     * added to {@code outcomes}. A source file whose module declaration cannot be edited is not
     * written: the build would break.
     *
     * @return per source file that must not be written, the reason
     */
    private static Map<String, String> requireRuntimeGuards(Map<String, FixPlan> plans, boolean write,
                                                            java.nio.charset.Charset encoding,
                                                            List<FileFixOutcome> outcomes) {
        Map<Path, List<String>> filesByDescriptor = new LinkedHashMap<>();
        plans.forEach((file, plan) -> {
            if (plan.changes() && RuntimeGuards.neededBy(plan.applied())) {
                ModuleDescriptors.of(Path.of(file), plan.fixed()).ifPresent(descriptor ->
                        filesByDescriptor.computeIfAbsent(descriptor, key -> new ArrayList<>()).add(file));
            }
        });
        Map<String, String> blocked = new LinkedHashMap<>();
        filesByDescriptor.forEach((descriptor, files) -> {
            Optional<String> problem;
            try {
                String text = SourceFileReader.read(descriptor, encoding);
                String edited = ModuleDescriptors.withRequires(text, RuntimeGuards.MODULE);
                FileFixOutcome outcome = new FileFixOutcome(descriptor.toString(),
                        new FixPlan(text, edited, List.of(), List.of(), Optional.empty()), false, Optional.empty());
                if (edited.equals(text)) {
                    return;
                }
                outcome = write ? write(descriptor.toString(), outcome.plan(), encoding) : outcome;
                outcomes.add(outcome);
                problem = outcome.writeError();
            } catch (IOException | SecurityException e) {
                problem = Optional.of(FileErrors.inWords(e));
            } catch (ModuleDescriptors.NotEditable e) {
                problem = Optional.of(e.getMessage());
            }
            problem.ifPresent(why -> files.forEach(file -> blocked.put(file, "the fix calls numguard's runtime library,"
                    + " so its module must read it, but " + descriptor + " could not be given `requires "
                    + RuntimeGuards.MODULE + ";` (" + why + "); not written: add the line and run fix again")));
        });
        return blocked;
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
