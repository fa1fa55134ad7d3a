package dev.numguard.analyzer.cli;

import dev.numguard.rules.Severity;
import java.util.Optional;

/** The lowest severity that makes {@code check} exit with 1. */
enum FailOn {
    /** Only errors. */
    ERROR(Severity.ERROR),
    /** Errors and warnings. */
    WARNING(Severity.WARNING),
    /** Any finding (the default). */
    INFO(Severity.INFO),
    /** No finding fails; only usage and analysis errors give a non-zero exit. */
    NEVER(null);

    private final Severity threshold;

    FailOn(Severity threshold) {
        this.threshold = threshold;
    }

    Optional<Severity> threshold() {
        return Optional.ofNullable(threshold);
    }
}
