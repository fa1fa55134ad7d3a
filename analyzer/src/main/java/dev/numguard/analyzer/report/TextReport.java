package dev.numguard.analyzer.report;

import dev.numguard.analyzer.baseline.BaselineEntry;
import dev.numguard.analyzer.engine.AnalysisProblem;
import dev.numguard.rules.Finding;
import dev.numguard.rules.Severity;
import java.io.IOException;
import java.io.Writer;
import java.util.List;
import java.util.Optional;

/**
 * Compiler-style text that terminals and IDEs turn into links, one entry per finding:
 * <pre>
 * src/Net.java:12:20: warning: [NaiveSoftmax] exp overflows to Infinity for inputs above 709.78 …
 *         double e = Math.exp(x[i]);
 *                    ^~~~~~~~~~~~~
 *   fix: Use StableMath.softmax (review: numguard fix --write --unsafe-fixes)
 * </pre>
 * Files that could not be analysed come as {@code path:line:col: error: message} (line and column
 * left out when unknown). Findings recorded in the baseline follow the new ones, one line each
 * marked {@code (baselined)}, then the recorded findings that are gone ({@code (absent)}); a
 * summary line ends the report.
 */
public final class TextReport implements Reporter {
    @Override
    public void write(ReportedRun report, Writer out) throws IOException {
        for (AnalysisProblem problem : report.problems()) {
            out.write(location(report.displayPath(problem.file()), problem.line(), problem.column()) + " error: "
                    + problem.message() + "\n");
        }
        for (Finding finding : report.newFindings()) {
            out.write(headline(report, finding) + "\n");
            Optional<String> source = report.run().source(finding.file());
            if (source.isPresent()) {
                out.write(excerptWithCaret(source.get(), finding));
            }
            if (finding.fix().isPresent()) {
                out.write("  fix: " + finding.fix().get().description() + " (" + SafetyWords.command(finding.fix().get().safety()) + ")\n");
            }
        }
        for (Finding finding : report.findings()) {
            if (report.state(finding) == ReportedRun.BaselineState.UNCHANGED) {
                out.write(headline(report, finding) + " (baselined)\n");
            }
        }
        for (BaselineEntry entry : report.absentEntries()) {
            out.write(location(report.displayPath(entry), entry.line(), 0) + " note: [" + entry.ruleId() + "] " + entry.message()
                    + " (absent: recorded in the baseline, no longer found)\n");
        }
        out.write(summary(report) + "\n");
    }

    private static String headline(ReportedRun report, Finding finding) {
        return location(report.displayPath(finding.file()), finding.span().line(), finding.span().column()) + " "
                + SeverityWords.level(finding.severity()) + ": [" + finding.ruleId() + "] " + finding.message();
    }

    /**
     * One line: new findings by severity, files, unanalysable files, and with a baseline how many
     * findings it holds back and how many of its entries are gone.
     */
    public static String summary(ReportedRun report) {
        List<Finding> counted = report.newFindings();
        long errors = counted.stream().filter(f -> f.severity() == Severity.ERROR).count();
        long warnings = counted.stream().filter(f -> f.severity() == Severity.WARNING).count();
        long notes = counted.stream().filter(f -> f.severity() == Severity.INFO).count();
        int findings = counted.size();
        int analysed = report.run().result().filesAnalysed();
        StringBuilder line = new StringBuilder();
        line.append(findings).append(report.hasBaseline() ? " new" : "").append(findings == 1 ? " finding" : " findings")
                .append(" (").append(errors).append(errors == 1 ? " error, " : " errors, ")
                .append(warnings).append(warnings == 1 ? " warning, " : " warnings, ")
                .append(notes).append(notes == 1 ? " note)" : " notes)")
                .append(" in ").append(analysed).append(analysed == 1 ? " file" : " files");
        if (report.hasBaseline()) {
            line.append("; ").append(report.baselinedCount()).append(" baselined, ")
                    .append(report.absentEntries().size()).append(" absent from the baseline");
        }
        if (!report.problems().isEmpty()) {
            int problems = report.problems().size();
            line.append("; ").append(problems).append(problems == 1 ? " file" : " files")
                    .append(" could not be analysed");
        }
        return line.toString();
    }

    private static String location(String file, int line, int column) {
        if (line <= 0) {
            return file + ":";
        }
        return file + ":" + line + ":" + (column > 0 ? column + ":" : "");
    }

    /** The first line of the finding, with a caret under its start and tildes to its end on that line. */
    private static String excerptWithCaret(String source, Finding finding) {
        int start = Math.min(finding.span().start(), source.length());
        int lineStart = source.lastIndexOf('\n', start - 1) + 1;
        int lineEnd = source.indexOf('\n', start);
        if (lineEnd < 0) {
            lineEnd = source.length();
        }
        String line = source.substring(lineStart, lineEnd).replace("\r", "");
        StringBuilder caret = new StringBuilder();
        for (int i = lineStart; i < start; i++) {
            caret.append(source.charAt(i) == '\t' ? '\t' : ' ');
        }
        caret.append('^');
        int underlineEnd = Math.min(finding.span().end(), lineStart + line.length());
        for (int i = start + 1; i < underlineEnd; i++) {
            caret.append('~');
        }
        return "    " + line + "\n    " + caret + "\n";
    }
}
