package dev.numguard.analyzer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.numguard.analyzer.report.ToolInfo;
import dev.numguard.analyzer.spoon.SpoonFrontEnd;
import dev.numguard.rules.RuleRegistry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code fix --write} reaches a fixed point in one invocation: fixes that overlap are applied in
 * later rounds of the same run, and a second run changes nothing — on a nested idiom, on every
 * rule's fixture, and on the bundled examples.
 */
class FixedPointTest {
    private static final Path ROOT = Path.of(System.getProperty("numguard.repositoryRoot", ".."));

    @TempDir
    Path dir;

    private final CliEnvironment environment = new CliEnvironment(SpoonFrontEnd::new, RuleRegistry.all(), false,
            ToolInfo.numguard());

    @Test
    void overlappingFixesAreAppliedInASecondRoundOfTheSameRun() throws IOException {
        // Log1p's fix replaces the whole call, so Expm1's fix inside it must wait for a fresh analysis
        Path file = Files.writeString(dir.resolve("Nested.java"),
                "class Nested {\n    double f(double x) { return Math.log(1 + (Math.exp(x) - 1)); }\n}\n", StandardCharsets.UTF_8);

        CliRun first = CliRun.of(environment, "fix", "--write", "--no-cache", dir.toString());

        assertThat(first.exitCode()).isZero();
        assertThat(Files.readString(file)).contains("return Math.log1p(Math.expm1(x));");
        assertThat(first.out()).isEqualTo("fixed " + file + " (2 fixes)\n");
        assertThat(first.err()).contains("applied 2 fixes in 1 file in 2 rounds").doesNotContain("left for another run");
        assertThat(CliRun.of(environment, "fix", "--write", "--no-cache", dir.toString()).out()).isEmpty();
    }

    @Test
    void aFindingCuredByAnotherFindingsFixIsNamedAndCounted() throws IOException {
        // the variance rewrite replaces the formula and removes the float sum of squares that FloatAccumulation flags
        Path file = Files.writeString(dir.resolve("Moments.java"), """
                class Moments {
                    static float variance(float[] x) {
                        float sum = 0;
                        float sumOfSquares = 0;
                        for (int i = 0; i < x.length; i++) {
                            sum += x[i];
                            sumOfSquares += x[i] * x[i];
                        }
                        float mean = sum / x.length;
                        return sumOfSquares / x.length - mean * mean;
                    }
                }
                """, StandardCharsets.UTF_8);

        CliRun check = CliRun.of(environment, "check", "--fail-on", "never", "--no-cache", dir.toString());
        CliRun first = CliRun.of(environment, "fix", "--write", "--unsafe-fixes", "--no-cache", dir.toString());

        int findings = Integer.parseInt((check.out() + check.err()).replaceAll("(?s).*?(\\d+) findings? \\(.*", "$1"));
        assertThat(first.err()).containsPattern("Moments.java:\\d+:\\d+: note: \\[\\w+\\] (shares its fix with|is fixed by the wider fix of)"
                + " the \\[\\w+\\] finding at line \\d+ \\(one rewrite cures both\\)");
        assertThat(first.err()).containsPattern("applied (\\d+) fix(es)? for " + findings + " findings \\((\\d+) cured by another finding's fix");
        assertThat(Files.readString(file)).contains("Statistics.variance");
        assertThat(CliRun.of(environment, "fix", "--write", "--unsafe-fixes", "--no-cache", dir.toString()).out()).isEmpty();
    }

    @Test
    void aSecondFixOfTheFixedExamplesAndFixturesChangesNothing() throws IOException {
        Path examples = copy(ROOT.resolve("examples/src/main/java"), dir.resolve("examples"));
        Path fixtures = dir.resolve("fixtures");
        try (Stream<Path> rules = Files.list(ROOT.resolve("rules/src/test/resources/fixtures"))) {
            for (Path rule : rules.filter(Files::isDirectory).toList()) {
                if (Files.isDirectory(rule.resolve("positive"))) {
                    copy(rule.resolve("positive"), fixtures.resolve(rule.getFileName().toString()));
                }
            }
        }
        for (Path tree : List.of(examples, fixtures)) {
            CliRun first = CliRun.of(environment, "fix", "--write", "--unsafe-fixes", "--no-cache", tree.toString());
            assertThat(first.out()).as("fixes written in %s", tree).isNotEmpty();
            assertThat(first.err()).doesNotContain("stopped: fixes still apply");
            if (tree == examples) {
                // every finding in the examples has an automatic fix
                assertThat(first.err()).as("fix --write in the examples").doesNotContain("without an automatic fix");
            }

            CliRun second = CliRun.of(environment, "fix", "--write", "--unsafe-fixes", "--no-cache", tree.toString());

            assertThat(second.out()).as("a second fix --write in %s", tree).isEmpty();
            assertThat(second.err()).as("a second fix --write in %s", tree).contains("applied 0 fixes in 0 files");
        }
    }

    private static Path copy(Path from, Path to) throws IOException {
        List<Path> files = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(from)) {
            walk.filter(path -> path.toString().endsWith(".java")).forEach(files::add);
        }
        for (Path file : files) {
            Path target = to.resolve(from.relativize(file).toString());
            Files.createDirectories(target.getParent());
            Files.copy(file, target);
        }
        return to;
    }
}
