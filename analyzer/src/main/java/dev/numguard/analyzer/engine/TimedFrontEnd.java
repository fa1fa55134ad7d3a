package dev.numguard.analyzer.engine;

/**
 * A front end that measures where its time goes, so that the engine can report the share spent in
 * rules (see {@code docs/evaluation.md}).
 */
public interface TimedFrontEnd extends FrontEnd {
    /**
     * The timings of the most recent {@link #analyze} call on this instance; {@code readNanos} is
     * left 0 (the engine fills it in). {@link PhaseTimings#NONE} before the first call.
     */
    PhaseTimings lastTimings();
}
