package dev.numguard.maven;

import dev.numguard.analyzer.engine.AnalysisRun;
import dev.numguard.analyzer.report.ReportFormat;
import dev.numguard.analyzer.report.ToolInfo;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Writes an analysis run's reports into the output folder with fixed names: {@code numguard.txt},
 * {@code numguard.json}, {@code numguard.sarif} and {@code numguard.html}. Each report is
 * rendered in memory and written atomically, so a CI job never picks up half a report.
 */
final class ReportFiles {
    private ReportFiles() {
    }

    /**
     * @param formats format names (any case, comma-separated values allowed), e.g. {@code json,sarif}
     * @return the files written, in format order
     * @throws IllegalArgumentException for an unknown format name
     */
    static List<Path> write(AnalysisRun run, List<String> formats, Path outputDirectory) throws IOException {
        Set<ReportFormat> wanted = parse(formats);
        List<Path> written = new ArrayList<>();
        if (wanted.isEmpty()) {
            return written;
        }
        Files.createDirectories(outputDirectory);
        ToolInfo tool = ToolInfo.numguard();
        for (ReportFormat format : wanted) {
            StringWriter text = new StringWriter();
            format.reporter(tool).write(run, text);
            Path file = outputDirectory.resolve(fileName(format));
            writeAtomically(file, text.toString());
            written.add(file);
        }
        return written;
    }

    private static void writeAtomically(Path file, String text) throws IOException {
        Path temporary = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
        try {
            Files.writeString(temporary, text, StandardCharsets.UTF_8);
            try {
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    static String fileName(ReportFormat format) {
        return switch (format) {
            case TEXT -> "numguard.txt";
            case JSON -> "numguard.json";
            case SARIF -> "numguard.sarif";
            case HTML -> "numguard.html";
        };
    }

    static Set<ReportFormat> parse(List<String> formats) {
        Set<ReportFormat> parsed = new LinkedHashSet<>();
        if (formats == null) {
            return parsed;
        }
        for (String value : formats) {
            for (String name : value.split(",")) {
                String trimmed = name.trim();
                if (trimmed.isEmpty() || trimmed.equalsIgnoreCase("none")) {
                    continue;
                }
                try {
                    parsed.add(ReportFormat.valueOf(trimmed.toUpperCase(Locale.ROOT)));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("unknown report format '" + trimmed
                            + "'; use text, json, sarif or html");
                }
            }
        }
        return parsed;
    }
}
