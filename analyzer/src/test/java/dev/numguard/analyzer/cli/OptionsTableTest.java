package dev.numguard.analyzer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.numguard.analyzer.testing.PatternFrontEnd;
import dev.numguard.analyzer.testing.TestRules;
import dev.numguard.analyzer.report.ToolInfo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * docs/options.md is the one table of options: every CLI flag it names exists on the command that
 * takes it, and every option of check, fix and baseline is in the table (the Maven column is
 * checked against the plugin descriptor in the plugin's own test).
 */
class OptionsTableTest {
    private static final Pattern FLAG = Pattern.compile("`(--[a-z-]+)");

    static List<String[]> rows() throws IOException {
        Path root = Path.of(System.getProperty("numguard.repositoryRoot", ".."));
        List<String[]> rows = new ArrayList<>();
        for (String line : Files.readAllLines(root.resolve("docs/options.md"))) {
            if (line.startsWith("| ") && !line.startsWith("| What") && !line.startsWith("|---")) {
                String[] cells = line.substring(1, line.length() - 1).split(" \\| ", -1);
                rows.add(cells);
            }
        }
        return rows;
    }

    @Test
    void everyFlagInTheTableExistsAndEveryOptionIsInTheTable() throws IOException {
        Set<String> documented = new HashSet<>();
        for (String[] row : rows()) {
            Matcher flags = FLAG.matcher(row[1]);
            while (flags.find()) {
                documented.add(flags.group(1));
            }
        }
        CommandLine cli = new CommandLine(new Main(new CliEnvironment(PatternFrontEnd::new, TestRules.all(), false,
                ToolInfo.numguard())));
        Set<String> real = new HashSet<>();
        for (String command : List.of("check", "fix", "baseline")) {
            cli.getSubcommands().get(command).getCommandSpec().options().forEach(option -> real.addAll(List.of(option.names())));
        }
        real.removeAll(Set.of("--help", "-h", "--version", "-V", "-o", "-cp", "--timings", "--write"));

        assertThat(rows()).hasSizeGreaterThan(15);
        assertThat(real).as("options missing from docs/options.md").isSubsetOf(documented);
        documented.remove("--write");
        assertThat(documented).as("flags in docs/options.md that the CLI lacks").isSubsetOf(real);
    }
}
