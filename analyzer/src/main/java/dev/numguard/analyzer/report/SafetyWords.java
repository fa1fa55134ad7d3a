package dev.numguard.analyzer.report;

import dev.numguard.rules.Fix;

/** How reports name a fix's safety level, and the command that applies it (ruff's words). */
final class SafetyWords {
    private SafetyWords() {
    }

    /** {@code safe} or {@code review}, as in JSON's {@code fix.safety} and SARIF's fix properties. */
    static String word(Fix.Safety safety) {
        return switch (safety) {
            case SAFE -> "safe";
            case REVIEW -> "review";
        };
    }

    /** The command that applies a fix of this level. */
    static String command(Fix.Safety safety) {
        return switch (safety) {
            case SAFE -> "safe: numguard fix --write";
            case REVIEW -> "review: numguard fix --write --unsafe-fixes";
        };
    }
}
