package dev.numguard.analyzer.cli;

import dev.numguard.analyzer.engine.ProgressListener;
import java.io.PrintWriter;

/**
 * Draws {@code numguard: reading 120/400 files} on one line of a terminal, redrawn in place with
 * {@code \r} when the count changes by at least a percent, and erased when the run is done.
 */
final class TerminalProgress implements ProgressListener {
    private final PrintWriter err;
    private String lastPhase = "";
    private int lastPercent = -1;
    private int lastWidth;

    TerminalProgress(PrintWriter err) {
        this.err = err;
    }

    @Override
    public void progress(String phase, int done, int total) {
        int percent = total == 0 ? 100 : (int) (100L * done / total);
        if (phase.equals(lastPhase) && percent == lastPercent) {
            return;
        }
        lastPhase = phase;
        lastPercent = percent;
        String line = "numguard: " + phase + " " + done + "/" + total + " files";
        err.print("\r" + line + " ".repeat(Math.max(0, lastWidth - line.length())));
        lastWidth = line.length();
        err.flush();
    }

    /** Erases the progress line, if one was drawn. */
    void clear() {
        if (lastWidth > 0) {
            err.print("\r" + " ".repeat(lastWidth) + "\r");
            err.flush();
            lastWidth = 0;
        }
    }
}
