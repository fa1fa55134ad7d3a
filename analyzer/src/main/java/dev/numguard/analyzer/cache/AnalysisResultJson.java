package dev.numguard.analyzer.cache;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.numguard.analyzer.engine.AnalysisProblem;
import dev.numguard.analyzer.engine.AnalysisResult;
import dev.numguard.rules.Finding;
import dev.numguard.rules.Fix;
import dev.numguard.rules.Severity;
import dev.numguard.rules.SourceSpan;
import dev.numguard.rules.TextEdit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Converts an {@link AnalysisResult} to a JSON tree and back, losslessly (findings with their
 * spans and fixes, problems, the file count). Written by hand rather than by data binding because
 * {@link Finding#fix()} is an {@link Optional}, which plain Jackson does not bind.
 */
final class AnalysisResultJson {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private AnalysisResultJson() {
    }

    static ObjectNode toJson(AnalysisResult result) {
        ObjectNode root = NODES.objectNode();
        root.put("filesAnalysed", result.filesAnalysed());
        ArrayNode findings = root.putArray("findings");
        for (Finding finding : result.findings()) {
            ObjectNode node = findings.addObject();
            node.put("ruleId", finding.ruleId());
            node.put("severity", finding.severity().name());
            node.put("file", finding.file());
            node.set("span", span(finding.span()));
            node.put("message", finding.message());
            finding.fix().ifPresent(fix -> node.set("fix", fix(fix)));
        }
        ArrayNode problems = root.putArray("problems");
        for (AnalysisProblem problem : result.problems()) {
            ObjectNode node = problems.addObject();
            node.put("file", problem.file());
            node.put("line", problem.line());
            node.put("column", problem.column());
            node.put("message", problem.message());
        }
        return root;
    }

    /**
     * @throws IllegalArgumentException when a field is missing or has the wrong type
     */
    static AnalysisResult fromJson(JsonNode root) {
        List<Finding> findings = new ArrayList<>();
        for (JsonNode node : array(root, "findings")) {
            Optional<Fix> fix = node.hasNonNull("fix") ? Optional.of(fix(node.get("fix"))) : Optional.empty();
            findings.add(new Finding(text(node, "ruleId"), Severity.valueOf(text(node, "severity")),
                    text(node, "file"), span(field(node, "span")), text(node, "message"), fix));
        }
        List<AnalysisProblem> problems = new ArrayList<>();
        for (JsonNode node : array(root, "problems")) {
            problems.add(new AnalysisProblem(text(node, "file"), integer(node, "line"), integer(node, "column"),
                    text(node, "message")));
        }
        return new AnalysisResult(findings, problems, integer(root, "filesAnalysed"));
    }

    private static ObjectNode span(SourceSpan span) {
        ObjectNode node = NODES.objectNode();
        node.put("start", span.start());
        node.put("end", span.end());
        node.put("line", span.line());
        node.put("column", span.column());
        node.put("endLine", span.endLine());
        node.put("endColumn", span.endColumn());
        return node;
    }

    private static SourceSpan span(JsonNode node) {
        return new SourceSpan(integer(node, "start"), integer(node, "end"), integer(node, "line"),
                integer(node, "column"), integer(node, "endLine"), integer(node, "endColumn"));
    }

    private static ObjectNode fix(Fix fix) {
        ObjectNode node = NODES.objectNode();
        node.put("description", fix.description());
        node.put("safety", fix.safety().name().toLowerCase(java.util.Locale.ROOT));
        ArrayNode edits = node.putArray("edits");
        for (TextEdit edit : fix.edits()) {
            ObjectNode editNode = edits.addObject();
            editNode.put("start", edit.start());
            editNode.put("end", edit.end());
            editNode.put("replacement", edit.replacement());
        }
        ArrayNode imports = node.putArray("imports");
        fix.imports().forEach(imports::add);
        return node;
    }

    private static Fix fix(JsonNode node) {
        List<TextEdit> edits = new ArrayList<>();
        for (JsonNode edit : array(node, "edits")) {
            edits.add(new TextEdit(integer(edit, "start"), integer(edit, "end"), text(edit, "replacement")));
        }
        List<String> imports = new ArrayList<>();
        for (JsonNode name : array(node, "imports")) {
            imports.add(name.asText());
        }
        // a cache written before safety levels has none: such a fix is treated as needing review
        Fix.Safety safety = node.hasNonNull("safety")
                ? Fix.Safety.valueOf(node.get("safety").asText().toUpperCase(java.util.Locale.ROOT))
                : Fix.Safety.REVIEW;
        return new Fix(text(node, "description"), edits, imports, safety);
    }

    private static JsonNode field(JsonNode node, String name) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            throw new IllegalArgumentException("missing field \"" + name + "\" in " + node);
        }
        return value;
    }

    private static JsonNode array(JsonNode node, String name) {
        JsonNode value = field(node, name);
        if (!value.isArray()) {
            throw new IllegalArgumentException("field \"" + name + "\" is not an array");
        }
        return value;
    }

    private static String text(JsonNode node, String name) {
        JsonNode value = field(node, name);
        if (!value.isTextual()) {
            throw new IllegalArgumentException("field \"" + name + "\" is not a string");
        }
        return value.asText();
    }

    private static int integer(JsonNode node, String name) {
        JsonNode value = field(node, name);
        if (!value.canConvertToInt() || !value.isIntegralNumber()) {
            throw new IllegalArgumentException("field \"" + name + "\" is not an int");
        }
        return value.intValue();
    }
}
