package dev.numguard.analyzer.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.numguard.rules.Rule;
import dev.numguard.rules.RuleRegistry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The docs under {@code docs/rules} are generated from the registered rules; this test fails when
 * the committed files differ from what the rules generate. Run it with
 * {@code -Dnumguard.regenerateDocs=true} to rewrite them.
 */
class CommittedRuleDocsTest {
    private static final String HINT = "docs/rules is out of date with the rules' metadata; regenerate it with "
            + "mvn -pl rules,analyzer test -Dtest=CommittedRuleDocsTest -Dsurefire.failIfNoSpecifiedTests=false "
            + "-Dnumguard.regenerateDocs=true and commit the result";

    @Test
    void committedDocsAreTheGeneratedOnes() throws IOException {
        Path root = Path.of(System.getProperty("numguard.repositoryRoot", "..")).toAbsolutePath().normalize();
        Map<String, String> generated = RuleDocs.allFiles(RuleRegistry.all().stream().map(Rule::metadata).toList());
        Path folder = root.resolve(RuleDocs.FOLDER);

        if (Boolean.getBoolean("numguard.regenerateDocs")) {
            Files.createDirectories(folder);
            for (Path stale : markdownFiles(folder)) {
                if (!generated.containsKey(RuleDocs.FOLDER + "/" + stale.getFileName())) {
                    Files.delete(stale);
                }
            }
            for (Map.Entry<String, String> file : generated.entrySet()) {
                Files.writeString(root.resolve(file.getKey()), file.getValue(), StandardCharsets.UTF_8);
            }
        }

        for (Map.Entry<String, String> file : generated.entrySet()) {
            Path path = root.resolve(file.getKey());
            assertThat(path).as(HINT).exists();
            assertThat(Files.readString(path, StandardCharsets.UTF_8)).as(HINT + " (" + file.getKey() + ")")
                    .isEqualTo(file.getValue());
        }
        List<String> present = new ArrayList<>();
        for (Path path : markdownFiles(folder)) {
            present.add(RuleDocs.FOLDER + "/" + path.getFileName());
        }
        assertThat(present).as(HINT + " (a page without a rule)").containsExactlyInAnyOrderElementsOf(generated.keySet());
    }

    private static List<Path> markdownFiles(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(path -> path.getFileName().toString().endsWith(".md")).sorted().toList();
        }
    }
}
