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
import java.nio.file.Path;
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

        JavaParser java8 = new JavaParser(new ParserConfiguration().setLanguageLevel(ParserConfiguration.LanguageLevel.JAVA_8));
        int fixes = 0;
        for (JsonNode text : sarif.at("/runs/0/results").findValues("insertedContent")) {
            String inserted = text.path("text").asText();
            // whole lines of a class body or an import: parse them where they stand, in a class
            String unit = inserted.trim().startsWith("import ") ? inserted : "class Probe { void probe() {\n" + inserted + "\n} }";
            boolean parses = java8.parse(unit).isSuccessful()
                    || java8.parse("class Probe {\n" + inserted + "\n}").isSuccessful();
            assertThat(parses).as("Java 8 rejects the fix text:%n%s", inserted).isTrue();
            fixes++;
        }
        assertThat(fixes).isGreaterThan(5);
    }
}
