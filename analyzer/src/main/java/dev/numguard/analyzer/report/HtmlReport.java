package dev.numguard.analyzer.report;

import dev.numguard.analyzer.engine.AnalysisProblem;
import dev.numguard.analyzer.engine.AnalysisRun;
import dev.numguard.analyzer.fix.FixPlan;
import dev.numguard.analyzer.fix.UnifiedDiff;
import dev.numguard.rules.Finding;
import dev.numguard.rules.Rule;
import dev.numguard.rules.SourceSpan;
import java.io.IOException;
import java.io.Writer;
import java.util.List;
import java.util.Optional;

/**
 * One self-contained HTML page (inline CSS, no scripts, no external assets) that can be opened
 * from disk or attached to a build: a summary, the files that could not be analysed, and each
 * finding with its location, rule (linked to its docs), message, the code around it with the
 * flagged lines marked, and its fix as a unified diff. Every piece of source or message text is
 * HTML-escaped.
 */
public final class HtmlReport implements Reporter {
    private static final int CONTEXT_LINES = 2;
    private static final String STYLE = """
            body{font-family:system-ui,-apple-system,Segoe UI,sans-serif;margin:2em auto;max-width:72em;padding:0 1em;color:#1b1f24}
            h1{font-size:1.5em}h2{font-size:1.15em;margin-top:2em}
            .summary{background:#f3f4f6;padding:.6em 1em;border-radius:6px}
            .finding{border:1px solid #d0d7de;border-radius:6px;margin:1em 0;padding:.2em 1em 1em}
            .finding h3{font-size:1em;font-weight:600;margin:.8em 0 .4em}
            .loc{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;color:#57606a}
            .sev{display:inline-block;border-radius:4px;padding:0 .4em;font-size:.85em;color:#fff}
            .sev-error{background:#cf222e}.sev-warning{background:#bf8700}.sev-note{background:#0969da}
            pre{background:#f6f8fa;padding:.6em;overflow-x:auto;font-size:.85em;line-height:1.4;margin:.4em 0}
            .ln{color:#8c959f;user-select:none;display:inline-block;min-width:3.5em}
            .hit{background:#fff8c5;display:block}
            .add{background:#dafbe1;display:block}.del{background:#ffebe9;display:block}.hunk{color:#8250df;display:block}
            .problem{color:#cf222e}
            """;

    private final ToolInfo tool;
    private final FixPreview previews = new FixPreview();

    public HtmlReport(ToolInfo tool) {
        this.tool = tool;
    }

    @Override
    public void write(AnalysisRun run, Writer out) throws IOException {
        StringBuilder html = new StringBuilder();
        html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<title>numguard report</title>\n<style>\n").append(STYLE).append("</style>\n</head>\n<body>\n");
        html.append("<h1>numguard report</h1>\n");
        html.append("<p class=\"summary\">").append(escape(TextReport.summary(run))).append(" &middot; ")
                .append(escape(tool.name() + " " + tool.version())).append("</p>\n");
        if (!run.problems().isEmpty()) {
            html.append("<h2>Files that could not be analysed</h2>\n<ul>\n");
            for (AnalysisProblem problem : run.problems()) {
                html.append("<li class=\"problem\"><span class=\"loc\">").append(escape(problem.file()));
                if (problem.line() > 0) {
                    html.append(':').append(problem.line());
                    if (problem.column() > 0) {
                        html.append(':').append(problem.column());
                    }
                }
                html.append("</span> ").append(escape(problem.message())).append("</li>\n");
            }
            html.append("</ul>\n");
        }
        html.append("<h2>Findings</h2>\n");
        if (run.findings().isEmpty()) {
            html.append("<p>No findings.</p>\n");
        }
        for (Finding finding : run.findings()) {
            appendFinding(html, run, finding);
        }
        html.append("</body>\n</html>\n");
        out.write(html.toString());
    }

    private void appendFinding(StringBuilder html, AnalysisRun run, Finding finding) {
        SourceSpan span = finding.span();
        String level = SeverityWords.level(finding.severity());
        html.append("<div class=\"finding\">\n<h3><span class=\"sev sev-").append(level).append("\">").append(level)
                .append("</span> ");
        Optional<Rule> rule = run.rules().stream().filter(r -> r.id().equals(finding.ruleId())).findFirst();
        if (rule.isPresent()) {
            html.append("<a href=\"").append(escape(tool.docsUri(rule.get().metadata().docsPath()))).append("\">")
                    .append(escape(finding.ruleId())).append("</a>");
        } else {
            html.append(escape(finding.ruleId()));
        }
        html.append(" <span class=\"loc\">").append(escape(finding.file())).append(':').append(span.line()).append(':')
                .append(span.column()).append("</span></h3>\n");
        html.append("<p>").append(escape(finding.message())).append("</p>\n");
        run.source(finding.file()).ifPresent(source -> appendExcerpt(html, source, span));
        if (finding.fix().isPresent()) {
            html.append("<p>Fix: ").append(escape(finding.fix().get().description())).append("</p>\n");
            Optional<FixPlan> preview = previews.of(run, finding);
            preview.ifPresent(plan -> appendDiff(html, UnifiedDiff.between(finding.file(), plan.original(), plan.fixed())));
        }
        html.append("</div>\n");
    }

    private static void appendExcerpt(StringBuilder html, String source, SourceSpan span) {
        List<String> lines = UnifiedDiff.linesWithBreaks(source);
        int first = Math.max(1, span.line() - CONTEXT_LINES);
        int last = Math.min(lines.size(), span.endLine() + CONTEXT_LINES);
        html.append("<pre><code>");
        for (int number = first; number <= last; number++) {
            boolean hit = number >= span.line() && number <= span.endLine();
            html.append(hit ? "<span class=\"hit\">" : "<span>").append("<span class=\"ln\">").append(number)
                    .append("</span>").append(escape(stripBreak(lines.get(number - 1)))).append("</span>");
            if (!hit) {
                html.append('\n');
            }
        }
        html.append("</code></pre>\n");
    }

    private static void appendDiff(StringBuilder html, String diff) {
        html.append("<pre><code>");
        for (String line : diff.split("\n", -1)) {
            if (line.isEmpty()) {
                continue;
            }
            String text = escape(stripBreak(line));
            if (line.startsWith("+++") || line.startsWith("---")) {
                html.append("<span>").append(text).append("</span>\n");
            } else if (line.startsWith("@@")) {
                html.append("<span class=\"hunk\">").append(text).append("</span>");
            } else if (line.startsWith("+")) {
                html.append("<span class=\"add\">").append(text).append("</span>");
            } else if (line.startsWith("-")) {
                html.append("<span class=\"del\">").append(text).append("</span>");
            } else {
                html.append("<span>").append(text).append("</span>\n");
            }
        }
        html.append("</code></pre>\n");
    }

    private static String stripBreak(String line) {
        int end = line.length();
        while (end > 0 && (line.charAt(end - 1) == '\n' || line.charAt(end - 1) == '\r')) {
            end--;
        }
        return line.substring(0, end);
    }

    /** Escapes the five characters that are markup in HTML text and attribute values. */
    static String escape(String text) {
        StringBuilder escaped = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> escaped.append("&lt;");
                case '>' -> escaped.append("&gt;");
                case '&' -> escaped.append("&amp;");
                case '"' -> escaped.append("&quot;");
                case '\'' -> escaped.append("&#39;");
                default -> escaped.append(c);
            }
        }
        return escaped.toString();
    }
}
