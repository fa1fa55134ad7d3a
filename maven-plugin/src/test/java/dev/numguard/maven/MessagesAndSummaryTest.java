package dev.numguard.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.numguard.analyzer.engine.AnalysisProblem;
import dev.numguard.analyzer.engine.UsageException;
import dev.numguard.analyzer.fix.RuntimeGuards;
import dev.numguard.analyzer.pipeline.FailureThreshold;
import dev.numguard.analyzer.report.ReportFormat;
import dev.numguard.rules.Finding;
import dev.numguard.rules.Fix;
import dev.numguard.rules.Severity;
import dev.numguard.rules.SourceSpan;
import dev.numguard.rules.TextEdit;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MessagesAndSummaryTest {
    private static Finding finding(String rule, Severity severity, Optional<Fix> fix) {
        return new Finding(rule, severity, "/src/a/Model.java", new SourceSpan(40, 52, 12, 9, 12, 20),
                "exp overflows above 709.78;\n  the ratio is then NaN", fix);
    }

    @Test
    void findingsReadLikeCompilerDiagnosticsOnOneLine() {
        assertThat(CompilerStyleMessages.finding(finding("NaiveSoftmax", Severity.WARNING, Optional.empty())))
                .isEqualTo("/src/a/Model.java:[12,9] [NaiveSoftmax] exp overflows above 709.78; the ratio is then NaN");
    }

    @Test
    void problemsNameFileAndLineOrJustTheFile() {
        assertThat(CompilerStyleMessages.problem(new AnalysisProblem("/src/Bad.java", 5, 31, "';' expected")))
                .isEqualTo("/src/Bad.java:[5,31] numguard could not analyse this file: ';' expected");
        assertThat(CompilerStyleMessages.problem(new AnalysisProblem("/src/Latin1.java", 0, 0, "not UTF-8")))
                .isEqualTo("/src/Latin1.java numguard could not analyse this file: not UTF-8");
        assertThat(CompilerStyleMessages.location("/F.java", 3, 0)).isEqualTo("/F.java:[3,1]");
    }

    @Test
    void summaryCountsByRuleInIdOrder() {
        List<Finding> findings = List.of(finding("NaiveSoftmax", Severity.WARNING, Optional.empty()),
                finding("Log1p", Severity.INFO, Optional.empty()),
                finding("NaiveSoftmax", Severity.ERROR, Optional.empty()));

        assertThat(FindingSummary.of(findings)).isEqualTo("numguard: 3 findings (Log1p: 1, NaiveSoftmax: 2)");
        assertThat(FindingSummary.of(findings.subList(0, 1))).isEqualTo("numguard: 1 finding (NaiveSoftmax: 1)");
        assertThat(FindingSummary.of(List.of())).isEqualTo("numguard: 0 findings");
    }

    @Test
    void thresholdCountsFindingsAtOrAboveTheSeverity() {
        List<Finding> findings = List.of(finding("A", Severity.ERROR, Optional.empty()),
                finding("B", Severity.WARNING, Optional.empty()), finding("C", Severity.INFO, Optional.empty()));

        assertThat(new FailureThreshold(Optional.of(Severity.ERROR), 0).counted(findings)).extracting(Finding::ruleId)
                .containsExactly("A");
        assertThat(new FailureThreshold(Optional.of(Severity.WARNING), 1).isExceededBy(findings)).isTrue();
        assertThat(new FailureThreshold(Optional.of(Severity.WARNING), 2).isExceededBy(findings)).isFalse();
        assertThat(new FailureThreshold(Optional.of(Severity.INFO), 3).isExceededBy(findings)).isFalse();
        assertThat(new FailureThreshold(Optional.of(Severity.INFO), 0).isExceededBy(List.of())).isFalse();
        assertThatThrownBy(() -> new FailureThreshold(Optional.of(Severity.INFO), -1)).isInstanceOf(UsageException.class);
        assertThat(new FailureThreshold(FailureThreshold.parseFailOn("never"), 0).isExceededBy(findings)).isFalse();
    }

    @Test
    void runtimeGuardsAreNeededWhenAFixImportsOrNamesThem() {
        Fix imports = new Fix("Use StableMath.softmax", List.of(new TextEdit(0, 1, "StableMath.softmax(x)")),
                List.of("dev.numguard.guards.StableMath"));
        Fix names = new Fix("Use LogSpace", List.of(new TextEdit(0, 1, "dev.numguard.guards.LogSpace.sum(x)")), List.of());
        Fix jdkOnly = new Fix("Use Math.log1p", List.of(new TextEdit(0, 1, "Math.log1p(x)")), List.of());

        assertThat(RuntimeGuards.neededBy(List.of(finding("R", Severity.INFO, Optional.of(imports))))).isTrue();
        assertThat(RuntimeGuards.neededBy(List.of(finding("R", Severity.INFO, Optional.of(names))))).isTrue();
        assertThat(RuntimeGuards.neededBy(List.of(finding("R", Severity.INFO, Optional.of(jdkOnly))))).isFalse();
        assertThat(RuntimeGuards.neededBy(List.of(finding("R", Severity.INFO, Optional.empty())))).isFalse();
        assertThat(RuntimeGuardsDependency.snippet("1.2.3")).isEqualTo(String.join(System.lineSeparator(),
                "<dependency>", "  <groupId>dev.numguard</groupId>", "  <artifactId>numguard-runtime-guards</artifactId>",
                "  <version>1.2.3</version>", "</dependency>"));
    }

    @Test
    void reportFormatsParseCaseInsensitivelyAndRefuseUnknownNames() {
        assertThat(ReportFormat.parse(List.of("SARIF", "json,html", " text ")))
                .extracting(ReportFormat::fileName)
                .containsExactlyInAnyOrder("numguard.sarif", "numguard.json", "numguard.html", "numguard.txt");
        assertThat(ReportFormat.parse(List.of("none"))).isEmpty();
        assertThatThrownBy(() -> ReportFormat.parse(List.of("xml"))).isInstanceOf(UsageException.class)
                .hasMessageContaining("'xml'");
    }
}
