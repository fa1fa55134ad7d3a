package dev.numguard.analyzer.engine;

import java.time.Duration;
import java.util.Objects;

/**
 * How sources are turned into the model: the Java language level they are parsed at and how long
 * one file may take before it is reported as not analysed.
 *
 * @param release the Java release the sources are written for (8 to {@link #HIGHEST_RELEASE}); a
 *     file is a parse problem only when it is not valid Java at this level
 * @param fileBudget the most time one file may take to parse, model and check; a file that takes
 *     longer is reported ("not analysed: took longer than …") and the rest goes on
 */
public record ModelSettings(int release, Duration fileBudget) {
    /** The newest Java release the Spoon/JDT parser understands (records to flexible constructor bodies). */
    public static final int HIGHEST_RELEASE = 25;
    /** The oldest release numguard parses. */
    public static final int LOWEST_RELEASE = 8;
    /** Generous for any real file (the slowest real files model in a few seconds) yet no hang. */
    public static final Duration DEFAULT_FILE_BUDGET = Duration.ofSeconds(60);

    public ModelSettings {
        if (release < LOWEST_RELEASE || release > HIGHEST_RELEASE) {
            throw new UsageException("unsupported Java release (--release) " + release + ": numguard parses Java "
                    + LOWEST_RELEASE + " to " + HIGHEST_RELEASE);
        }
        Objects.requireNonNull(fileBudget, "fileBudget");
        if (fileBudget.isNegative() || fileBudget.isZero()) {
            throw new UsageException("the per-file time budget (--file-timeout) must be positive, not " + fileBudget.toSeconds() + " s");
        }
    }

    /** The highest release and the default budget. */
    public static ModelSettings defaults() {
        return new ModelSettings(HIGHEST_RELEASE, DEFAULT_FILE_BUDGET);
    }
}
