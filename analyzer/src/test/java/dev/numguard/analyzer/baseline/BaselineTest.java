package dev.numguard.analyzer.baseline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.numguard.rules.Finding;
import dev.numguard.rules.Severity;
import dev.numguard.rules.SourceSpan;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BaselineTest {
    private static final String MODEL = """
            package a;
            class Model {
                double[] softmax(double[] x) {
                    double sum = 0;
                    for (double v : x) sum += Math.exp(v);
                    return null;
                }
                double lse(double a, double b) {
                    return Math.log(Math.exp(a) + Math.exp(b));
                }
            }
            """;

    @TempDir
    Path project;

    @Test
    void movingOldCodeDownTheFileKeepsItBaselined() throws IOException {
        Path file = write("src/main/java/a/Model.java", MODEL);
        List<Finding> before = List.of(finding("NaiveSoftmax", file, "Math.exp(v)", 0),
                finding("NaiveLogSumExp", file, "Math.log(Math.exp(a) + Math.exp(b))", 0));
        Baseline baseline = Baseline.of(before, new FindingFingerprinter(project));

        String moved = MODEL.replace("class Model {\n",
                "class Model {\n    // a new helper above the old code\n    int count;\n\n    int count() { return count; }\n\n");
        write("src/main/java/a/Model.java", moved);
        List<Finding> after = List.of(finding("NaiveSoftmax", file, "Math.exp(v)", 0),
                finding("NaiveLogSumExp", file, "Math.log(Math.exp(a) + Math.exp(b))", 0));
        assertThat(after.get(0).span().line()).isEqualTo(before.get(0).span().line() + 5);

        BaselineMatch match = baseline.match(after, new FindingFingerprinter(project));

        assertThat(match.newFindings()).isEmpty();
        assertThat(match.baselinedFindings()).containsExactlyElementsOf(after);
        assertThat(match.staleEntries()).isEmpty();
    }

    @Test
    void aSecondCopyOfABaselinedIdiomIsNew() throws IOException {
        Path file = write("Model.java", MODEL);
        Baseline baseline = Baseline.of(List.of(finding("NaiveSoftmax", file, "Math.exp(v)", 0)),
                new FindingFingerprinter(project));

        String twice = MODEL.replace("        return null;\n",
                "        for (double v : x) sum += Math.exp(v);\n        return null;\n");
        write("Model.java", twice);
        Finding first = finding("NaiveSoftmax", file, "Math.exp(v)", 0);
        Finding second = finding("NaiveSoftmax", file, "Math.exp(v)", 1);

        BaselineMatch match = baseline.match(List.of(second, first), new FindingFingerprinter(project));

        assertThat(match.newFindings()).containsExactly(second);
        assertThat(match.baselinedFindings()).containsExactly(first);
    }

    @Test
    void editingTheFlaggedCodeMakesItNewAndTheOldEntryStale() throws IOException {
        Path file = write("Model.java", MODEL);
        Baseline baseline = Baseline.of(List.of(finding("NaiveSoftmax", file, "Math.exp(v)", 0)),
                new FindingFingerprinter(project));

        write("Model.java", MODEL.replace("Math.exp(v)", "Math.exp(v / t)"));
        Finding edited = finding("NaiveSoftmax", file, "Math.exp(v / t)", 0);

        BaselineMatch match = baseline.match(List.of(edited), new FindingFingerprinter(project));

        assertThat(match.newFindings()).containsExactly(edited);
        assertThat(match.staleEntries()).extracting(BaselineEntry::ruleId).containsExactly("NaiveSoftmax");
    }

    @Test
    void reformattingTheFlaggedExpressionStillMatches() throws IOException {
        Path file = write("Model.java", MODEL);
        String flagged = "Math.log(Math.exp(a) + Math.exp(b))";
        Baseline baseline = Baseline.of(List.of(finding("NaiveLogSumExp", file, flagged, 0)),
                new FindingFingerprinter(project));

        String reformatted = "Math.log(\n                Math.exp(a)\n              +  Math.exp(b))";
        write("Model.java", MODEL.replace(flagged, reformatted));

        BaselineMatch match = baseline.match(List.of(finding("NaiveLogSumExp", file, reformatted, 0)),
                new FindingFingerprinter(project));

        assertThat(match.newFindings()).isEmpty();
    }

    @Test
    void theSameTextUnderAnotherRuleOrFileIsNew() throws IOException {
        Path file = write("Model.java", MODEL);
        Path other = write("Other.java", MODEL);
        Baseline baseline = Baseline.of(List.of(finding("NaiveSoftmax", file, "Math.exp(v)", 0)),
                new FindingFingerprinter(project));

        Finding otherRule = finding("Expm1", file, "Math.exp(v)", 0);
        Finding otherFile = finding("NaiveSoftmax", other, "Math.exp(v)", 0);
        BaselineMatch match = baseline.match(List.of(otherRule, otherFile), new FindingFingerprinter(project));

        assertThat(match.newFindings()).containsExactly(otherRule, otherFile);
        assertThat(match.staleEntries()).hasSize(1);
    }

    @Test
    void entriesAreRelativeToTheBaseFolderWithForwardSlashes() throws IOException {
        Path file = write("src/main/java/a/Model.java", MODEL);
        List<BaselineEntry> entries = new FindingFingerprinter(project)
                .entriesFor(List.of(finding("NaiveSoftmax", file, "Math.exp(v)", 0)));

        assertThat(entries).singleElement().satisfies(entry -> {
            assertThat(entry.file()).isEqualTo("src/main/java/a/Model.java");
            assertThat(entry.occurrence()).isZero();
            assertThat(entry.line()).isEqualTo(5);
            assertThat(entry.fingerprint()).hasSize(64).matches("[0-9a-f]+");
        });
    }

    @Test
    void anUnreadableFileFallsBackToTheMessage() {
        Path missing = project.resolve("Gone.java");
        Finding finding = new Finding("NaiveSoftmax", Severity.WARNING, missing.toString(),
                new SourceSpan(10, 20, 2, 3, 2, 12), "exp overflows", Optional.empty());
        Baseline baseline = Baseline.of(List.of(finding), new FindingFingerprinter(project));

        BaselineMatch match = baseline.match(List.of(finding), new FindingFingerprinter(project));

        assertThat(match.baselinedFindings()).containsExactly(finding);
    }

    @Test
    void anEmptySpanIsIdentifiedByItsLine() throws IOException {
        Path file = write("Model.java", MODEL);
        Finding atLine = new Finding("NaiveSoftmax", Severity.WARNING, file.toString(),
                new SourceSpan(0, 0, 5, 1, 5, 1), "m", Optional.empty());
        Baseline baseline = Baseline.of(List.of(atLine), new FindingFingerprinter(project));

        write("Model.java", "\n\n" + MODEL);
        Finding movedLine = new Finding("NaiveSoftmax", Severity.WARNING, file.toString(),
                new SourceSpan(0, 0, 7, 1, 7, 1), "m", Optional.empty());

        assertThat(baseline.match(List.of(movedLine), new FindingFingerprinter(project)).newFindings()).isEmpty();
        assertThat(baseline.match(List.of(atLine), new FindingFingerprinter(project)).newFindings())
                .as("line 5 now holds other text").containsExactly(atLine);
    }

    @Test
    void anEmptyBaselineReportsEverythingAsNew() throws IOException {
        Path file = write("Model.java", MODEL);
        Finding finding = finding("NaiveSoftmax", file, "Math.exp(v)", 0);

        BaselineMatch match = Baseline.empty().match(List.of(finding), new FindingFingerprinter(project));

        assertThat(match.newFindings()).containsExactly(finding);
        assertThat(Baseline.empty().match(List.of(), new FindingFingerprinter(project)).newFindings()).isEmpty();
    }

    @Test
    void writeThenReadGivesTheSameEntriesSorted() throws IOException {
        Path file = write("Model.java", MODEL);
        Baseline baseline = Baseline.of(List.of(
                finding("NaiveLogSumExp", file, "Math.log(Math.exp(a) + Math.exp(b))", 0),
                finding("NaiveSoftmax", file, "Math.exp(v)", 0)), new FindingFingerprinter(project));
        Path stored = project.resolve("config/numguard-baseline.json");

        baseline.write(stored);
        Baseline read = Baseline.read(stored);

        assertThat(read.entries()).isEqualTo(baseline.entries());
        assertThat(read.entries()).extracting(BaselineEntry::line).containsExactly(5, 9);
        assertThat(Files.readString(stored)).contains("\"numguardBaseline\" : 1");
        try (var siblings = Files.list(stored.getParent())) {
            assertThat(siblings).containsExactly(stored);
        }
    }

    @Test
    void readRefusesOtherVersionsAndDamagedEntries() throws IOException {
        Path otherVersion = write("v2.json", "{\"numguardBaseline\": 2, \"entries\": []}");
        Path noFingerprint = write("bad.json",
                "{\"numguardBaseline\": 1, \"entries\": [{\"ruleId\": \"X\", \"file\": \"F\", \"occurrence\": 0}]}");
        Path notJson = write("junk.json", "not json");
        Path array = write("array.json", "[]");

        assertThatThrownBy(() -> Baseline.read(otherVersion)).isInstanceOf(IOException.class)
                .hasMessageContaining("version 2");
        assertThatThrownBy(() -> Baseline.read(noFingerprint)).isInstanceOf(IOException.class)
                .hasMessageContaining("fingerprint");
        assertThatThrownBy(() -> Baseline.read(notJson)).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> Baseline.read(array)).isInstanceOf(IOException.class);
    }

    private Path write(String relative, String text) throws IOException {
        Path file = project.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return file;
    }

    /** A finding on the {@code nth} (0-based) occurrence of {@code flagged} in the file as it is now. */
    private static Finding finding(String ruleId, Path file, String flagged, int nth) throws IOException {
        String text = Files.readString(file);
        int start = -1;
        for (int i = 0; i <= nth; i++) {
            start = text.indexOf(flagged, start + 1);
        }
        if (start < 0) {
            throw new IllegalArgumentException(flagged + " not in " + file);
        }
        int end = start + flagged.length();
        return new Finding(ruleId, Severity.WARNING, file.toString(),
                new SourceSpan(start, end, line(text, start), column(text, start), line(text, end - 1),
                        column(text, end - 1)), ruleId + " message", Optional.empty());
    }

    private static int line(String text, int offset) {
        return (int) text.substring(0, offset).chars().filter(c -> c == '\n').count() + 1;
    }

    private static int column(String text, int offset) {
        return offset - text.lastIndexOf('\n', offset - 1);
    }

}
