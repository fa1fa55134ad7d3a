package dev.numguard.analyzer.report;

import dev.numguard.analyzer.engine.AnalysisRun;
import java.io.IOException;
import java.io.Writer;

/** Writes the findings and problems of one analysis run in one format. */
public interface Reporter {
    /** Writes the report for {@code run} to {@code out}; does not close {@code out}. */
    void write(AnalysisRun run, Writer out) throws IOException;
}
