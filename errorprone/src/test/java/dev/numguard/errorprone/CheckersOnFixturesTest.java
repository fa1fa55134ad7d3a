package dev.numguard.errorprone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.google.errorprone.BugCheckerRefactoringTestHelper;
import com.google.errorprone.BugCheckerRefactoringTestHelper.TestMode;
import com.google.errorprone.BugPattern;
import com.google.errorprone.CompilationTestHelper;
import com.google.errorprone.bugpatterns.BugChecker;
import dev.numguard.rules.Rule;
import dev.numguard.rules.RuleRegistry;
import dev.numguard.rules.fixtures.RuleFixture;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Error Prone's own test helpers on the rule fixtures (from the rules module's test jar): in positives every
 * {@code // BUG:} marker is matched by a diagnostic and nothing else is reported; negatives compile
 * clean; each positive is patched into its {@code fixed/} text, and patching that again changes
 * nothing.
 */
class CheckersOnFixturesTest {
    private static final Map<String, Class<? extends RuleChecker>> CHECKERS = ServiceLoader.load(BugChecker.class)
            .stream().map(ServiceLoader.Provider::type)
            .filter(RuleChecker.class::isAssignableFrom)
            .map(type -> type.asSubclass(RuleChecker.class))
            .collect(Collectors.toMap(type -> type.getAnnotation(BugPattern.class).name(), Function.identity()));

    @Test
    void everyRuleHasARegisteredCheckerNamedByItsIdWithItsSummaryAndSeverity() {
        for (Rule rule : RuleRegistry.all()) {
            Class<? extends RuleChecker> checker = CHECKERS.get(rule.id());
            assertThat(checker).as("checker for " + rule.id()).isNotNull();
            assertThat(checker.getSimpleName()).isEqualTo(rule.id());
            BugPattern pattern = checker.getAnnotation(BugPattern.class);
            assertThat(pattern.summary()).isEqualTo(rule.metadata().summary());
            assertThat(pattern.severity().name()).isEqualTo(switch (rule.metadata().defaultSeverity()) {
                case ERROR -> "ERROR";
                case WARNING -> "WARNING";
                case INFO -> "SUGGESTION";
            });
            assertThat(pattern.link()).endsWith(rule.metadata().docsPath());
        }
        assertThat(CHECKERS).hasSameSizeAs(RuleRegistry.all());
    }

    @TestFactory
    Stream<DynamicTest> diagnosticsMatchTheMarkers() {
        return Stream.of("positive", "negative").flatMap(kind -> RuleFixture.all(kind).stream())
                .filter(fixture -> CHECKERS.containsKey(fixture.ruleId()))
                .map(fixture -> dynamicTest(fixture.toString(), () -> {
                    CompilationTestHelper helper = CompilationTestHelper.newInstance(
                            CHECKERS.get(fixture.ruleId()), getClass())
                            .addSourceLines(fixture.fileName(), fixture.lines());
                    if (fixture.kind().equals("negative")) {
                        helper.expectNoDiagnostics();
                    }
                    helper.doTest();
                }));
    }

    @TestFactory
    Stream<DynamicTest> patchesEachPositiveIntoItsFixedText() {
        return RuleFixture.all("positive").stream()
                .filter(fixture -> CHECKERS.containsKey(fixture.ruleId()) && fixture.fixed().isPresent())
                .map(fixture -> dynamicTest(fixture.toString(), () ->
                        BugCheckerRefactoringTestHelper.newInstance(CHECKERS.get(fixture.ruleId()), getClass())
                                .setArgs("-XepOpt:" + RuleChecker.UNSAFE_FIXES_FLAG + "=true")
                                .addInputLines(fixture.fileName(), fixture.lines())
                                .addOutputLines(fixture.fileName(), fixture.fixed().get().lines())
                                .doTest(TestMode.TEXT_MATCH)));
    }

    /** Without the unsafe-fixes flag, patch mode applies the safe fixes (Log1p) and leaves the ones that need review (NaiveSoftmax). */
    @TestFactory
    Stream<DynamicTest> withoutTheFlagOnlySafeFixesArePatched() {
        RuleFixture safe = first("Log1p");
        RuleFixture review = first("NaiveSoftmax");
        return Stream.of(
                dynamicTest("safe: " + safe, () -> BugCheckerRefactoringTestHelper.newInstance(CHECKERS.get("Log1p"), getClass())
                        .addInputLines(safe.fileName(), safe.lines())
                        .addOutputLines(safe.fileName(), safe.fixed().orElseThrow().lines())
                        .doTest(TestMode.TEXT_MATCH)),
                dynamicTest("review: " + review, () -> BugCheckerRefactoringTestHelper.newInstance(CHECKERS.get("NaiveSoftmax"), getClass())
                        .addInputLines(review.fileName(), review.lines())
                        .expectUnchanged()
                        .doTest(TestMode.TEXT_MATCH)));
    }

    private static RuleFixture first(String ruleId) {
        return RuleFixture.all("positive").stream()
                .filter(fixture -> fixture.ruleId().equals(ruleId) && fixture.fixed().isPresent()).findFirst().orElseThrow();
    }

    /** Idempotence: patching a fixed file again changes nothing (only findings without a fix remain). */
    @TestFactory
    Stream<DynamicTest> fixedFilesHaveNothingLeftToPatch() {
        return RuleFixture.all("fixed").stream()
                .filter(fixture -> CHECKERS.containsKey(fixture.ruleId()))
                .map(fixture -> dynamicTest(fixture.toString(), () ->
                        BugCheckerRefactoringTestHelper.newInstance(CHECKERS.get(fixture.ruleId()), getClass())
                                .addInputLines(fixture.fileName(), fixture.lines())
                                .expectUnchanged()
                                .doTest(TestMode.TEXT_MATCH)));
    }
}
