package dev.numguard.analyzer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.numguard.analyzer.report.ToolInfo;
import dev.numguard.analyzer.spoon.SpoonFrontEnd;
import dev.numguard.rules.RuleRegistry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --release N} sets the language level the sources are parsed at; {@code --file-timeout} the per-file budget. */
class ModelOptionsTest {
    @TempDir
    Path dir;

    private CliRun run(String... args) {
        return CliRun.of(new CliEnvironment(SpoonFrontEnd::new, RuleRegistry.all(), false, ToolInfo.numguard()), args);
    }

    @Test
    void theReleaseDecidesWhatIsValidJava() throws IOException {
        Path record = Files.writeString(dir.resolve("Point.java"),
                "record Point(double x) {\n    double f() { return Math.log(1 + x); }\n}\n", StandardCharsets.UTF_8);

        CliRun latest = run("check", record.toString());
        CliRun java11 = run("check", "--release", "11", record.toString());

        assertThat(latest.exitCode()).isEqualTo(Main.FINDINGS);
        assertThat(latest.out()).contains(record + ":2:25: warning: [Log1p]");
        assertThat(java11.exitCode()).isEqualTo(Main.ERROR);
        assertThat(java11.out()).contains(record + ":1").contains("error: syntax error:");
    }

    @Test
    void unsupportedValuesAreUsageErrors() {
        CliRun release = run("check", "--release", "7", dir.toString());
        CliRun timeout = run("check", "--file-timeout", "0", dir.toString());

        assertThat(release.exitCode()).isEqualTo(Main.ERROR);
        assertThat(release.err()).contains("unsupported Java release (--release) 7: numguard parses Java 8 to 25");
        assertThat(timeout.exitCode()).isEqualTo(Main.ERROR);
        assertThat(timeout.err()).contains("the per-file time budget (--file-timeout) must be positive, not 0 s");
    }
}
