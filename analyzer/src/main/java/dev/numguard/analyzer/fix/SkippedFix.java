package dev.numguard.analyzer.fix;

import dev.numguard.rules.Finding;

/**
 * A fix that was not applied, and why (it overlaps a fix applied in the same run — a second run
 * picks it up — or its edits do not fit the file).
 *
 * @param finding the finding whose fix was skipped
 * @param reason why, in a sentence
 */
public record SkippedFix(Finding finding, String reason) {
}
