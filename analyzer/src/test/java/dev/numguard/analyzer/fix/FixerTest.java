package dev.numguard.analyzer.fix;

import static org.assertj.core.api.Assertions.assertThat;

import dev.numguard.analyzer.engine.AnalysisRequest;
import dev.numguard.analyzer.engine.AnalysisRun;
import dev.numguard.analyzer.engine.Analyzer;
import dev.numguard.analyzer.engine.ProgressListener;
import dev.numguard.analyzer.testing.PatternFrontEnd;
import dev.numguard.analyzer.testing.TestRules;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FixerTest {
    private static final FileTime LONG_AGO = FileTime.fromMillis(1_000_000_000_000L);

    @TempDir
    Path dir;

    private final Analyzer analyzer = new Analyzer(new PatternFrontEnd(), TestRules.all());
    private final Fixer fixer = new Fixer(true);

    private AnalysisRun analyse() {
        return analyzer.analyze(AnalysisRequest.of(List.of(dir)), ProgressListener.NONE);
    }

    private Path write(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, text, StandardCharsets.UTF_8);
        Files.setLastModifiedTime(file, LONG_AGO);
        return file;
    }

    @Test
    void writesTheFixedFileWithItsImportAndKeepsCrlf() throws IOException {
        Path file = write("A.java", "package demo;\r\n\r\nimport java.util.List;\r\n\r\nclass A {\r\n"
                + "    double[] p(double[] v) { return naiveSoftmax(v); }\r\n    double q(double v) { return Math.log(1 + v); }\r\n}\r\n");

        List<FileFixOutcome> outcomes = fixer.apply(analyse(), true);

        assertThat(outcomes).singleElement().satisfies(outcome -> {
            assertThat(outcome.written()).isTrue();
            assertThat(outcome.failed()).isFalse();
        });
        assertThat(Files.readString(file)).isEqualTo("package demo;\r\n\r\nimport dev.numguard.guards.StableMath;\r\n"
                + "import java.util.List;\r\n\r\nclass A {\r\n"
                + "    double[] p(double[] v) { return StableMath.softmax(v); }\r\n    double q(double v) { return Math.log1p(v); }\r\n}\r\n");
        try (var siblings = Files.list(dir)) {
            assertThat(siblings).containsExactly(file);
        }
    }

    @Test
    void aSecondRunChangesNothingAndTouchesNothing() throws IOException {
        Path file = write("A.java", "class A {\n    double[] p(double[] v) { return naiveSoftmax(v); }\n}\n");
        fixer.apply(analyse(), true);
        String once = Files.readString(file);
        Files.setLastModifiedTime(file, LONG_AGO);

        List<FileFixOutcome> again = fixer.apply(analyse(), true);

        assertThat(again).isEmpty();
        assertThat(Files.readString(file)).isEqualTo(once);
        assertThat(Files.getLastModifiedTime(file)).isEqualTo(LONG_AGO);
    }

    @Test
    void aFileWithNothingToFixKeepsItsModificationTime() throws IOException {
        Path hackOnly = write("H.java", "class H { // HACK\n}\n");
        Path clean = write("C.java", "class C { }\n");

        List<FileFixOutcome> outcomes = fixer.apply(analyse(), true);

        assertThat(outcomes).isEmpty();
        assertThat(Files.getLastModifiedTime(hackOnly)).isEqualTo(LONG_AGO);
        assertThat(Files.getLastModifiedTime(clean)).isEqualTo(LONG_AGO);
    }

    @Test
    void withoutWriteNothingChangesAndTheDiffShowsTheFix() throws IOException {
        Path file = write("A.java", "class A {\n    double q(double v) { return Math.log(1 + v); }\n}");
        String before = Files.readString(file);

        List<FileFixOutcome> outcomes = fixer.apply(analyse(), false);

        assertThat(Files.readString(file)).isEqualTo(before);
        assertThat(Files.getLastModifiedTime(file)).isEqualTo(LONG_AGO);
        assertThat(outcomes).singleElement().satisfies(outcome -> assertThat(outcome.diff(dir)).isEqualTo(
                "# numguard safe fix, line 2: [TestLog1p] Use Math.log1p(x)\n"
                        + "--- a/A.java\n+++ b/A.java\n@@ -1,3 +1,3 @@\n class A {\n"
                        + "-    double q(double v) { return Math.log(1 + v); }\n"
                        + "+    double q(double v) { return Math.log1p(v); }\n"
                        + " }\n\\ No newline at end of file\n"));
    }

    @Test
    void aFixThatBreaksTheFileIsRefusedAndNothingIsWritten() throws IOException {
        // The softmax fix lands inside a text block in a way that leaves an unterminated string.
        Path file = write("A.java", "class A {\n    double[] p(double[] v) { return naiveSoftmax(v); }\n}\n");
        AnalysisRun run = analyse();
        AnalysisRun broken = new AnalysisRun(new dev.numguard.analyzer.engine.AnalysisResult(
                run.findings().stream().map(f -> new dev.numguard.rules.Finding(f.ruleId(), f.severity(), f.file(), f.span(),
                        f.message(), java.util.Optional.of(new dev.numguard.rules.Fix("break it", List.of(
                        dev.numguard.rules.TextEdit.replace(f.span(), "\"unterminated")), List.of())))).toList(),
                run.problems(), run.result().filesAnalysed()), run.rules(), run.files(), run.sources(), run.timings(), run.wallNanos());

        List<FileFixOutcome> outcomes = fixer.apply(broken, true);

        assertThat(outcomes).singleElement().satisfies(outcome -> {
            assertThat(outcome.written()).isFalse();
            assertThat(outcome.failed()).isTrue();
            assertThat(outcome.plan().error()).hasValueSatisfying(e -> assertThat(e).contains("would not parse"));
        });
        assertThat(Files.getLastModifiedTime(file)).isEqualTo(LONG_AGO);
    }

    @Test
    void refusesToWriteAFileThatChangedSinceItWasAnalysed() throws IOException {
        Path file = write("A.java", "class A {\n    double q(double v) { return Math.log(1 + v); }\n}\n");
        AnalysisRun run = analyse();
        Files.writeString(file, "class A {\n    double q(double v) { return Math.log(1 + v); } // edited\n}\n");

        List<FileFixOutcome> outcomes = fixer.apply(run, true);

        assertThat(outcomes).singleElement().satisfies(outcome -> {
            assertThat(outcome.written()).isFalse();
            assertThat(outcome.writeError()).hasValueSatisfying(e -> assertThat(e).contains("changed since"));
        });
        assertThat(Files.readString(file)).contains("// edited").contains("Math.log(1 + v)");
    }

    @Test
    void overlappingFixesAreLeftForASecondRun() throws IOException {
        // naiveSoftmax(v) inside Math.log(1 + ...) cannot match LOG1P's \w+ argument, so build the
        // overlap from two findings on the same span instead: both rules see "naiveSoftmax(v)".
        Path file = write("A.java", "class A {\n    double[] p(double[] v) { return naiveSoftmax(v); }\n}\n");
        AnalysisRun run = analyse();
        var finding = run.findings().get(0);
        var twin = new dev.numguard.rules.Finding("TestLog1p", finding.severity(), finding.file(), finding.span(), "m",
                java.util.Optional.of(new dev.numguard.rules.Fix("other", List.of(dev.numguard.rules.TextEdit.replace(
                        finding.span(), "other(v)")), List.of())));
        AnalysisRun doubled = new AnalysisRun(new dev.numguard.analyzer.engine.AnalysisResult(List.of(finding, twin),
                List.of(), 1), run.rules(), run.files(), run.sources(), run.timings(), run.wallNanos());

        List<FileFixOutcome> outcomes = fixer.apply(doubled, true);

        assertThat(outcomes.get(0).plan().applied()).containsExactly(finding);
        assertThat(outcomes.get(0).plan().skipped()).extracting(SkippedFix::finding).containsExactly(twin);
        assertThat(Files.readString(file)).contains("return StableMath.softmax(v);");
    }

    @Test
    void keepsPosixPermissions() throws IOException {
        Path file = write("A.java", "class A {\n    double q(double v) { return Math.log(1 + v); }\n}\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r-----"));

        fixer.apply(analyse(), true);

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-r-----");
        assertThat(Files.readString(file)).contains("Math.log1p(v)");
    }

    @Test
    void leavesAReadOnlyFileAlone() throws IOException {
        Path file = write("A.java", "class A {\n    double q(double v) { return Math.log(1 + v); }\n}\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("r--r--r--"));

        List<FileFixOutcome> outcomes = fixer.apply(analyse(), true);

        assertThat(outcomes).singleElement().satisfies(outcome -> {
            assertThat(outcome.written()).isFalse();
            assertThat(outcome.writeError()).hasValue("the file is read-only; not written");
        });
        assertThat(Files.readString(file)).contains("Math.log(1 + v)");
        assertThat(Files.getLastModifiedTime(file)).isEqualTo(LONG_AGO);
    }

    @Test
    void keepsNonAsciiTextAsUtf8() throws IOException {
        Path file = write("A.java", "class A {\n    // σ² = E[X²] − E[X]²\n    double q(double v) { return Math.log(1 + v); }\n}\n");

        fixer.apply(analyse(), true);

        assertThat(Files.readString(file, StandardCharsets.UTF_8))
                .isEqualTo("class A {\n    // σ² = E[X²] − E[X]²\n    double q(double v) { return Math.log1p(v); }\n}\n");
    }
}
