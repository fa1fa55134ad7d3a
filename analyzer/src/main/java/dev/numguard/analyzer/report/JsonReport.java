package dev.numguard.analyzer.report;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
 *   "summary": {"filesFound", "filesAnalysed", "findings", "errors", "warnings", "notes", "problems"},
 *   "timings": {"readMillis", "parseAndModelMillis", "rulesMillis", "wallMillis", "ruleMillis": {id: ms}},
 *   "findings": [{"ruleId", "severity", "file",
 *                 "span": {"start", "end", "line", "column", "endLine", "endColumn"},
 *                 "message",
 *                 "fix": {"description", "edits": [{"start", "end", "replacement"}], "imports": [..]}}],
 *   "problems": [{"file", "line", "column", "message"}] }
 * </pre>
 * Span offsets are UTF-16 chars, {@code end} exclusive; lines and columns are 1-based, the end
 * ones those of the last char. {@code severity} is {@code error}, {@code warning} or {@code info};
 * {@code fix} is absent when there is none. Timings are wall-clock milliseconds; rules run inside
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
    public void write(AnalysisRun run, Writer out) throws IOException {
        MAPPER.writeValue(out, toJson(run));
        out.write("\n");
    }

    /** The report as a JSON tree. */
    public ObjectNode toJson(AnalysisRun run) {
        ObjectNode root = MAPPER.createObjectNode();
        root.putObject("tool").put("name", tool.name()).put("version", tool.version());
        ObjectNode summary = root.putObject("summary");
        summary.put("filesFound", run.files().size());
        summary.put("filesAnalysed", run.result().filesAnalysed());
        summary.put("findings", run.findings().size());
        summary.put("errors", count(run, Severity.ERROR));
        summary.put("warnings", count(run, Severity.WARNING));
        summary.put("notes", count(run, Severity.INFO));
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
            findings.add(finding(finding));
        }
        ArrayNode problems = root.putArray("problems");
        for (AnalysisProblem problem : run.problems()) {
            problems.addObject().put("file", problem.file()).put("line", problem.line())
                    .put("column", problem.column()).put("message", problem.message());
        }
        return root;
    }

    private static ObjectNode finding(Finding finding) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("ruleId", finding.ruleId());
        node.put("severity", finding.severity().name().toLowerCase(Locale.ROOT));
        node.put("file", finding.file());
        SourceSpan span = finding.span();
        node.putObject("span").put("start", span.start()).put("end", span.end()).put("line", span.line())
                .put("column", span.column()).put("endLine", span.endLine()).put("endColumn", span.endColumn());
        node.put("message", finding.message());
        if (finding.fix().isPresent()) {
            Fix fix = finding.fix().get();
            ObjectNode fixNode = node.putObject("fix");
            fixNode.put("description", fix.description());
            ArrayNode edits = fixNode.putArray("edits");
            for (TextEdit edit : fix.edits()) {
                edits.addObject().put("start", edit.start()).put("end", edit.end()).put("replacement", edit.replacement());
            }
            ArrayNode imports = fixNode.putArray("imports");
            fix.imports().forEach(imports::add);
        }
        return node;
    }

    private static long count(AnalysisRun run, Severity severity) {
        return run.findings().stream().filter(f -> f.severity() == severity).count();
    }

    private static double millis(long nanos) {
        return Math.round(nanos / 1e4) / 100.0;
    }
}
