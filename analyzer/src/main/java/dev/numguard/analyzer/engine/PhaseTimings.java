package dev.numguard.analyzer.engine;

/**
 * Where the time of one analysis went, in nanoseconds. A front end that measures its phases
 * implements {@link TimedFrontEnd}; the engine adds the time it spent reading and decoding files.
 *
 * @param readNanos reading and UTF-8 checking the files (engine)
 * @param parseNanos parsing and building the front end's own trees
 * @param modelNanos lowering those trees into the numeric model
 * @param rulesNanos running the rules on the model
 */
public record PhaseTimings(long readNanos, long parseNanos, long modelNanos, long rulesNanos) {
    /** No measurement. */
    public static final PhaseTimings NONE = new PhaseTimings(0, 0, 0, 0);

    public long totalNanos() {
        return readNanos + parseNanos + modelNanos + rulesNanos;
    }

    public PhaseTimings withReadNanos(long nanos) {
        return new PhaseTimings(nanos, parseNanos, modelNanos, rulesNanos);
    }
}
