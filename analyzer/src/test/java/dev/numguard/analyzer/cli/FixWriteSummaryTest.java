package dev.numguard.analyzer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.numguard.analyzer.report.ToolInfo;
import dev.numguard.analyzer.spoon.SpoonFrontEnd;
import dev.numguard.rules.RuleRegistry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The summary of {@code fix --write} counts what reached the disk, and each refusal says why. */
class FixWriteSummaryTest {
    @TempDir
    Path dir;

    @Test
    void countsOnlyWhatWasWritten() throws IOException {
        Path writable = Files.writeString(dir.resolve("A.java"),
                "class A {\n    double f(double x) { return Math.log(1 + x); }\n}\n", StandardCharsets.UTF_8);
        Path readOnly = Files.writeString(dir.resolve("B.java"),
                "class B {\n    double g(double x) { return Math.exp(x) - 1; }\n}\n", StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(readOnly, PosixFilePermissions.fromString("r--r--r--"));

        CliRun run = CliRun.of(new CliEnvironment(SpoonFrontEnd::new, RuleRegistry.all(), false, ToolInfo.numguard()),
                "fix", "--write", dir.toString());

        assertThat(run.exitCode()).isEqualTo(Main.ERROR);
        assertThat(run.out()).isEqualTo("fixed " + writable + " (1 fix)\n");
        assertThat(run.err()).contains(readOnly + ": error: the file is read-only; not written")
                .contains("applied 1 fix in 1 file in 1 round; 1 file not written (see the errors above)");
        assertThat(Files.readString(writable)).contains("Math.log1p(x)");
        assertThat(Files.readString(readOnly)).contains("Math.exp(x) - 1");
    }
}
