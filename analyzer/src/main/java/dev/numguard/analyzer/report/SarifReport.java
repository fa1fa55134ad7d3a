package dev.numguard.analyzer.report;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.difflib.DiffUtils;
import com.github.difflib.patch.AbstractDelta;
import dev.numguard.analyzer.engine.AnalysisProblem;
import dev.numguard.analyzer.engine.AnalysisRun;
import dev.numguard.analyzer.fix.FixPlan;
import dev.numguard.analyzer.fix.UnifiedDiff;
import dev.numguard.rules.Finding;
import dev.numguard.rules.Rule;
import dev.numguard.rules.RuleMetadata;
import dev.numguard.rules.SourceSpan;
import java.io.IOException;
import java.io.Writer;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A SARIF 2.1.0 log with one run.
 *
 * <ul>
 *   <li>{@code tool.driver.rules}: every rule that ran, with its summary, its full docs as
 *       {@code help} (text and Markdown), a {@code helpUri} to its docs page and its default
 *       level.</li>
 *   <li>{@code results}: one per finding, with a region giving lines, columns (UTF-16 code units,
 *       end column exclusive as SARIF wants) and char offsets; a finding's fix becomes a SARIF
 *       {@code fix} whose replacements are whole lines, imports included, so that it applies on
 *       its own to the analysed file.</li>
 *   <li>{@code invocations[0].toolExecutionNotifications}: files that could not be analysed;
 *       {@code executionSuccessful} is false when there are any.</li>
 * </ul>
 * Artifact URIs are the paths as given, with {@code /} separators: relative references when
 * relative, {@code file:} URIs when absolute.
 */
public final class SarifReport implements Reporter {
    /** The schema the log declares (the OASIS-published SARIF 2.1.0 schema). */
    public static final String SCHEMA_URI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);

    private final ToolInfo tool;
    private final FixPreview previews = new FixPreview();

    public SarifReport(ToolInfo tool) {
        this.tool = tool;
    }

    @Override
    public void write(AnalysisRun run, Writer out) throws IOException {
        MAPPER.writeValue(out, toJson(run));
        out.write("\n");
    }

    /** The log as a JSON tree. */
    public ObjectNode toJson(AnalysisRun run) {
        ObjectNode log = MAPPER.createObjectNode();
        log.put("$schema", SCHEMA_URI);
        log.put("version", "2.1.0");
        ObjectNode sarifRun = log.putArray("runs").addObject();

        ObjectNode driver = sarifRun.putObject("tool").putObject("driver");
        driver.put("name", tool.name());
        if (!"unknown".equals(tool.version())) {
            driver.put("version", tool.version());
        }
        driver.put("informationUri", tool.docsBaseUri());
        ArrayNode rules = driver.putArray("rules");
        Map<String, Integer> ruleIndex = new HashMap<>();
        for (Rule rule : run.rules()) {
            ruleIndex.put(rule.id(), rules.size());
            rules.add(ruleDescriptor(rule.metadata()));
        }

        ObjectNode invocation = sarifRun.putArray("invocations").addObject();
        invocation.put("executionSuccessful", run.problems().isEmpty());
        ArrayNode notifications = invocation.putArray("toolExecutionNotifications");
        for (AnalysisProblem problem : run.problems()) {
            ObjectNode notification = notifications.addObject();
            notification.put("level", "error");
            notification.putObject("message").put("text", problem.message());
            ObjectNode location = notification.putArray("locations").addObject().putObject("physicalLocation");
            location.putObject("artifactLocation").put("uri", artifactUri(problem.file()));
            if (problem.line() > 0) {
                ObjectNode region = location.putObject("region").put("startLine", problem.line());
                if (problem.column() > 0) {
                    region.put("startColumn", problem.column());
                }
            }
        }

        sarifRun.put("columnKind", "utf16CodeUnits");
        ArrayNode results = sarifRun.putArray("results");
        for (Finding finding : run.findings()) {
            results.add(result(run, finding, ruleIndex));
        }
        return log;
    }

    private ObjectNode ruleDescriptor(RuleMetadata metadata) {
        ObjectNode descriptor = MAPPER.createObjectNode();
        descriptor.put("id", metadata.id());
        descriptor.put("name", metadata.id());
        descriptor.putObject("shortDescription").put("text", metadata.summary().strip());
        descriptor.putObject("fullDescription").put("text", metadata.whatItDoes().strip());
        String markdown = RuleDocs.page(metadata);
        descriptor.putObject("help").put("text", metadata.whatItDoes().strip() + "\n\n" + metadata.whyIsThisBad().strip())
                .put("markdown", markdown);
        descriptor.put("helpUri", tool.docsUri(metadata.docsPath()));
        descriptor.putObject("defaultConfiguration").put("level", SeverityWords.level(metadata.defaultSeverity()));
        return descriptor;
    }

    private ObjectNode result(AnalysisRun run, Finding finding, Map<String, Integer> ruleIndex) {
        ObjectNode result = MAPPER.createObjectNode();
        result.put("ruleId", finding.ruleId());
        Integer index = ruleIndex.get(finding.ruleId());
        if (index != null) {
            result.put("ruleIndex", index);
        }
        result.put("level", SeverityWords.level(finding.severity()));
        result.putObject("message").put("text", finding.message());
        ObjectNode location = result.putArray("locations").addObject().putObject("physicalLocation");
        location.putObject("artifactLocation").put("uri", artifactUri(finding.file()));
        SourceSpan span = finding.span();
        location.putObject("region")
                .put("startLine", span.line())
                .put("startColumn", span.column())
                .put("endLine", span.endLine())
                .put("endColumn", span.end() > span.start() ? span.endColumn() + 1 : span.endColumn())
                .put("charOffset", span.start())
                .put("charLength", span.end() - span.start());
        Optional<FixPlan> preview = previews.of(run, finding);
        if (preview.isPresent()) {
            ObjectNode fix = result.putArray("fixes").addObject();
            fix.putObject("description").put("text", finding.fix().get().description());
            ObjectNode change = fix.putArray("artifactChanges").addObject();
            change.putObject("artifactLocation").put("uri", artifactUri(finding.file()));
            ArrayNode replacements = change.putArray("replacements");
            for (LineReplacement replacement : lineReplacements(preview.get().original(), preview.get().fixed())) {
                ObjectNode node = replacements.addObject();
                node.putObject("deletedRegion").put("charOffset", replacement.offset()).put("charLength", replacement.length());
                if (!replacement.inserted().isEmpty()) {
                    node.putObject("insertedContent").put("text", replacement.inserted());
                }
            }
        }
        return result;
    }

    /** A replacement of whole lines, in offsets of the original text. */
    private record LineReplacement(int offset, int length, String inserted) {
    }

    private static List<LineReplacement> lineReplacements(String before, String after) {
        List<String> oldLines = UnifiedDiff.linesWithBreaks(before);
        List<String> newLines = UnifiedDiff.linesWithBreaks(after);
        int[] lineOffsets = new int[oldLines.size() + 1];
        for (int i = 0; i < oldLines.size(); i++) {
            lineOffsets[i + 1] = lineOffsets[i] + oldLines.get(i).length();
        }
        List<LineReplacement> replacements = new ArrayList<>();
        for (AbstractDelta<String> delta : DiffUtils.diff(oldLines, newLines).getDeltas()) {
            int first = delta.getSource().getPosition();
            int count = delta.getSource().size();
            String inserted = String.join("", delta.getTarget().getLines());
            replacements.add(new LineReplacement(lineOffsets[first], lineOffsets[first + count] - lineOffsets[first], inserted));
        }
        return replacements;
    }

    /** The path as a URI reference: relative paths stay relative, absolute ones become file: URIs. */
    static String artifactUri(String file) {
        Path path = Path.of(file);
        if (path.isAbsolute()) {
            return path.toUri().toString();
        }
        String slashed = file.replace(java.io.File.separatorChar, '/');
        try {
            return new URI(null, null, slashed, null).toASCIIString();
        } catch (URISyntaxException e) {
            return slashed;
        }
    }
}
