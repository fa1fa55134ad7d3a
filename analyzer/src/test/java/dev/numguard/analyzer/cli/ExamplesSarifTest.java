package dev.numguard.analyzer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.javaparser.JavaParser;
import com.github.javaparser.ParserConfiguration;
import dev.numguard.analyzer.report.ToolInfo;
import dev.numguard.analyzer.spoon.SpoonFrontEnd;
import dev.numguard.analyzer.testing.GitHubSarifRules;
import dev.numguard.analyzer.testing.SarifSchema;
import dev.numguard.rules.RuleRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real analysis of the bundled examples, as the CLI writes it for code scanning: the SARIF is
 * valid against the SARIF 2.1.0 schema, meets GitHub's documented ingestion requirements, and
 * every fix it carries is Java 8 source (the oldest language level runtime-guards supports).
 */
class ExamplesSarifTest {
    private static final Path REPOSITORY = Path.of(System.getProperty("numguard.repositoryRoot", ".."))
            .toAbsolutePath().normalize();

    @TempDir
    Path cache;

    @Test
    void theExamplesSarifPassesTheSchemaAndGitHubsChecksAndItsFixesAreJava8() throws Exception {
        CliEnvironment environment = new CliEnvironment(SpoonFrontEnd::new, RuleRegistry.all(), false, ToolInfo.numguard());
        CliRun run = CliRun.of(environment, "check", "--format", "sarif", "--fail-on", "never",
                "--project-root", REPOSITORY.toString(), "--cache-file", cache.resolve("c.json").toString(),
                REPOSITORY.resolve("examples/src/main/java").toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode sarif = new ObjectMapper().readTree(run.out());

        assertThat(sarif.at("/runs/0/results").size()).isGreaterThan(10);
        assertThat(SarifSchema.errors(sarif)).isEmpty();
        assertThat(GitHubSarifRules.violations(sarif)).isEmpty();
        assertThat(sarif.at("/runs/0/results/0/locations/0/physicalLocation/artifactLocation/uri").asText())
                .startsWith("examples/src/main/java/");
        assertThat(sarif.at("/runs/0/tool/driver/rules/0/helpUri").asText())
                .isEqualTo(ToolInfo.DEFAULT_DOCS_BASE_URI + "docs/rules/" + sarif.at("/runs/0/tool/driver/rules/0/id").asText() + ".md");

        // every fix, its replacements applied to the file they name, leaves a file Java 8 parses (the
        // replacements are whole-line deltas, so a fix that wraps code is not one parseable fragment)
        JavaParser java8 = new JavaParser(new ParserConfiguration().setLanguageLevel(ParserConfiguration.LanguageLevel.JAVA_8));
        int fixes = 0;
        for (JsonNode fix : sarif.at("/runs/0/results").findValues("fixes")) {
            for (JsonNode change : fix.findValues("artifactChanges")) {
                for (JsonNode artifact : change) {
                    Path file = REPOSITORY.resolve(artifact.at("/artifactLocation/uri").asText());
                    StringBuilder text = new StringBuilder(Files.readString(file, StandardCharsets.UTF_8));
                    List<JsonNode> replacements = new ArrayList<>();
                    artifact.path("replacements").forEach(replacements::add);
                    replacements.sort(Comparator.comparingInt((JsonNode r) -> r.at("/deletedRegion/charOffset").asInt()).reversed());
                    for (JsonNode replacement : replacements) {
                        int offset = replacement.at("/deletedRegion/charOffset").asInt();
                        text.replace(offset, offset + replacement.at("/deletedRegion/charLength").asInt(),
                                replacement.at("/insertedContent/text").asText());
                    }
                    assertThat(java8.parse(text.toString()).isSuccessful())
                            .as("Java 8 rejects %s after the fix:%n%s", file, text).isTrue();
                    fixes++;
                }
            }
        }
        assertThat(fixes).isGreaterThan(5);
    }
}
