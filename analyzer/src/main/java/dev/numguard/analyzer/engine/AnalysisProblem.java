package dev.numguard.analyzer.engine;

/**
 * A file that could not be analysed (does not parse, cannot be read or decoded). The rest of the
 * tree is still analysed.
 *
 * @param file the path as given
 * @param line 1-based, or 0 when unknown
 * @param column 1-based, or 0 when unknown
 * @param message what went wrong, in the parser's words where it has them
 */
public record AnalysisProblem(String file, int line, int column, String message) {
}
