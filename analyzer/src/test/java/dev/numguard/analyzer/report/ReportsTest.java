package dev.numguard.analyzer.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.ValidationMessage;
import dev.numguard.analyzer.engine.AnalysisRun;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportsTest {
    private static final ToolInfo TOOL = new ToolInfo("numguard", "1.2.3", "https://example.org/numguard");
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @TempDir
    Path dir;

    private AnalysisRun run;
    private String net;
    private String broken;

    @BeforeEach
    void analyse() throws IOException {
        run = ReportFixtures.analyse(dir);
        net = "src/Net.java";
        broken = "src/Broken.java";
    }

    private String render(Reporter reporter, AnalysisRun run) throws IOException {
        StringWriter out = new StringWriter();
        reporter.write(ReportedRun.of(run, dir), out);
        return out.toString();
    }

    @Test
    void textReportIsCompilerStyleWithExcerptFixHintAndSummary() throws IOException {
        String text = render(new TextReport(), run);

        assertThat(text).startsWith(broken + ":2:");
        assertThat(text).contains(broken + ":2:").contains(": error: does not parse");
        assertThat(text).contains(net + ":4:42: error: [TestSoftmax] naive softmax overflows")
                .contains("\n        double[] p(double[] logits) { return naiveSoftmax(logits); } // HACK\n"
                        + "                                             ^~~~~~~~~~~~~~~~~~~~\n"
                        + "  fix: Use dev.numguard.guards.StableMath.softmax(x) (review: numguard fix --write --unsafe-fixes)\n")
                .contains(net + ":4:66: note: [TestHack] a HACK comment")
                .contains(net + ":5:33: warning: [TestLog1p] log(1 + x) loses precision")
                .contains("  fix: Use Math.log1p(x) (safe: numguard fix --write)\n");
        assertThat(text).endsWith("3 findings (1 error, 1 warning, 1 note) in 1 file; 1 file could not be analysed\n");
    }

    @Test
    void jsonReportHasFindingsWithSpansAndFixesProblemsAndSummary() throws IOException {
        JsonNode json = MAPPER.readTree(render(new JsonReport(TOOL), run));

        assertThat(json.at("/tool/version").asText()).isEqualTo("1.2.3");
        assertThat(json.at("/summary/filesFound").asInt()).isEqualTo(2);
        assertThat(json.at("/summary/filesAnalysed").asInt()).isEqualTo(1);
        assertThat(json.at("/summary/findings").asInt()).isEqualTo(3);
        assertThat(json.at("/summary/errors").asInt()).isEqualTo(1);
        assertThat(json.at("/summary/problems").asInt()).isEqualTo(1);
        assertThat(json.at("/timings/wallMillis").isNumber()).isTrue();
        assertThat(json.at("/timings/parseAndModelMillis").isNumber()).isTrue();
        assertThat(json.at("/timings/ruleMillis/TestSoftmax").isNumber()).isTrue();
        JsonNode softmax = json.at("/findings/0");
        assertThat(softmax.get("ruleId").asText()).isEqualTo("TestSoftmax");
        assertThat(softmax.get("severity").asText()).isEqualTo("error");
        assertThat(softmax.get("file").asText()).isEqualTo(net);
        int start = ReportFixtures.NET.indexOf("naiveSoftmax(logits)");
        assertThat(softmax.at("/span/start").asInt()).isEqualTo(start);
        assertThat(softmax.at("/span/end").asInt()).isEqualTo(start + "naiveSoftmax(logits)".length());
        assertThat(softmax.at("/span/line").asInt()).isEqualTo(4);
        assertThat(softmax.at("/span/column").asInt()).isEqualTo(42);
        assertThat(softmax.at("/fix/edits/0/replacement").asText()).isEqualTo("dev.numguard.guards.StableMath.softmax(logits)");
        assertThat(softmax.at("/fix/imports/0").asText()).isEqualTo("dev.numguard.guards.StableMath");
        assertThat(softmax.at("/fix/safety").asText()).isEqualTo("review");
        assertThat(json.at("/findings/1/fix").isMissingNode()).isTrue();
        assertThat(json.at("/findings/2/ruleId").asText()).isEqualTo("TestLog1p");
        assertThat(json.at("/findings/2/fix/safety").asText()).isEqualTo("safe");
        assertThat(json.at("/problems/0/file").asText()).isEqualTo(broken);
        assertThat(json.at("/problems/0/line").asInt()).isEqualTo(2);
    }

    @Test
    void sarifValidatesAgainstTheOfficialSchema() throws IOException {
        ObjectNode sarif = new SarifReport(TOOL).toJson(ReportedRun.of(run, dir));

        assertThat(schemaErrors(sarif)).isEmpty();
        // and the validator does catch a broken log
        ObjectNode tampered = sarif.deepCopy();
        ((ObjectNode) tampered.at("/runs/0/results/0")).put("level", "fatal");
        tampered.put("version", "2.0.0");
        assertThat(schemaErrors(tampered)).hasSizeGreaterThanOrEqualTo(2);
    }

    @Test
    void sarifCarriesRulesLevelsRegionsFixesAndProblems() throws IOException {
        JsonNode sarif = MAPPER.readTree(render(new SarifReport(TOOL), run));
        JsonNode sarifRun = sarif.at("/runs/0");

        JsonNode rule = sarifRun.at("/tool/driver/rules/1");
        assertThat(rule.get("id").asText()).isEqualTo("TestSoftmax");
        assertThat(rule.at("/shortDescription/text").asText()).startsWith("naive softmax overflows");
        assertThat(rule.at("/help/markdown").asText()).contains("## Why is this bad?").contains("## Suppression");
        assertThat(rule.get("helpUri").asText()).isEqualTo("https://example.org/numguard/docs/rules/TestSoftmax.md");
        assertThat(rule.at("/defaultConfiguration/level").asText()).isEqualTo("error");

        JsonNode result = sarifRun.at("/results/0");
        assertThat(result.get("ruleId").asText()).isEqualTo("TestSoftmax");
        assertThat(result.get("ruleIndex").asInt()).isEqualTo(1);
        assertThat(result.get("level").asText()).isEqualTo("error");
        JsonNode region = result.at("/locations/0/physicalLocation/region");
        int start = ReportFixtures.NET.indexOf("naiveSoftmax(logits)");
        assertThat(region.get("startLine").asInt()).isEqualTo(4);
        assertThat(region.get("startColumn").asInt()).isEqualTo(42);
        assertThat(region.get("endLine").asInt()).isEqualTo(4);
        assertThat(region.get("endColumn").asInt()).isEqualTo(62);
        assertThat(region.get("charOffset").asInt()).isEqualTo(start);
        assertThat(region.get("charLength").asInt()).isEqualTo(20);
        assertThat(result.at("/locations/0/physicalLocation/artifactLocation/uri").asText()).isEqualTo(net);
        assertThat(result.at("/locations/0/physicalLocation/artifactLocation/uriBaseId").asText()).isEqualTo("%SRCROOT%");
        assertThat(sarifRun.at("/originalUriBaseIds/%SRCROOT%/uri").asText()).isEqualTo(dir.toUri().toString());
        assertThat(result.at("/partialFingerprints/numguardFingerprint~1v1").asText()).matches("[0-9a-f]{64}:0");
        assertThat(sarifRun.at("/automationDetails/id").asText()).isEqualTo("numguard/");

        // the fix replaces whole lines, import included, and applies on its own to the file
        assertThat(result.at("/fixes/0/properties/safety").asText()).isEqualTo("review");
        assertThat(result.at("/fixes/0/description/text").asText()).endsWith(" (review fix)");
        JsonNode replacements = result.at("/fixes/0/artifactChanges/0/replacements");
        String fixed = applyReplacements(ReportFixtures.NET, replacements);
        assertThat(fixed).isEqualTo(ReportFixtures.NET.replace("package demo;\n", "package demo;\n\nimport dev.numguard.guards.StableMath;\n")
                .replace("naiveSoftmax(logits)", "StableMath.softmax(logits)"));
        assertThat(sarifRun.at("/results/1/fixes").isMissingNode()).isTrue();

        JsonNode invocation = sarifRun.at("/invocations/0");
        assertThat(invocation.get("executionSuccessful").asBoolean()).isFalse();
        assertThat(invocation.at("/toolExecutionNotifications/0/level").asText()).isEqualTo("error");
        assertThat(invocation.at("/toolExecutionNotifications/0/locations/0/physicalLocation/region/startLine").asInt()).isEqualTo(2);
    }

    @Test
    void sarifArtifactUrisOfRelativePathsStayRelativeAndAreEscaped() {
        assertThat(SarifReport.relativeUri("src/main/java/A B.java")).isEqualTo("src/main/java/A%20B.java");
        assertThat(SarifReport.relativeUri("src/Ünïcode.java")).isEqualTo("src/%C3%9Cn%C3%AFcode.java");
    }

    @Test
    void htmlIsSelfContainedAndEscapesEverything() throws IOException {
        String html = render(new HtmlReport(TOOL), run);

        assertThat(html).startsWith("<!DOCTYPE html>").contains("<style>").endsWith("</html>\n");
        assertThat(html).doesNotContain("<link").doesNotContain("src=\"");
        // source text and messages are escaped: the page's text is exactly them, no element leaked in
        assertThat(html).doesNotContain("<script>&").doesNotContain("<b>&");
        org.jsoup.nodes.Document page = org.jsoup.Jsoup.parse(html);
        assertThat(page.select("script")).hasSize(1);
        assertThat(page.select("b")).isEmpty();
        assertThat(page.text()).contains("String s = \"<script>&amp;</script>\";")
                .contains("naive softmax overflows for logits above 709.78 <b>&</b> (x = \"<1e-300>\")");
        // each finding with its excerpt and its fix as a diff
        assertThat(html).contains("<span class=\"hit\"><span class=\"ln\">4</span>");
        assertThat(html).contains("<span class=\"add\">+import dev.numguard.guards.StableMath;</span>");
        assertThat(html).contains("<span class=\"del\">-    double[] p(double[] logits) { return naiveSoftmax(logits); } // HACK</span>");
        assertThat(html).contains("<a href=\"https://example.org/numguard/docs/rules/TestSoftmax.md\">TestSoftmax</a>");
        assertThat(page.text()).contains("Files that could not be analysed").contains(broken + ":2");
    }

    private static Set<ValidationMessage> schemaErrors(JsonNode sarif) {
        return dev.numguard.analyzer.testing.SarifSchema.errors(sarif);
    }

    private static String applyReplacements(String text, JsonNode replacements) {
        StringBuilder result = new StringBuilder(text);
        for (int i = replacements.size() - 1; i >= 0; i--) {
            JsonNode replacement = replacements.get(i);
            int offset = replacement.at("/deletedRegion/charOffset").asInt();
            int length = replacement.at("/deletedRegion/charLength").asInt();
            result.replace(offset, offset + length, replacement.at("/insertedContent/text").asText(""));
        }
        return result.toString();
    }
}
