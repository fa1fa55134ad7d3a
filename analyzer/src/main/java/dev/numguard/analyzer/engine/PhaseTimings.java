package dev.numguard.analyzer.engine;

import java.util.Map;

/**
 * Where the time of one analysis went, in nanoseconds of wall-clock time.
 *
 * @param readNanos reading the files and checking that they are UTF-8 (engine)
 * @param frontEndNanos the front end's whole run: parsing, building its trees, lowering them into
 *     the numeric model, and running the rules
 * @param rulesNanos the part of {@code frontEndNanos} spent inside the rules' {@code check}
 * @param ruleNanos {@code rulesNanos} by rule id
 */
public record PhaseTimings(long readNanos, long frontEndNanos, long rulesNanos, Map<String, Long> ruleNanos) {
    /** No measurement. */
    public static final PhaseTimings NONE = new PhaseTimings(0, 0, 0, Map.of());

    public PhaseTimings {
        ruleNanos = Map.copyOf(ruleNanos);
    }

    /** Parsing and modelling: the front end's time outside the rules. */
    public long parseAndModelNanos() {
        return Math.max(0, frontEndNanos - rulesNanos);
    }
}
