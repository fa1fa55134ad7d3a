package dev.numguard.analyzer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.numguard.analyzer.report.ToolInfo;
import dev.numguard.analyzer.testing.PatternFrontEnd;
import dev.numguard.analyzer.testing.TestRules;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MainTest {
    private static final FileTime LONG_AGO = FileTime.fromMillis(1_000_000_000_000L);
    private static final String LOG1P_FILE = "class A {\n    double q(double v) { return Math.log(1 + v); }\n}\n";
    private static final String SOFTMAX_FILE = "package demo;\n\nclass B {\n    double[] p(double[] v) { return naiveSoftmax(v); } // HACK\n}\n";

    @TempDir
    Path dir;

    private final CliEnvironment environment = new CliEnvironment(PatternFrontEnd::new, TestRules.all(), false,
            new ToolInfo("numguard", "9.9.9", "https://example.org/"));

    private CliRun run(String... args) {
        return CliRun.of(environment, args);
    }

    private Path write(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text, StandardCharsets.UTF_8);
        Files.setLastModifiedTime(file, LONG_AGO);
        return file;
    }

    @Test
    void checkExitsWithZeroWhenThereIsNothingToReport() throws IOException {
        write("C.java", "class C { }\n");

        CliRun run = run("check", dir.toString());

        assertThat(run.exitCode()).isEqualTo(0);
        assertThat(run.out()).isEqualTo("0 findings (0 errors, 0 warnings, 0 notes) in 1 file\n");
        assertThat(run.err()).isEmpty();
    }

    @Test
    void checkExitsWithOneOnFindingsAtOrAboveTheThreshold() throws IOException {
        Path a = write("A.java", LOG1P_FILE);

        CliRun any = run("check", dir.toString());
        assertThat(any.exitCode()).isEqualTo(1);
        assertThat(any.out()).startsWith(a + ":2:33: warning: [TestLog1p] ");

        assertThat(run("check", "--fail-on", "warning", dir.toString()).exitCode()).isEqualTo(1);
        assertThat(run("check", "--fail-on", "ERROR", dir.toString()).exitCode()).isEqualTo(0);
        assertThat(run("check", "--fail-on", "never", dir.toString()).exitCode()).isEqualTo(0);
        assertThat(run("check", "--severity", "TestLog1p=error", "--fail-on", "error", dir.toString()).exitCode()).isEqualTo(1);
        assertThat(run("check", "--disable", "TestLog1p", dir.toString()).exitCode()).isEqualTo(0);
        assertThat(run("check", "--enable", "TestHack,TestSoftmax", dir.toString()).exitCode()).isEqualTo(0);
    }

    @Test
    void aFileThatDoesNotParseGivesExitTwoAfterTheRestIsReported() throws IOException {
        Path a = write("A.java", LOG1P_FILE);
        Path broken = write("Broken.java", "class Broken { void f( }\n");

        CliRun run = run("check", dir.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out()).contains(broken + ":1:").contains(": error: does not parse")
                .contains(a + ":2:33: warning: [TestLog1p]")
                .endsWith("1 finding (0 errors, 1 warning, 0 notes) in 1 file; 1 file could not be analysed\n");
    }

    @Test
    void writesJsonSarifAndHtmlToStdoutOrAFile() throws IOException {
        write("A.java", LOG1P_FILE);
        ObjectMapper mapper = new ObjectMapper();

        CliRun json = run("check", "--format", "json", dir.toString());
        assertThat(mapper.readTree(json.out()).at("/findings/0/ruleId").asText()).isEqualTo("TestLog1p");

        Path sarifFile = dir.resolve("out/numguard.sarif");
        CliRun sarif = run("check", "--format=SARIF", "--output", sarifFile.toString(), dir.resolve("A.java").toString());
        assertThat(sarif.exitCode()).isEqualTo(1);
        assertThat(sarif.out()).isEmpty();
        assertThat(sarif.err()).contains("1 finding").contains("report written to " + sarifFile);
        JsonNode log = mapper.readTree(Files.readString(sarifFile));
        assertThat(log.get("version").asText()).isEqualTo("2.1.0");
        assertThat(log.at("/runs/0/tool/driver/version").asText()).isEqualTo("9.9.9");

        CliRun html = run("check", "--format", "html", "--docs-url", "https://docs.example.com/ng/", dir.toString());
        assertThat(html.out()).startsWith("<!DOCTYPE html>").contains("https://docs.example.com/ng/docs/rules/TestLog1p.md");
    }

    @Test
    void usageErrorsExitWithTwoAndSayWhatIsWrong() throws IOException {
        write("A.java", LOG1P_FILE);

        CliRun unknownRule = run("check", "--enable", "NaiveSoftmx", dir.toString());
        assertThat(unknownRule.exitCode()).isEqualTo(2);
        assertThat(unknownRule.err()).contains("numguard: unknown rule id NaiveSoftmx; known rules: TestLog1p, TestSoftmax, TestHack");

        CliRun missing = run("check", dir.resolve("nope").toString());
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).contains("no such file or folder");

        CliRun badFormat = run("check", "--format", "xml", dir.toString());
        assertThat(badFormat.exitCode()).isEqualTo(2);
        assertThat(badFormat.err()).contains("--format");

        CliRun badSeverity = run("check", "--severity", "TestLog1p=fatal", dir.toString());
        assertThat(badSeverity.exitCode()).isEqualTo(2);
        assertThat(badSeverity.err()).contains("unknown severity 'fatal'");

        CliRun noPaths = run("check");
        assertThat(noPaths.exitCode()).isEqualTo(2);
        assertThat(noPaths.err()).contains("Missing required parameter");

        CliRun nothing = run();
        assertThat(nothing.exitCode()).isEqualTo(2);
        assertThat(nothing.err()).contains("Usage: numguard").contains("check").contains("fix");

        CliRun outputIsAFolder = run("check", "--output", dir.toString(), dir.toString());
        assertThat(outputIsAFolder.exitCode()).isEqualTo(2);
        assertThat(outputIsAFolder.err()).startsWith("numguard: --output is a folder: " + dir).doesNotContain("internal error")
                .doesNotContain("java.nio");

        CliRun unknownCommand = run("lint", dir.toString());
        assertThat(unknownCommand.exitCode()).isEqualTo(2);
    }

    @Test
    void fixWithoutWritePrintsADiffOfTheSafeFixesAndChangesNothing() throws IOException {
        Path a = write("A.java", LOG1P_FILE);
        Path b = write("sub/B.java", SOFTMAX_FILE);

        CliRun run = run("fix", dir.toString());

        assertThat(run.exitCode()).isEqualTo(0);
        assertThat(run.out()).isEqualTo("# numguard safe fix, line 2: [TestLog1p] Use Math.log1p(x)\n"
                + "--- a/" + a + "\n+++ b/" + a + "\n@@ -1,3 +1,3 @@\n class A {\n"
                + "-    double q(double v) { return Math.log(1 + v); }\n+    double q(double v) { return Math.log1p(v); }\n }\n");
        assertThat(run.err()).isEqualTo(b + ":4:37: note: [TestSoftmax] fix needs review, not applied:"
                + " Use dev.numguard.guards.StableMath.softmax(x) (--unsafe-fixes applies it)\n"
                + "would apply 1 fix in 1 file; 1 fix needing review not applied (--unsafe-fixes);"
                + " 1 finding without an automatic fix (see numguard check); run with --write to apply\n");
        assertThat(Files.readString(a)).isEqualTo(LOG1P_FILE);
        assertThat(Files.getLastModifiedTime(a)).isEqualTo(LONG_AGO);
        assertThat(Files.getLastModifiedTime(b)).isEqualTo(LONG_AGO);
    }

    @Test
    void unsafeFixesAddTheFixesThatNeedReviewEachLabelledWithItsLevel() throws IOException {
        Path a = write("A.java", LOG1P_FILE);
        Path b = write("sub/B.java", SOFTMAX_FILE);

        CliRun run = run("fix", "--unsafe-fixes", dir.toString());

        assertThat(run.exitCode()).isEqualTo(0);
        assertThat(run.out()).isEqualTo("# numguard safe fix, line 2: [TestLog1p] Use Math.log1p(x)\n"
                + "--- a/" + a + "\n+++ b/" + a + "\n@@ -1,3 +1,3 @@\n class A {\n"
                + "-    double q(double v) { return Math.log(1 + v); }\n+    double q(double v) { return Math.log1p(v); }\n }\n"
                + "# numguard review fix, line 4: [TestSoftmax] Use dev.numguard.guards.StableMath.softmax(x)\n"
                + "--- a/" + b + "\n+++ b/" + b + "\n@@ -1,5 +1,7 @@\n package demo;\n \n+import dev.numguard.guards.StableMath;\n+\n"
                + " class B {\n-    double[] p(double[] v) { return naiveSoftmax(v); } // HACK\n"
                + "+    double[] p(double[] v) { return StableMath.softmax(v); } // HACK\n }\n");
        assertThat(run.err()).isEqualTo("would apply 2 fixes in 2 files; 1 finding without an automatic fix (see numguard check);"
                + " run with --write to apply\n");
        assertThat(Files.getLastModifiedTime(b)).isEqualTo(LONG_AGO);
    }

    @Test
    void writeAppliesOnlySafeFixesUntilUnsafeFixesAreAskedFor() throws IOException {
        Path a = write("A.java", LOG1P_FILE);
        Path b = write("sub/B.java", SOFTMAX_FILE);

        CliRun safeOnly = run("fix", "--write", dir.toString());

        assertThat(safeOnly.exitCode()).isEqualTo(0);
        assertThat(safeOnly.out()).isEqualTo("fixed " + a + " (1 fix)\n");
        assertThat(safeOnly.err()).contains("[TestSoftmax] fix needs review, not applied")
                .endsWith("applied 1 fix in 1 file in 1 round; 1 fix needing review not applied (--unsafe-fixes);"
                        + " 1 finding without an automatic fix (see numguard check)\n");
        assertThat(Files.readString(a)).contains("Math.log1p(v)");
        assertThat(Files.readString(b)).isEqualTo(SOFTMAX_FILE);
        assertThat(Files.getLastModifiedTime(b)).isEqualTo(LONG_AGO);

        CliRun unsafe = run("fix", "--write", "--unsafe-fixes", dir.toString());

        assertThat(unsafe.out()).isEqualTo("fixed " + b + " (1 fix)\n");
        assertThat(Files.readString(b)).contains("import dev.numguard.guards.StableMath;").contains("StableMath.softmax(v)");
    }

    @Test
    void fixWithWriteRewritesTheFilesAndASecondRunFindsNothingToDo() throws IOException {
        Path a = write("A.java", LOG1P_FILE);
        Path b = write("sub/B.java", SOFTMAX_FILE);

        CliRun first = run("fix", "--write", "--unsafe-fixes", dir.toString());

        assertThat(first.exitCode()).isEqualTo(0);
        assertThat(first.out()).isEqualTo("fixed " + a + " (1 fix)\nfixed " + b + " (1 fix)\n");
        assertThat(first.err()).startsWith("applied 2 fixes in 2 files in 1 round;");
        assertThat(Files.readString(a)).contains("Math.log1p(v)");
        assertThat(Files.readString(b)).contains("import dev.numguard.guards.StableMath;").contains("StableMath.softmax(v)");
        Files.setLastModifiedTime(a, LONG_AGO);
        Files.setLastModifiedTime(b, LONG_AGO);

        CliRun second = run("fix", "--write", "--unsafe-fixes", dir.toString());

        assertThat(second.exitCode()).isEqualTo(0);
        assertThat(second.out()).isEmpty();
        assertThat(second.err()).startsWith("applied 0 fixes in 0 files;");
        assertThat(Files.getLastModifiedTime(a)).isEqualTo(LONG_AGO);
        assertThat(Files.getLastModifiedTime(b)).isEqualTo(LONG_AGO);
    }

    @Test
    void fixReportsFilesThatDoNotParseAndExitsWithTwo() throws IOException {
        Path a = write("A.java", LOG1P_FILE);
        Path broken = write("Broken.java", "class Broken { double f(double v) { return Math.log(1 + v) }\n");

        CliRun run = run("fix", "--write", dir.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains(broken + ":1: error: does not parse");
        assertThat(Files.readString(a)).contains("Math.log1p(v)");
        assertThat(Files.getLastModifiedTime(broken)).isEqualTo(LONG_AGO);
    }

    @Test
    void listsAndExplainsRules() {
        CliRun rules = run("rules");
        assertThat(rules.exitCode()).isEqualTo(0);
        assertThat(rules.out()).isEqualTo("TestLog1p    warning  log(1 + x) loses precision for tiny x\n"
                + "TestSoftmax  error    naive softmax overflows for logits above 709.78 <b>&</b>\n"
                + "TestHack     info     a HACK comment\n");

        CliRun explain = run("explain", "testlog1p");
        assertThat(explain.exitCode()).isEqualTo(0);
        assertThat(explain.out()).contains("# TestLog1p").contains("## Why is this bad?").contains("## Use instead");

        CliRun unknown = run("explain", "Nope");
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err()).contains("unknown rule 'Nope'; known rules: TestLog1p, TestSoftmax, TestHack");
    }

    @Test
    void printsVersionAndHelp() {
        CliRun version = run("--version");
        assertThat(version.exitCode()).isEqualTo(0);
        assertThat(version.out()).startsWith("numguard ");

        CliRun help = run("check", "--help");
        assertThat(help.exitCode()).isEqualTo(0);
        assertThat(help.out()).contains("--format").contains("--fail-on").contains("--classpath").contains("Exit codes:");

        CliRun topHelp = run("help", "fix");
        assertThat(topHelp.exitCode()).isEqualTo(0);
        assertThat(topHelp.out()).contains("--write");
    }

    @Test
    void printsTheTimingBreakdownOnRequest() throws IOException {
        write("A.java", LOG1P_FILE);

        CliRun run = run("check", "--timings", "--format", "json", dir.toString());

        assertThat(run.err()).matches("numguard: 1 files in [0-9.]+ s \\([0-9.]+ files/s\\); read [0-9.]+ s, parse and model [0-9.]+ s, "
                + "rules [0-9.]+ s \\([0-9.]+%\\): Test[A-Za-z0-9]+ [0-9.]+ s, Test[A-Za-z0-9]+ [0-9.]+ s, Test[A-Za-z0-9]+ [0-9.]+ s\n");
    }

    @Test
    void drawsProgressOnStderrOnlyOnATerminal() throws IOException {
        write("A.java", LOG1P_FILE);
        CliEnvironment terminal = new CliEnvironment(PatternFrontEnd::new, TestRules.all(), true, environment.tool());

        CliRun onTerminal = CliRun.of(terminal, "check", "--no-cache", "--format", "json", dir.toString());
        CliRun piped = run("check", "--no-cache", "--format", "json", dir.toString());

        assertThat(onTerminal.err()).contains("\rnumguard").contains("1/1").contains("%");
        assertThat(piped.err()).isEmpty();
        assertThat(withoutTimings(onTerminal.out())).isEqualTo(withoutTimings(piped.out()));
    }

    private static String withoutTimings(String json) {
        return json.replaceAll("\"[a-zA-Z]+Millis\" : [0-9.E-]+", "");
    }
}
