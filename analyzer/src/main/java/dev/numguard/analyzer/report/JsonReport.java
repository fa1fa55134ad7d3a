package dev.numguard.analyzer.report;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.numguard.analyzer.baseline.BaselineEntry;
import dev.numguard.analyzer.engine.AnalysisProblem;
import dev.numguard.analyzer.engine.AnalysisRun;
import dev.numguard.analyzer.engine.PhaseTimings;
import dev.numguard.rules.Finding;
import dev.numguard.rules.Fix;
import dev.numguard.rules.Severity;
import dev.numguard.rules.SourceSpan;
import dev.numguard.rules.TextEdit;
import java.io.IOException;
import java.io.Writer;
import java.util.Locale;

/**
 * numguard's own JSON report, for scripts:
 * <pre>
 * { "tool": {"name", "version"},
 *   "summary": {"filesFound", "filesAnalysed", "findings", "errors", "warnings", "notes", "baselined",
 *               "absent", "problems"},
 *   "timings": {"readMillis", "parseAndModelMillis", "rulesMillis", "wallMillis", "ruleMillis": {id: ms}},
 *   "findings": [{"ruleId", "severity", "file",
 *                 "span": {"start", "end", "line", "column", "endLine", "endColumn"},
 *                 "message", "fingerprint", "baselineState",
 *                 "fix": {"description", "safety": "safe"|"review", "edits": [{"start", "end", "replacement"}], "imports": [..]}}],
 *   "absent": [{"ruleId", "file", "line", "message", "baselineState"}],
 *   "problems": [{"file", "line", "column", "message"}] }
 * </pre>
 * Span offsets are UTF-16 chars, {@code end} exclusive; lines and columns are 1-based, the end
 * ones those of the last char. {@code severity} is {@code error}, {@code warning} or {@code info};
 * {@code fix} is absent when there is none. Paths are relative to the project root. The summary
 * counts new findings; {@code baselineState} ({@code new} or {@code unchanged}) is there when a
 * baseline was applied, and {@code absent} lists its entries that no longer occur. Timings are wall-clock milliseconds; rules run inside
 * the front end, so {@code parseAndModelMillis} is the front end's time outside the rules.
 */
public final class JsonReport implements Reporter {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);

    private final ToolInfo tool;

    public JsonReport(ToolInfo tool) {
        this.tool = tool;
    }

    @Override
    public void write(ReportedRun report, Writer out) throws IOException {
        MAPPER.writeValue(out, toJson(report));
        out.write("\n");
    }

    /** The report as a JSON tree. */
    public ObjectNode toJson(ReportedRun report) {
        AnalysisRun run = report.run();
        ObjectNode root = MAPPER.createObjectNode();
        root.putObject("tool").put("name", tool.name()).put("version", tool.version());
        ObjectNode summary = root.putObject("summary");
        summary.put("filesFound", run.files().size());
        summary.put("filesAnalysed", run.result().filesAnalysed());
        summary.put("findings", report.newFindings().size());
        summary.put("errors", count(report, Severity.ERROR));
        summary.put("warnings", count(report, Severity.WARNING));
        summary.put("notes", count(report, Severity.INFO));
        summary.put("baselined", report.baselinedCount());
        summary.put("absent", report.absentEntries().size());
        summary.put("problems", run.problems().size());
        PhaseTimings timings = run.timings();
        ObjectNode timingsNode = root.putObject("timings")
                .put("readMillis", millis(timings.readNanos()))
                .put("parseAndModelMillis", millis(timings.parseAndModelNanos()))
                .put("rulesMillis", millis(timings.rulesNanos()))
                .put("wallMillis", millis(run.wallNanos()));
        ObjectNode byRule = timingsNode.putObject("ruleMillis");
        timings.ruleNanos().entrySet().stream().sorted(java.util.Map.Entry.comparingByKey())
                .forEach(entry -> byRule.put(entry.getKey(), millis(entry.getValue())));
        ArrayNode findings = root.putArray("findings");
        for (Finding finding : run.findings()) {
            ObjectNode node = finding(finding, report.displayPath(finding.file()));
            node.put("fingerprint", report.fingerprint(finding));
            if (report.hasBaseline()) {
                node.put("baselineState", report.state(finding).name().toLowerCase(Locale.ROOT));
            }
            findings.add(node);
        }
        ArrayNode absent = root.putArray("absent");
        for (BaselineEntry entry : report.absentEntries()) {
            absent.addObject().put("ruleId", entry.ruleId()).put("file", report.displayPath(entry)).put("line", entry.line())
                    .put("message", entry.message()).put("baselineState", "absent");
        }
        ArrayNode problems = root.putArray("problems");
        for (AnalysisProblem problem : run.problems()) {
            problems.addObject().put("file", report.displayPath(problem.file())).put("line", problem.line())
                    .put("column", problem.column()).put("message", problem.message());
        }
        return root;
    }

    private static ObjectNode finding(Finding finding, String file) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("ruleId", finding.ruleId());
        node.put("severity", finding.severity().name().toLowerCase(Locale.ROOT));
        node.put("file", file);
        SourceSpan span = finding.span();
        node.putObject("span").put("start", span.start()).put("end", span.end()).put("line", span.line())
                .put("column", span.column()).put("endLine", span.endLine()).put("endColumn", span.endColumn());
        node.put("message", finding.message());
        if (finding.fix().isPresent()) {
            Fix fix = finding.fix().get();
            ObjectNode fixNode = node.putObject("fix");
            fixNode.put("description", fix.description());
            fixNode.put("safety", SafetyWords.word(fix.safety()));
            ArrayNode edits = fixNode.putArray("edits");
            for (TextEdit edit : fix.edits()) {
                edits.addObject().put("start", edit.start()).put("end", edit.end()).put("replacement", edit.replacement());
            }
            ArrayNode imports = fixNode.putArray("imports");
            fix.imports().forEach(imports::add);
        }
        return node;
    }

    private static long count(ReportedRun report, Severity severity) {
        return report.newFindings().stream().filter(f -> f.severity() == severity).count();
    }

    private static double millis(long nanos) {
        return Math.round(nanos / 1e4) / 100.0;
    }
}
