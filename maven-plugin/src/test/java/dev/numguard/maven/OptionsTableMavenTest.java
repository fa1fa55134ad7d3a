package dev.numguard.maven;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The Maven columns of docs/options.md against the generated plugin descriptor: every parameter
 * and property the table names exists, and every user-settable property of the plugin is in the
 * table.
 */
class OptionsTableMavenTest {
    private static final Pattern CODE = Pattern.compile("`([A-Za-z.]+)`");

    @Test
    void everyParameterAndPropertyInTheTableExistsAndEveryPropertyIsInTheTable() throws IOException {
        String descriptor = Files.readString(Path.of("target/classes/META-INF/maven/plugin.xml"));
        Set<String> parameters = new HashSet<>();
        Matcher names = Pattern.compile("<name>([A-Za-z]+)</name>\\s*<type>").matcher(descriptor);
        while (names.find()) {
            parameters.add(names.group(1));
        }
        Set<String> properties = new HashSet<>();
        Matcher expressions = Pattern.compile("\\$\\{(numguard\\.[A-Za-z]+)\\}").matcher(descriptor);
        while (expressions.find()) {
            properties.add(expressions.group(1));
        }

        Set<String> documentedParameters = new HashSet<>();
        Set<String> documentedProperties = new HashSet<>();
        int rows = 0;
        for (String line : Files.readAllLines(Path.of("../docs/options.md"))) {
            if (!line.startsWith("| ") || line.startsWith("| What") || line.startsWith("|---")) {
                continue;
            }
            rows++;
            String[] cells = line.substring(1, line.length() - 1).split(" \\| ", -1);
            Matcher parameter = CODE.matcher(cells[2]);
            if (parameter.find() && !cells[2].startsWith("goal")) {
                documentedParameters.add(parameter.group(1));
            }
            Matcher property = CODE.matcher(cells[3]);
            if (property.find()) {
                documentedProperties.add(property.group(1));
            }
        }

        assertThat(rows).isGreaterThan(15);
        assertThat(parameters).as("plugin parameters").containsAll(documentedParameters);
        assertThat(properties).as("plugin properties").containsAll(documentedProperties);
        assertThat(documentedProperties).as("properties missing from docs/options.md").containsAll(properties);
    }
}
