package dev.numguard.analyzer.report;

import dev.numguard.analyzer.baseline.BaselineEntry;
import dev.numguard.analyzer.engine.AnalysisProblem;
import dev.numguard.analyzer.fix.FixPlan;
import dev.numguard.analyzer.fix.UnifiedDiff;
import dev.numguard.rules.Finding;
import dev.numguard.rules.Rule;
import dev.numguard.rules.SourceSpan;
import java.io.IOException;
import java.io.Writer;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * One self-contained HTML page (inline CSS and script, no external assets) that can be opened from
 * disk or attached to a build: a summary by rule and by file, filters by rule, severity and
 * baseline state, the files that could not be analysed, and each finding with its location, rule
 * (linked to its docs), message, the code around it with the flagged lines marked, and its fix as
 * a unified diff. The page is built as a jsoup DOM, so every piece of source or message text is
 * escaped by construction. Without script the page shows everything; the filters only hide.
 */
public final class HtmlReport implements Reporter {
    private static final int CONTEXT_LINES = 2;
    private static final String STYLE = """
            body{font-family:system-ui,-apple-system,Segoe UI,sans-serif;margin:2em auto;max-width:72em;padding:0 1em;color:#1b1f24}
            h1{font-size:1.5em}h2{font-size:1.15em;margin-top:2em}
            .summary{background:#f3f4f6;padding:.6em 1em;border-radius:6px}
            table{border-collapse:collapse}td,th{border:1px solid #d0d7de;padding:.2em .6em;text-align:left}
            .filters label{margin-right:1em}
            .finding{border:1px solid #d0d7de;border-radius:6px;margin:1em 0;padding:.2em 1em 1em}
            .finding h3{font-size:1em;font-weight:600;margin:.8em 0 .4em}
            .baselined{opacity:.6}
            .loc{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;color:#57606a}
            .sev{display:inline-block;border-radius:4px;padding:0 .4em;font-size:.85em;color:#fff}
            .sev-error{background:#cf222e}.sev-warning{background:#bf8700}.sev-note{background:#0969da}
            .tag{display:inline-block;border:1px solid #8c959f;border-radius:4px;padding:0 .4em;font-size:.8em}
            pre{background:#f6f8fa;padding:.6em;overflow-x:auto;font-size:.85em;line-height:1.4;margin:.4em 0}
            .ln{color:#8c959f;user-select:none;display:inline-block;min-width:3.5em}
            .hit{background:#fff8c5;display:block}
            .add{background:#dafbe1;display:block}.del{background:#ffebe9;display:block}.hunk{color:#8250df;display:block}
            .problem{color:#cf222e}
            """;
    /**
     * Hides the findings the three filters do not select (each finding carries
     * data-rule/-severity/-state); the filters start from the page's fragment, e.g.
     * {@code numguard.html#severity=error&state=new}, so a filtered view can be linked.
     */
    private static final String FILTER_SCRIPT = """
            (function () {
              var selects = document.querySelectorAll('.filters select');
              var linked = new URLSearchParams(location.hash.slice(1));
              selects.forEach(function (s) { if (linked.has(s.name)) { s.value = linked.get(s.name); } });
              function apply() {
                var wanted = {};
                selects.forEach(function (s) { wanted[s.name] = s.value; });
                var shown = 0;
                document.querySelectorAll('.finding').forEach(function (f) {
                  var visible = ['rule', 'severity', 'state'].every(function (k) {
                    return !wanted[k] || f.dataset[k] === wanted[k];
                  });
                  f.hidden = !visible;
                  if (visible) { shown++; }
                });
                document.getElementById('shown').textContent = shown;
              }
              selects.forEach(function (s) { s.addEventListener('change', apply); });
              apply();
            })();
            """;

    private final ToolInfo tool;
    private final FixPreview previews = new FixPreview();

    public HtmlReport(ToolInfo tool) {
        this.tool = tool;
    }

    @Override
    public void write(ReportedRun report, Writer out) throws IOException {
        Document page = Document.createShell("");
        page.outputSettings().prettyPrint(false).charset("UTF-8");
        page.head().appendElement("meta").attr("charset", "utf-8");
        page.title("numguard report");
        page.head().appendElement("style").appendChild(new org.jsoup.nodes.DataNode(STYLE));
        page.selectFirst("html").attr("lang", "en");
        Element body = page.body();
        body.appendElement("h1").text("numguard report");
        body.appendElement("p").addClass("summary")
                .text(TextReport.summary(report) + " \u00b7 " + tool.name() + " " + tool.version());

        appendSummaryTables(body, report);
        appendProblems(body, report);

        body.appendElement("h2").text("Findings");
        Element filters = body.appendElement("p").addClass("filters");
        filter(filters, "rule", "Rule", report.findings().stream().map(Finding::ruleId).distinct().sorted().toList());
        filter(filters, "severity", "Severity", List.of("error", "warning", "note"));
        filter(filters, "state", "Baseline", List.of("new", "baselined"));
        filters.appendText(" ").appendElement("span").attr("id", "shown").text(String.valueOf(report.findings().size()));
        filters.appendText(" shown");
        if (report.findings().isEmpty()) {
            body.appendElement("p").text("No findings.");
        }
        for (Finding finding : report.findings()) {
            appendFinding(body, report, finding);
        }
        appendAbsent(body, report);
        body.appendElement("script").appendChild(new org.jsoup.nodes.DataNode(FILTER_SCRIPT));
        out.write("<!DOCTYPE html>\n" + page.html() + "\n");
    }

    private void appendSummaryTables(Element body, ReportedRun report) {
        if (report.findings().isEmpty()) {
            return;
        }
        body.appendElement("h2").text("By rule");
        Element byRule = table(body, "Rule", "Findings", "Baselined");
        countBy(report, Finding::ruleId).forEach((ruleId, counts) -> {
            Element row = byRule.appendElement("tr");
            Element name = row.appendElement("td");
            docsUri(report, ruleId).ifPresentOrElse(uri -> name.appendElement("a").attr("href", uri).text(ruleId),
                    () -> name.text(ruleId));
            row.appendElement("td").text(String.valueOf(counts[0]));
            row.appendElement("td").text(String.valueOf(counts[1]));
        });
        body.appendElement("h2").text("By file");
        Element byFile = table(body, "File", "Findings", "Baselined");
        countBy(report, finding -> report.displayPath(finding.file())).forEach((file, counts) -> {
            Element row = byFile.appendElement("tr");
            row.appendElement("td").addClass("loc").text(file);
            row.appendElement("td").text(String.valueOf(counts[0]));
            row.appendElement("td").text(String.valueOf(counts[1]));
        });
    }

    /** Per key: {all findings, baselined ones}. */
    private static Map<String, int[]> countBy(ReportedRun report, Function<Finding, String> key) {
        Map<String, int[]> counts = new TreeMap<>();
        for (Finding finding : report.findings()) {
            int[] pair = counts.computeIfAbsent(key.apply(finding), k -> new int[2]);
            pair[0]++;
            if (report.state(finding) == ReportedRun.BaselineState.UNCHANGED) {
                pair[1]++;
            }
        }
        return counts;
    }

    private static Element table(Element body, String... headings) {
        Element table = body.appendElement("table");
        Element head = table.appendElement("tr");
        for (String heading : headings) {
            head.appendElement("th").text(heading);
        }
        return table;
    }

    private static void filter(Element filters, String name, String label, List<String> values) {
        Element select = filters.appendElement("label").text(label + " ").appendElement("select").attr("name", name);
        select.appendElement("option").attr("value", "").text("all");
        values.forEach(value -> select.appendElement("option").attr("value", value).text(value));
    }

    private static void appendProblems(Element body, ReportedRun report) {
        if (report.problems().isEmpty()) {
            return;
        }
        body.appendElement("h2").text("Files that could not be analysed");
        Element list = body.appendElement("ul");
        for (AnalysisProblem problem : report.problems()) {
            String where = report.displayPath(problem.file())
                    + (problem.line() > 0 ? ":" + problem.line() + (problem.column() > 0 ? ":" + problem.column() : "") : "");
            Element item = list.appendElement("li").addClass("problem");
            item.appendElement("span").addClass("loc").text(where);
            item.appendText(" " + problem.message());
        }
    }

    private void appendFinding(Element body, ReportedRun report, Finding finding) {
        SourceSpan span = finding.span();
        String level = SeverityWords.level(finding.severity());
        boolean baselined = report.state(finding) == ReportedRun.BaselineState.UNCHANGED;
        Element box = body.appendElement("div").addClass("finding")
                .attr("data-rule", finding.ruleId()).attr("data-severity", level)
                .attr("data-state", baselined ? "baselined" : "new");
        if (baselined) {
            box.addClass("baselined");
        }
        Element heading = box.appendElement("h3");
        heading.appendElement("span").addClass("sev").addClass("sev-" + level).text(level);
        heading.appendText(" ");
        docsUri(report, finding.ruleId()).ifPresentOrElse(
                uri -> heading.appendElement("a").attr("href", uri).text(finding.ruleId()),
                () -> heading.appendText(finding.ruleId()));
        heading.appendText(" ");
        heading.appendElement("span").addClass("loc")
                .text(report.displayPath(finding.file()) + ":" + span.line() + ":" + span.column());
        if (baselined) {
            heading.appendText(" ");
            heading.appendElement("span").addClass("tag").text("baselined");
        }
        box.appendElement("p").text(finding.message());
        report.run().source(finding.file()).ifPresent(source -> appendExcerpt(box, source, span));
        if (finding.fix().isPresent()) {
            box.appendElement("p").text("Fix: " + finding.fix().get().description());
            Optional<FixPlan> preview = previews.of(report.run(), finding);
            preview.ifPresent(plan -> appendDiff(box,
                    UnifiedDiff.between(report.displayPath(finding.file()), plan.original(), plan.fixed())));
        }
    }

    private static void appendAbsent(Element body, ReportedRun report) {
        if (report.absentEntries().isEmpty()) {
            return;
        }
        body.appendElement("h2").text("Baselined findings no longer found");
        Element list = body.appendElement("ul");
        for (BaselineEntry entry : report.absentEntries()) {
            Element item = list.appendElement("li");
            item.appendElement("span").addClass("loc").text(report.displayPath(entry) + ":" + entry.line());
            item.appendText(" [" + entry.ruleId() + "] " + entry.message());
        }
    }

    private Optional<String> docsUri(ReportedRun report, String ruleId) {
        return report.run().rules().stream().filter(rule -> rule.id().equals(ruleId)).findFirst()
                .map(Rule::metadata).map(metadata -> tool.docsUri(metadata.docsPath()));
    }

    private static void appendExcerpt(Element box, String source, SourceSpan span) {
        List<String> lines = UnifiedDiff.linesWithBreaks(source);
        int first = Math.max(1, span.line() - CONTEXT_LINES);
        int last = Math.min(lines.size(), span.endLine() + CONTEXT_LINES);
        Element code = box.appendElement("pre").appendElement("code");
        for (int number = first; number <= last; number++) {
            boolean hit = number >= span.line() && number <= span.endLine();
            Element line = code.appendElement("span");
            if (hit) {
                line.addClass("hit");
            }
            line.appendElement("span").addClass("ln").text(String.valueOf(number));
            line.appendText(stripBreak(lines.get(number - 1)));
            if (!hit) {
                code.appendText("\n");
            }
        }
    }

    private static void appendDiff(Element box, String diff) {
        Element code = box.appendElement("pre").addClass("diff").appendElement("code");
        for (String line : diff.split("\n", -1)) {
            if (line.isEmpty()) {
                continue;
            }
            String text = stripBreak(line);
            Element span = code.appendElement("span").text(text);
            if (line.startsWith("+++") || line.startsWith("---")) {
                code.appendText("\n");
            } else if (line.startsWith("@@")) {
                span.addClass("hunk");
            } else if (line.startsWith("+")) {
                span.addClass("add");
            } else if (line.startsWith("-")) {
                span.addClass("del");
            } else {
                code.appendText("\n");
            }
        }
    }

    private static String stripBreak(String line) {
        int end = line.length();
        while (end > 0 && (line.charAt(end - 1) == '\n' || line.charAt(end - 1) == '\r')) {
            end--;
        }
        return line.substring(0, end);
    }
}
