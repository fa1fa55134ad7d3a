package dev.numguard.analyzer.cli;

import dev.numguard.analyzer.engine.AnalysisRun;
import dev.numguard.analyzer.engine.PhaseTimings;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** The {@code --timings} line: wall time, files per second, and the share of each phase. */
final class TimingSummary {
    private TimingSummary() {
    }

    static String of(AnalysisRun run) {
        PhaseTimings timings = run.timings();
        double wall = seconds(run.wallNanos());
        int files = run.result().filesAnalysed();
        String perRule = timings.ruleNanos().entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .map(entry -> entry.getKey() + " " + format(seconds(entry.getValue())))
                .collect(Collectors.joining(", "));
        return String.format(Locale.ROOT, "numguard: %d files in %s (%.1f files/s); read %s, parse and model %s, rules %s (%.1f%%)%s",
                files, format(wall), wall > 0 ? files / wall : 0.0, format(seconds(timings.readNanos())),
                format(seconds(timings.parseAndModelNanos())), format(seconds(timings.rulesNanos())),
                run.wallNanos() > 0 ? 100.0 * timings.rulesNanos() / run.wallNanos() : 0.0,
                perRule.isEmpty() ? "" : ": " + perRule);
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }

    private static String format(double seconds) {
        return String.format(Locale.ROOT, "%.3f s", seconds);
    }
}
