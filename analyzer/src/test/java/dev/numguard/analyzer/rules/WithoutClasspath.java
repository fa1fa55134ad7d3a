package dev.numguard.analyzer.rules;

import dev.numguard.analyzer.spoon.SpoonFrontEnd;
import dev.numguard.rules.Finding;
import dev.numguard.rules.RuleRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * One rule run on one source file with no classpath, as a user without the file's dependencies
 * would run numguard: for the framework forms (DJL, ND4J, DL4J) that cannot be compiled fixtures.
 */
final class WithoutClasspath {
    private WithoutClasspath() {
    }

    static List<Finding> findings(Path dir, String ruleId, String fileName, String text) throws IOException {
        Path file = Files.writeString(dir.resolve(fileName), text);
        return new SpoonFrontEnd().analyze(List.of(file), List.of(),
                List.of(RuleRegistry.byId(ruleId).orElseThrow())).findings();
    }
}
