package dev.numguard.analyzer.spoon;

import static org.assertj.core.api.Assertions.assertThat;

import dev.numguard.analyzer.engine.AnalysisResult;
import dev.numguard.rules.Finding;
import dev.numguard.rules.Rule;
import dev.numguard.rules.RuleRegistry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpoonFrontEndTest {
    private static final String LOG1P = """
            package p;

            public class Good {
                static double f(double x) {
                    return Math.log(1 + x);
                }
            }
            """;

    @TempDir
    Path dir;

    private final SpoonFrontEnd frontEnd = new SpoonFrontEnd();

    private AnalysisResult analyse(List<Path> files) {
        return frontEnd.analyze(files, List.of(), RuleRegistry.all());
    }

    private Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
    }

    @Test
    void reportsABrokenFileAndAnalysesTheRest() throws IOException {
        Path good = write("Good.java", LOG1P);
        Path bad = write("Bad.java", "package p;\n\npublic class Bad {\n    void f( {\n}\n");
        AnalysisResult result = analyse(List.of(good, bad));
        assertThat(result.problems()).singleElement().satisfies(p -> {
            assertThat(p.file()).isEqualTo(bad.toString());
            assertThat(p.line()).isEqualTo(4);
            assertThat(p.message()).startsWith("syntax error");
        });
        assertThat(result.findings()).extracting(Finding::ruleId).containsExactly("Log1p");
        assertThat(result.filesAnalysed()).isEqualTo(1);
    }

    @Test
    void reportsAFileThatIsNotUtf8() throws IOException {
        Path latin1 = dir.resolve("Latin.java");
        Files.write(latin1, "class Latin { /* caf\u00e9 */ }".getBytes(StandardCharsets.ISO_8859_1));
        AnalysisResult result = analyse(List.of(latin1, write("Good.java", LOG1P)));
        assertThat(result.problems()).singleElement().satisfies(p -> assertThat(p.message()).contains("UTF-8"));
        assertThat(result.findings()).hasSize(1);
    }

    @Test
    void analysesAnEmptyFileWithoutFindings() throws IOException {
        AnalysisResult result = analyse(List.of(write("Empty.java", "")));
        assertThat(result.problems()).isEmpty();
        assertThat(result.findings()).isEmpty();
        assertThat(result.filesAnalysed()).isEqualTo(1);
    }

    @Test
    void spansAreExactWithLinesAndColumnsOfTheFileText() throws IOException {
        Path good = write("Good.java", LOG1P.replace("\n", "\r\n"));
        Finding finding = analyse(List.of(good)).findings().get(0);
        String text = Files.readString(good);
        assertThat(text.substring(finding.span().start(), finding.span().end())).isEqualTo("Math.log(1 + x)");
        assertThat(finding.span().line()).isEqualTo(5);
        assertThat(finding.span().column()).isEqualTo(16);
        assertThat(finding.span().endLine()).isEqualTo(5);
        assertThat(finding.span().endColumn()).isEqualTo(30);
        assertThat(finding.file()).isEqualTo(good.toString());
    }

    @Test
    void castsAndParenthesesKeepExactSpans() throws IOException {
        Path file = write("Casts.java", """
                class Casts {
                    static float f(float g) {
                        return ((float) Math.exp(g) - 1);
                    }
                }
                """);
        Finding finding = analyse(List.of(file)).findings().get(0);
        assertThat(finding.ruleId()).isEqualTo("Expm1");
        assertThat(Files.readString(file).substring(finding.span().start(), finding.span().end()))
                .isEqualTo("(float) Math.exp(g) - 1");
        assertThat(finding.fix().orElseThrow().edits().get(0).replacement()).isEqualTo("(float) Math.expm1(g)");
    }

    @Test
    void suppressionOnClassMethodAndLocalVariable() throws IOException {
        Path file = write("Suppressed.java", """
                @SuppressWarnings("Expm1")
                class Suppressed {
                    static double a(double x) {
                        @SuppressWarnings("Log1p") double y = Math.log(1 + x);
                        return y + Math.exp(x) - 1 + Math.log(x + 1);
                    }

                    @SuppressWarnings({"unchecked", "numguard"})
                    static double b(double x) {
                        return Math.log(1 + x);
                    }
                }
                """);
        List<Finding> findings = analyse(List.of(file)).findings();
        assertThat(findings).extracting(f -> f.ruleId() + "@" + f.span().line()).containsExactly("Log1p@5");
    }

    @Test
    void survivesDeeplyNestedExpressions() throws IOException {
        StringBuilder sum = new StringBuilder("x");
        for (int i = 0; i < 3000; i++) {
            sum.append(" + x");
        }
        Path deep = write("Deep.java", "class Deep { static double f(double x) { return Math.log(1 + (" + sum + ")); } }");
        AnalysisResult result = analyse(List.of(deep, write("Good.java", LOG1P)));
        assertThat(result.problems().size() + result.filesAnalysed()).isEqualTo(2);
        assertThat(result.findings()).anySatisfy(f -> assertThat(f.file()).endsWith("Good.java"));
    }

    @Test
    void staticImportsAndStrictMathResolveWithoutAClasspath() throws IOException {
        Path file = write("Imports.java", """
                import static java.lang.Math.log;
                import static java.lang.StrictMath.exp;

                class Imports {
                    static double f(double x) {
                        return log(1 + x) + exp(x) - 1;
                    }
                }
                """);
        List<Rule> rules = RuleRegistry.all();
        List<Finding> findings = frontEnd.analyze(List.of(file), List.of(dir.resolve("missing.jar")), rules).findings();
        assertThat(findings).extracting(Finding::ruleId).containsExactly("Log1p");
    }
}
