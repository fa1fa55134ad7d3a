package dev.numguard.analyzer.report;

import dev.numguard.rules.Severity;

/** How each report format names a severity. */
final class SeverityWords {
    private SeverityWords() {
    }

    /** javac's words, which SARIF shares: {@code error}, {@code warning}, {@code note}. */
    static String level(Severity severity) {
        return switch (severity) {
            case ERROR -> "error";
            case WARNING -> "warning";
            case INFO -> "note";
        };
    }
}
