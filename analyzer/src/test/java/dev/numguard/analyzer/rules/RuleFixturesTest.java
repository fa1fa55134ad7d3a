package dev.numguard.analyzer.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.numguard.analyzer.engine.AnalysisResult;
import dev.numguard.analyzer.fix.FixPlanner;
import dev.numguard.analyzer.spoon.SpoonFrontEnd;
import dev.numguard.rules.Finding;
import dev.numguard.rules.Rule;
import dev.numguard.rules.RuleRegistry;
import dev.numguard.rules.fixtures.RuleFixture;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs every rule fixture through the Spoon front end: positives are flagged exactly on the
 * marked lines and fix (through the real {@link FixPlanner}) to their {@code fixed/} text; negatives and fixed files are not flagged.
 */
class RuleFixturesTest {
    private final SpoonFrontEnd frontEnd = new SpoonFrontEnd();

    static List<RuleFixture> positives() {
        return RuleFixture.all("positive");
    }

    static List<RuleFixture> negatives() {
        return RuleFixture.all("negative");
    }

    static List<RuleFixture> fixed() {
        return RuleFixture.all("fixed");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("positives")
    void flagsExactlyTheMarkedLines(RuleFixture fixture) {
        List<Finding> findings = analyse(fixture.path(), fixture.ruleId());
        TreeSet<Integer> lines = findings.stream().map(f -> f.span().line())
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(fixture.expectedLines()).as("the fixture marks at least one finding").isNotEmpty();
        assertThat(lines).as(describe(findings)).isEqualTo(fixture.expectedLines());
        assertThat(findings).allSatisfy(f -> assertThat(f.message()).isNotBlank());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("positives")
    void fixesToTheExpectedText(RuleFixture fixture) throws IOException {
        List<Finding> findings = analyse(fixture.path(), fixture.ruleId());
        Optional<Path> fixedPath = fixture.fixed().map(RuleFixture::path);
        if (fixedPath.isEmpty()) {
            assertThat(findings).as("a positive without fixed/ file offers no fix").allSatisfy(
                    f -> assertThat(f.fix()).isEmpty());
            return;
        }
        var plan = new FixPlanner().plan(fixture.text(), findings);
        // a fix whose edits another applied fix already made (one loop rewrite for several findings) is no refusal
        assertThat(plan.skipped().stream().filter(s -> !s.reason().equals(FixPlanner.SUPERSEDED)))
                .as("fixes the fixer refused").isEmpty();
        String fixed = plan.fixed();
        assertThat(fixed).isEqualTo(Files.readString(fixedPath.get(), StandardCharsets.UTF_8));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("negatives")
    void leavesLookAlikesAlone(RuleFixture fixture) {
        List<Finding> findings = analyse(fixture.path(), fixture.ruleId());
        assertThat(findings).as(describe(findings)).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixed")
    void fixedCodeHasNothingLeftToFix(RuleFixture fixture) {
        // idempotence: a second fix run changes nothing; only findings that had no fix may remain
        List<Finding> findings = analyse(fixture.path(), fixture.ruleId());
        assertThat(findings).as(describe(findings)).allSatisfy(f -> assertThat(f.fix()).isEmpty());
        Path positive = fixture.positive().path();
        long unfixable = analyse(positive, fixture.ruleId()).stream().filter(f -> f.fix().isEmpty()).count();
        assertThat(findings).hasSize((int) unfixable);
    }

    @Test
    void everyRuleHasPositiveAndNegativeFixtures() {
        for (Rule rule : RuleRegistry.all()) {
            assertThat(RuleFixture.all("positive").stream().filter(f -> f.ruleId().equals(rule.id()))).as(rule.id()).isNotEmpty();
            assertThat(RuleFixture.all("negative").stream().filter(f -> f.ruleId().equals(rule.id()))).as(rule.id()).isNotEmpty();
        }
    }

    private List<Finding> analyse(Path file, String ruleId) {
        Rule rule = RuleRegistry.byId(ruleId).orElseThrow(() -> new AssertionError("no rule " + ruleId));
        AnalysisResult result = frontEnd.analyze(List.of(file), List.of(), List.of(rule));
        assertThat(result.problems()).isEmpty();
        return result.findings();
    }

    private static String describe(List<Finding> findings) {
        return findings.stream().map(f -> f.ruleId() + " at line " + f.span().line() + ": " + f.message())
                .collect(Collectors.joining("\n", "findings:\n", ""));
    }
}
