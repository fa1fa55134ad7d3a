package dev.numguard.analyzer.engine;

/**
 * Hears how far an analysis has got, e.g. to draw progress on a terminal. Calls come from the
 * analysing thread; a listener must be cheap and must not throw.
 */
@FunctionalInterface
public interface ProgressListener {
    /** Ignores everything. */
    ProgressListener NONE = (phase, done, total) -> { };

    /**
     * @param phase what is being done, e.g. "reading" or "analysing"
     * @param done how many of {@code total} units are finished
     * @param total how many units the phase has (0 or more)
     */
    void progress(String phase, int done, int total);
}
