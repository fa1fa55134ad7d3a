package dev.numguard.analyzer.report;

import dev.numguard.analyzer.engine.AnalysisRun;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Path;

/** Writes the findings and problems of one analysis run in one format. */
public interface Reporter {
    /** Writes the report for {@code report} to {@code out}; does not close {@code out}. */
    void write(ReportedRun report, Writer out) throws IOException;

    /** Writes the report for {@code run}, without a baseline, paths relative to the working folder. */
    default void write(AnalysisRun run, Writer out) throws IOException {
        write(ReportedRun.of(run, Path.of("")), out);
    }
}
