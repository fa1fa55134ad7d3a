package dev.numguard.analyzer.report;

import dev.numguard.analyzer.fix.AtomicFileWriter;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Writes a run's reports into an output folder with fixed names ({@link ReportFormat#fileName()}).
 * Each report is rendered in memory and written atomically, so a CI job never picks up half a
 * report.
 */
public final class ReportWriter {
    private final ToolInfo tool;
    private final String category;

    /** @param category the SARIF category (e.g. {@code numguard/my-module}) */
    public ReportWriter(ToolInfo tool, String category) {
        this.tool = tool;
        this.category = category;
    }

    /** Writes {@code formats} of {@code report} into {@code folder}; returns the files, in format order. */
    public List<Path> write(ReportedRun report, Collection<ReportFormat> formats, Path folder) throws IOException {
        List<Path> written = new ArrayList<>();
        for (ReportFormat format : formats) {
            Path file = folder.resolve(format.fileName());
            AtomicFileWriter.writeUtf8(file, render(report, format));
            written.add(file);
        }
        return written;
    }

    /** The report as text. */
    public String render(ReportedRun report, ReportFormat format) throws IOException {
        StringWriter text = new StringWriter();
        format.reporter(tool, category).write(report, text);
        return text.toString();
    }
}
