package dev.numguard.analyzer.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.numguard.analyzer.testing.PatternFrontEnd;
import dev.numguard.analyzer.testing.TestRules;
import dev.numguard.rules.Finding;
import dev.numguard.rules.Rule;
import dev.numguard.rules.Severity;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AnalyzerTest {
    @TempDir
    Path dir;

    private final PatternFrontEnd frontEnd = new PatternFrontEnd();
    private final Analyzer analyzer = new Analyzer(frontEnd, TestRules.all());

    private Path write(String relative, String text) throws IOException {
        Path file = dir.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return file;
    }

    @Test
    void expandsFoldersIntoSortedJavaFilesAndSkipsBuildOutputAndHiddenFolders() throws IOException {
        write("pom.xml", "<project/>");
        Path b = write("src/b/B.java", "class B { }");
        Path a = write("src/a/A.java", "class A { }");
        write("src/a/notes.txt", "not java");
        write("target/generated/G.java", "class G { }");
        write("build/Gen.java", "class Gen { }");
        write(".git/X.java", "class X { }");
        Path lone = write("other/build/Kept.java", "class Kept { }");

        AnalysisRun run = analyzer.analyze(AnalysisRequest.of(List.of(dir.resolve("src"), dir.resolve("src/a/A.java"),
                dir.resolve("other"), dir.resolve("target"))), ProgressListener.NONE);

        // target/ named explicitly is walked (the user asked for it); inside a walk it is skipped.
        assertThat(run.files()).containsExactly(lone, a, b, dir.resolve("target/generated/G.java"));
        assertThat(run.result().filesAnalysed()).isEqualTo(4);

        AnalysisRun whole = analyzer.analyze(AnalysisRequest.of(List.of(dir)), ProgressListener.NONE);
        assertThat(whole.files()).containsExactly(lone, a, b);
    }

    @Test
    void aNonUtf8FileIsAProblemNamingItAndIsNotHandedToTheFrontEnd() throws IOException {
        Path good = write("Good.java", "class Good { double f(double x) { return Math.log(1 + x); } }");
        Path latin1 = dir.resolve("Latin1.java");
        Files.write(latin1, "class Latin1 { String s = \"caf\u00e9\"; }".getBytes(StandardCharsets.ISO_8859_1));

        AnalysisRun run = analyzer.analyze(AnalysisRequest.of(List.of(dir)), ProgressListener.NONE);

        assertThat(frontEnd.filesSeen).containsExactly(good);
        assertThat(run.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.file()).isEqualTo(latin1.toString());
            assertThat(problem.line()).isEqualTo(1);
            assertThat(problem.message()).contains("not valid UTF-8").contains("0xE9 at line 1, column 31 (byte offset 30)");
        });
        assertThat(run.findings()).extracting(Finding::ruleId).containsExactly(TestRules.LOG1P);
        assertThat(run.source(latin1.toString())).isEmpty();
    }

    @Test
    void sortsFindingsByFileThenPositionThenRule() throws IOException {
        write("B.java", "class B { // HACK\n double f(double x) { return Math.log(1 + x); } }");
        write("A.java", "class A { double[] g(double[] x) { return naiveSoftmax(x); } // HACK\n }");

        AnalysisRun run = analyzer.analyze(AnalysisRequest.of(List.of(dir)), ProgressListener.NONE);

        assertThat(run.findings()).extracting(f -> Path.of(f.file()).getFileName() + ":" + f.ruleId())
                .containsExactly("A.java:TestSoftmax", "A.java:TestHack", "B.java:TestHack", "B.java:TestLog1p");
    }

    @Test
    void selectsRulesByEnableAndDisableAndAppliesSeverityOverrides() throws IOException {
        write("A.java", "class A { double[] g(double[] x) { return naiveSoftmax(x); } // HACK\n"
                + " double f(double x) { return Math.log(1 + x); } }");

        AnalysisRun onlyTwo = analyzer.analyze(new AnalysisRequest(List.of(dir), List.of(),
                new RuleSelection(Set.of(TestRules.LOG1P, TestRules.HACK), Set.of(TestRules.HACK),
                        Map.of(TestRules.LOG1P, Severity.ERROR))), ProgressListener.NONE);

        assertThat(onlyTwo.rules()).extracting(Rule::id).containsExactly(TestRules.LOG1P);
        assertThat(onlyTwo.findings()).singleElement().satisfies(f -> {
            assertThat(f.ruleId()).isEqualTo(TestRules.LOG1P);
            assertThat(f.severity()).isEqualTo(Severity.ERROR);
        });
    }

    @Test
    void unknownRuleIdsAreAUsageErrorNamingThemAndTheKnownOnes() {
        RuleSelection typo = new RuleSelection(Set.of("NaiveSoftmx"), Set.of(), Map.of("Nope", Severity.INFO));

        assertThatThrownBy(() -> analyzer.analyze(new AnalysisRequest(List.of(dir), List.of(), typo), ProgressListener.NONE))
                .isInstanceOf(UsageException.class)
                .hasMessageContaining("unknown rule ids NaiveSoftmx, Nope")
                .hasMessageContaining("known rules: TestLog1p, TestSoftmax, TestHack");
    }

    @Test
    void disablingEveryRuleIsAUsageError() {
        RuleSelection none = new RuleSelection(Set.of(), Set.of(TestRules.LOG1P, TestRules.SOFTMAX, TestRules.HACK), Map.of());

        assertThatThrownBy(() -> none.select(TestRules.all())).isInstanceOf(UsageException.class)
                .hasMessageContaining("no rule left");
    }

    @Test
    void missingPathsAndClasspathEntriesAreUsageErrors() {
        assertThatThrownBy(() -> analyzer.analyze(AnalysisRequest.of(List.of(dir.resolve("nope"))), ProgressListener.NONE))
                .isInstanceOf(UsageException.class).hasMessageContaining("no such file or folder");
        assertThatThrownBy(() -> analyzer.analyze(new AnalysisRequest(List.of(dir), List.of(dir.resolve("lib.jar")),
                RuleSelection.all()), ProgressListener.NONE))
                .isInstanceOf(UsageException.class).hasMessageContaining("classpath entry does not exist");
    }

    @Test
    void parsesSeveritiesAndOverridePairs() {
        assertThat(RuleSelection.parseSeverity("Note")).isEqualTo(Severity.INFO);
        assertThat(RuleSelection.parseSeverity("WARN")).isEqualTo(Severity.WARNING);
        assertThat(RuleSelection.parseSeverityOverrides(List.of("A=error", " B = info ")))
                .isEqualTo(Map.of("A", Severity.ERROR, "B", Severity.INFO));
        assertThatThrownBy(() -> RuleSelection.parseSeverity("fatal")).isInstanceOf(UsageException.class);
        assertThatThrownBy(() -> RuleSelection.parseSeverityOverrides(List.of("A"))).isInstanceOf(UsageException.class);
        assertThatThrownBy(() -> RuleSelection.parseSeverityOverrides(List.of("=error"))).isInstanceOf(UsageException.class);
    }

    @Test
    void reportsProgressThroughEachPhase() throws IOException {
        write("A.java", "class A { }");
        write("B.java", "class B { }");
        List<String> events = new ArrayList<>();

        analyzer.analyze(AnalysisRequest.of(List.of(dir)), (phase, done, total) -> events.add(phase + " " + done + "/" + total));

        assertThat(events).containsExactly("reading 0/2", "reading 1/2", "reading 2/2", "analysing 0/2", "modelling 1/2",
                "modelling 2/2", "analysing 2/2");
    }

    @Test
    void aFrontEndThatFailsBecomesOneProblemInsteadOfACrash() throws IOException {
        write("A.java", "class A { }");
        Analyzer failing = new Analyzer((files, encoding, classpath, rules, settings, progress) -> {
            throw new IllegalStateException("model bug");
        }, TestRules.all());

        AnalysisRun run = failing.analyze(AnalysisRequest.of(List.of(dir)), ProgressListener.NONE);

        assertThat(run.problems()).singleElement().satisfies(p -> assertThat(p.message()).contains("model bug"));
        assertThat(run.findings()).isEmpty();
    }

    @Test
    void anEmptyFolderAnalysesNothingWithoutCallingTheFrontEnd() {
        AnalysisRun run = analyzer.analyze(AnalysisRequest.of(List.of(dir)), ProgressListener.NONE);

        assertThat(run.files()).isEmpty();
        assertThat(run.findings()).isEmpty();
        assertThat(run.problems()).isEmpty();
        assertThat(frontEnd.filesSeen).isEmpty();
    }

    @Test
    void measuresTheTimeSpentInEachRuleInsideTheFrontEnd() throws IOException {
        write("A.java", "class A { }");
        List<String> checked = new ArrayList<>();
        Analyzer callingRules = new Analyzer((files, encoding, classpath, rules, settings, progress) -> {
            for (Rule rule : rules) {
                checked.add(rule.id());
                assertThat(rule.check(null)).isEmpty();
            }
            return new AnalysisResult(List.of(), List.of(), files.size());
        }, TestRules.all());

        AnalysisRun run = callingRules.analyze(AnalysisRequest.of(List.of(dir)), ProgressListener.NONE);

        assertThat(checked).containsExactly(TestRules.LOG1P, TestRules.SOFTMAX, TestRules.HACK);
        PhaseTimings timings = run.timings();
        assertThat(timings.ruleNanos()).containsOnlyKeys(TestRules.LOG1P, TestRules.SOFTMAX, TestRules.HACK);
        assertThat(timings.rulesNanos()).isEqualTo(timings.ruleNanos().values().stream().mapToLong(Long::longValue).sum());
        assertThat(timings.rulesNanos()).isLessThanOrEqualTo(timings.frontEndNanos());
        assertThat(timings.parseAndModelNanos()).isEqualTo(timings.frontEndNanos() - timings.rulesNanos());
        assertThat(timings.readNanos()).isPositive();
        assertThat(run.wallNanos()).isGreaterThanOrEqualTo(timings.readNanos() + timings.frontEndNanos());
    }
}
