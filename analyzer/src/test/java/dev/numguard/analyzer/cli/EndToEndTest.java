package dev.numguard.analyzer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.numguard.analyzer.report.ToolInfo;
import dev.numguard.analyzer.spoon.SpoonFrontEnd;
import dev.numguard.analyzer.testing.SarifSchema;
import dev.numguard.rules.RuleRegistry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CLI with the real Spoon front end and the registered rules, on good and hostile input:
 * files that do not parse, empty files, deeply nested expressions, very long files and files that
 * are not UTF-8 each get a clear error (or are analysed), and the rest is still analysed and fixed.
 */
class EndToEndTest {
    private static final FileTime LONG_AGO = FileTime.fromMillis(1_000_000_000_000L);
    private static final String GOOD = """
            package demo;

            public class Good {
                public static double logOnePlus(double x) {
                    return Math.log(1 + x);
                }

                public static double expMinusOne(double x) {
                    return Math.exp(x) - 1;
                }
            }
            """;

    @TempDir
    Path dir;

    private CliEnvironment environment;
    private Path good;

    @BeforeEach
    void setUp() throws IOException {
        environment = new CliEnvironment(SpoonFrontEnd::new, RuleRegistry.all(), false, ToolInfo.numguard());
        good = write("src/demo/Good.java", GOOD);
    }

    private Path write(String name, String text) throws IOException {
        return writeBytes(name, text.getBytes(StandardCharsets.UTF_8));
    }

    private Path writeBytes(String name, byte[] bytes) throws IOException {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        Files.write(file, bytes);
        Files.setLastModifiedTime(file, LONG_AGO);
        return file;
    }

    private CliRun run(String... args) {
        return CliRun.of(environment, args);
    }

    @Test
    void checkFindsTheIdiomsAndFixWritesCompilableStableCode() throws IOException {
        CliRun check = run("check", dir.toString());

        assertThat(check.exitCode()).isEqualTo(1);
        assertThat(check.out()).contains(good + ":5:16: warning: [Log1p]").contains(good + ":9:16: warning: [Expm1]");

        CliRun diff = run("fix", dir.toString());
        assertThat(diff.exitCode()).isEqualTo(0);
        assertThat(diff.out()).contains("-        return Math.log(1 + x);\n+        return Math.log1p(x);\n")
                .contains("-        return Math.exp(x) - 1;\n+        return Math.expm1(x);\n");
        assertThat(Files.getLastModifiedTime(good)).isEqualTo(LONG_AGO);

        CliRun write = run("fix", "--write", dir.toString());
        assertThat(write.exitCode()).isEqualTo(0);
        assertThat(Files.readString(good)).isEqualTo(GOOD.replace("Math.log(1 + x)", "Math.log1p(x)")
                .replace("Math.exp(x) - 1", "Math.expm1(x)"));

        Files.setLastModifiedTime(good, LONG_AGO);
        CliRun again = run("fix", "--write", dir.toString());
        assertThat(again.exitCode()).isEqualTo(0);
        assertThat(again.out()).isEmpty();
        assertThat(Files.getLastModifiedTime(good)).isEqualTo(LONG_AGO);
        assertThat(run("check", dir.toString()).exitCode()).isEqualTo(0);
    }

    @Test
    void theSarifOfTheBundledExamplesIsValidAndCarriesFixes() throws IOException {
        Path examples = Path.of(System.getProperty("numguard.repositoryRoot", "..")).resolve("examples/src/main/java");
        Path sarif = dir.resolve("examples.sarif");

        CliRun check = run("check", "--format", "sarif", "--output", sarif.toString(), "--fail-on", "never", examples.toString());

        assertThat(check.exitCode()).isEqualTo(0);
        JsonNode log = new ObjectMapper().readTree(sarif.toFile());
        assertThat(SarifSchema.errors(log)).isEmpty();
        assertThat(log.at("/runs/0/tool/driver/rules").size()).isEqualTo(RuleRegistry.all().size());
        assertThat(log.at("/runs/0/results").size()).isPositive();
        boolean anyFix = false;
        for (JsonNode result : log.at("/runs/0/results")) {
            anyFix |= result.has("fixes");
        }
        assertThat(anyFix).as("some example finding has a fix").isTrue();
    }

    @Test
    void anUnparseableFileIsReportedWithItsLineAndTheRestIsAnalysedAndFixed() throws IOException {
        Path broken = write("src/demo/Broken.java", "package demo;\n\nclass Broken {\n    double f(double x) { return Math.log(1 + x) }\n}\n");

        CliRun check = run("check", "--format", "json", dir.toString());

        assertThat(check.exitCode()).isEqualTo(2);
        JsonNode json = new ObjectMapper().readTree(check.out());
        assertThat(json.at("/problems/0/file").asText()).isEqualTo(broken.toString());
        assertThat(json.at("/problems/0/line").asInt()).isEqualTo(4);
        assertThat(json.at("/summary/findings").asInt()).isEqualTo(2);

        CliRun fix = run("fix", "--write", dir.toString());
        assertThat(fix.exitCode()).isEqualTo(2);
        assertThat(fix.err()).contains(broken + ":4: error:");
        assertThat(Files.readString(good)).contains("Math.log1p(x)");
        assertThat(Files.getLastModifiedTime(broken)).isEqualTo(LONG_AGO);
    }

    @Test
    void aNonUtf8FileGetsAClearErrorAndIsNeverWritten() throws IOException {
        byte[] latin1 = "package demo;\n// caf\u00e9\nclass Latin { double f(double x) { return Math.log(1 + x); } }\n"
                .getBytes(StandardCharsets.ISO_8859_1);
        Path file = writeBytes("src/demo/Latin.java", latin1);

        CliRun check = run("check", dir.toString());
        assertThat(check.exitCode()).isEqualTo(2);
        assertThat(check.out()).contains(file + ":2:7: error: not valid UTF-8: byte 0xE9 at line 2, column 7 (byte offset 20)")
                .contains(good + ":5:16: warning: [Log1p]");

        CliRun fix = run("fix", "--write", dir.toString());
        assertThat(fix.exitCode()).isEqualTo(2);
        assertThat(Files.readAllBytes(file)).isEqualTo(latin1);
        assertThat(Files.getLastModifiedTime(file)).isEqualTo(LONG_AGO);
        assertThat(Files.readString(good)).contains("Math.log1p(x)");
    }

    @Test
    void crlfFilesAndFilesWithAByteOrderMarkAreFixedInPlaceAndKeepTheirBytes() throws IOException {
        String crlf = GOOD.replace("\n", "\r\n");
        Path windows = write("src/demo/Windows.java", crlf.replace("class Good", "class Windows"));
        Path bom = write("src/demo/Bom.java", "\uFEFF" + GOOD.replace("class Good", "class Bom"));

        CliRun check = run("check", dir.toString());
        assertThat(check.out()).contains(windows + ":5:16: warning: [Log1p]").contains(bom + ":5:16: warning: [Log1p]");

        assertThat(run("fix", "--write", dir.toString()).exitCode()).isEqualTo(0);

        String fixedGood = GOOD.replace("Math.log(1 + x)", "Math.log1p(x)").replace("Math.exp(x) - 1", "Math.expm1(x)");
        assertThat(Files.readString(windows)).isEqualTo(fixedGood.replace("class Good", "class Windows").replace("\n", "\r\n"));
        assertThat(Files.readString(bom)).isEqualTo("\uFEFF" + fixedGood.replace("class Good", "class Bom"));
    }

    @Test
    void anEmptyFileIsFine() throws IOException {
        Path empty = write("src/demo/Empty.java", "");

        CliRun check = run("check", dir.toString());

        assertThat(check.exitCode()).isEqualTo(1);
        assertThat(check.out()).doesNotContain(empty.toString()).contains("2 findings");
        assertThat(run("fix", "--write", dir.toString()).exitCode()).isEqualTo(0);
        assertThat(Files.readString(empty)).isEmpty();
        assertThat(Files.getLastModifiedTime(empty)).isEqualTo(LONG_AGO);
    }

    @Test
    void aDeeplyNestedExpressionIsAnalysedAndFixed() throws IOException {
        int depth = 5000;
        String nested = "(".repeat(depth) + "x" + ")".repeat(depth);
        Path deep = write("src/demo/Deep.java", "package demo;\n\nclass Deep {\n    double f(double x) {\n        return Math.log(1 + "
                + nested + ");\n    }\n}\n");

        CliRun check = run("check", dir.toString());

        assertThat(check.exitCode()).isEqualTo(1);
        assertThat(check.out()).contains(good + ":5:16: warning: [Log1p]").contains(good + ":9:16: warning: [Expm1]")
                .contains(deep + ":5:16: warning: [Log1p]");

        assertThat(run("fix", "--write", dir.toString()).exitCode()).isEqualTo(0);
        String fixed = Files.readString(deep);
        assertThat(fixed.contains("Math.log1p(")).as("deep file fixed").isTrue();
        assertThat(fixed.contains("Math.log(1 +")).as("naive form left in the deep file").isFalse();
        assertThat(Files.readString(good)).contains("Math.log1p(x)").contains("Math.expm1(x)");
    }

    @Test
    void aVeryLongFileIsAnalysedWithExactLineNumbers() throws IOException {
        // 20,000 lines in 400 methods of 50 lines: Spoon adds methods to a class in time linear in
        // the methods already there, so one method per line would measure Spoon, not numguard.
        StringBuilder text = new StringBuilder("package demo;\n\nclass Long {\n");
        int methods = 400;
        for (int m = 0; m < methods; m++) {
            text.append("    static double f").append(m).append("(double x) {\n        double s = x;\n");
            for (int i = 0; i < 46; i++) {
                text.append("        s = s * 0.5 + ").append(i).append(";\n");
            }
            text.append("        return s;\n    }\n");
        }
        int lines = methods * 50;
        text.append("    static double last(double x) { return Math.log(1 + x); }\n}\n");
        Path file = write("src/demo/Long.java", text.toString());

        CliRun check = run("check", "--enable", "Log1p", "--format", "json", file.toString());

        assertThat(check.exitCode()).isEqualTo(1);
        JsonNode finding = new ObjectMapper().readTree(check.out()).at("/findings/0");
        assertThat(finding.at("/span/line").asInt()).isEqualTo(lines + 4);
        assertThat(finding.at("/span/column").asInt()).isEqualTo(43);
        int offset = text.indexOf("Math.log(1 + x)");
        assertThat(finding.at("/span/start").asInt()).isEqualTo(offset);
        assertThat(finding.at("/fix/edits/0/start").asInt()).isEqualTo(offset);
        assertThat(finding.at("/fix/edits/0/replacement").asText()).isEqualTo("Math.log1p(x)");
    }
}
