package dev.numguard.analyzer.fix;

import dev.numguard.rules.Finding;
import java.util.List;
import java.util.Optional;

/**
 * What applying a set of fixes to one file's text gives, before anything is written.
 *
 * @param original the text the fixes were planned against
 * @param fixed the text after the applied fixes and their imports; equal to {@code original} when
 *     nothing was applied or the plan failed
 * @param applied findings whose fixes are in {@code fixed}
 * @param skipped findings whose fixes were left out, with the reason
 * @param error why the whole file was refused (the result would not parse, or the original cannot
 *     be parsed for import handling); when present, {@code fixed} equals {@code original}
 */
public record FixPlan(String original, String fixed, List<Finding> applied, List<SkippedFix> skipped,
                      Optional<String> error) {
    public FixPlan {
        applied = List.copyOf(applied);
        skipped = List.copyOf(skipped);
    }

    /** True when {@code fixed} differs from {@code original}. */
    public boolean changes() {
        return !fixed.equals(original);
    }
}
