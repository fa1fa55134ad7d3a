package dev.numguard.analyzer.spoon;

import static org.assertj.core.api.Assertions.assertThat;

import dev.numguard.analyzer.engine.AnalysisProblem;
import dev.numguard.analyzer.engine.AnalysisResult;
import dev.numguard.analyzer.engine.ModelSettings;
import dev.numguard.rules.Finding;
import dev.numguard.rules.RuleRegistry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The parser's verdict is javac's: files that javac compiles are analysed (each once made the old
 * pre-check fail), files it rejects are problems with a line, a column and a reason, and the
 * language level decides which modern syntax is valid.
 */
class ParserVerdictTest {
    @TempDir
    Path dir;

    private AnalysisResult analyse(ModelSettings settings, Path... files) {
        return new SpoonFrontEnd().analyze(List.of(files), java.nio.charset.StandardCharsets.UTF_8, List.of(), RuleRegistry.all(),
                settings, dev.numguard.analyzer.engine.ProgressListener.NONE);
    }

    private Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
    }

    /** Each compiles with javac 17 and holds one unstable expression. */
    static Stream<Arguments> validJavaTheOldPreCheckRejected() {
        String escapedMethod = "double g(double x) { return Math.exp(x) - 1; }".chars()
                .mapToObj(c -> String.format("\\u%04x", c)).reduce("", String::concat);
        return Stream.of(
                Arguments.of("VarLambda", "import java.util.function.DoubleBinaryOperator;\nclass VarLambda {\n"
                        + "    double f(double x) {\n        DoubleBinaryOperator add = (var a, var b) -> a + b;\n"
                        + "        return Math.log(add.applyAsDouble(1, x));\n    }\n"
                        + "    double g(double x) { return Math.log(1 + x); }\n}\n", "Log1p"),
                Arguments.of("ManyUs", "class ManyUs {\n    double f(double x) { return Math.log(1 \\uuuu002b x); }\n}\n", "Log1p"),
                Arguments.of("EscapedQuote", "class EscapedQuote {\n    String s = \\u0022hi\\u0022;\n"
                        + "    double f(double x) { return Math.exp(x) - 1; }\n}\n", "Expm1"),
                Arguments.of("AllEscaped", "class AllEscaped {\n    " + escapedMethod + "\n}\n", "Expm1"),
                Arguments.of("Supplementary", "class Supplementary {\n    double f(double \uD835\uDC65) {"
                        + " return Math.exp(\uD835\uDC65) - 1; }\n}\n", "Expm1"),
                Arguments.of("IgnorableInWord", "class Ignorable\u0001InWord {\n    double f(double x\u0002y) {"
                        + " return Math.exp(xy) - 1; }\n}\n", "Expm1"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("validJavaTheOldPreCheckRejected")
    void analysesWhatJavacCompiles(String name, String text, String rule) throws IOException {
        Path file = write(name + ".java", text);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        assertThat(javac.run(null, null, null, "--release", "17", "-d", dir.resolve("classes").toString(),
                file.toString())).as("javac 17 compiles it").isZero();

        AnalysisResult result = analyse(ModelSettings.defaults(), file);

        assertThat(result.problems()).isEmpty();
        assertThat(result.filesAnalysed()).isEqualTo(1);
        assertThat(result.findings()).extracting(Finding::ruleId).containsExactly(rule);
    }

    @Test
    void identifierIgnorableCharactersInsideWordsKeepTheFindingsSpanInTheFile() throws IOException {
        String text = "class Weights {\n    double f(double lo\u0000git, double b\u0007\u0008ias) {\n"
                + "        return Math.log(1 + lo\u0000git * b\u0007\u0008ias) + 'x' + '\u0001';\n    }\n}\n";
        Path file = write("Weights.java", text);

        AnalysisResult result = analyse(ModelSettings.defaults(), file);

        assertThat(result.problems()).isEmpty();
        assertThat(result.findings()).singleElement().satisfies(f -> {
            assertThat(f.ruleId()).isEqualTo("Log1p");
            assertThat(f.span().line()).isEqualTo(3);
            assertThat(f.span().column()).isEqualTo(16);
            assertThat(text.substring(f.span().start(), f.span().end()))
                    .isEqualTo("Math.log(1 + lo\u0000git * b\u0007\u0008ias)");
        });
    }

    @Test
    void everyProblemHasALineAColumnAndAReason() throws IOException {
        Path lexical = write("Lexical.java", "class Lexical {\n    String s = \"never closed;\n}\n");
        Path packageLine = write("PackageLine.java", "package a.b\nclass PackageLine {}\n");

        AnalysisResult result = analyse(ModelSettings.defaults(), lexical, packageLine);

        assertThat(result.problems()).extracting(AnalysisProblem::file, AnalysisProblem::line, AnalysisProblem::column)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple(lexical.toString(), 2, 16),
                        org.assertj.core.groups.Tuple.tuple(packageLine.toString(), 1, 11));
        assertThat(result.problems()).allSatisfy(p -> assertThat(p.message()).startsWith("syntax error: ")
                .hasSizeGreaterThan(20));
    }

    @Test
    void aSnippetOfBareStatementsIsAnalysedAsTheBodyOfAMethodWithSpansOfTheFile() throws IOException {
        String text = "double x = 1e-9;\nSystem.out.println(Math.log(1 + x));\n";
        Path statements = write("Statements.java", text);
        Path twin = write("Statements2.java", "double y = 1e-9;\nSystem.out.println(Math.exp(y) - 1);\n");

        AnalysisResult result = analyse(ModelSettings.defaults(), statements, twin);

        assertThat(result.problems()).isEmpty();
        assertThat(result.filesAnalysed()).isEqualTo(2);
        assertThat(result.findings()).extracting(Finding::file, f -> f.span().line(), f -> f.span().column(),
                Finding::ruleId).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple(statements.toString(), 2, 20, "Log1p"),
                org.assertj.core.groups.Tuple.tuple(twin.toString(), 2, 20, "Expm1"));
        Finding log = result.findings().stream().filter(f -> f.ruleId().equals("Log1p")).findFirst().orElseThrow();
        assertThat(text.substring(log.span().start(), log.span().end())).isEqualTo("Math.log(1 + x)");
    }

    private static final String MODERN = """
            import java.util.List;
            sealed interface Shape permits Circle, Square {}
            record Circle(double r) implements Shape {
                double grow(double x) { return Math.log(1 + x); }
            }
            record Square(double s) implements Shape {}
            class Modern {
                final double scale;
                Modern(double s) { if (s < 0) throw new IllegalArgumentException(); this.scale = s; }
                static double area(Shape s) {
                    return switch (s) {
                        case Circle(var r) -> r * r;
                        case Square(double side) when side > 0 -> side;
                        case Square _ -> 0;
                    };
                }
                String text = \"""
                    hello\""";
                static int count(List<Object> xs) { int n = 0; for (Object _ : xs) n++; return n; }
            }
            class Flexible extends Modern {
                Flexible(double v) { double w = Math.abs(v); super(w); }
                double f(double x) { return Math.exp(x) - 1; }
            }
            """;

    @Test
    void theDefaultLevelReadsJava25AndALowerReleaseRejectsWhatItLacks() throws IOException {
        Path modern = write("Modern.java", MODERN);

        AnalysisResult latest = analyse(ModelSettings.defaults(), modern);
        assertThat(latest.problems()).isEmpty();
        assertThat(latest.findings()).extracting(Finding::ruleId).containsExactly("Log1p", "Expm1");

        AnalysisResult java17 = analyse(new ModelSettings(17, ModelSettings.DEFAULT_FILE_BUDGET), modern);
        assertThat(java17.findings()).isEmpty();
        assertThat(java17.problems()).singleElement().satisfies(p -> {
            assertThat(p.line()).isGreaterThan(1);
            assertThat(p.column()).isPositive();
            assertThat(p.message()).startsWith("syntax error");
        });
    }

    @Test
    void aCompactSourceFileIsAnalysedAtJava25AndASyntaxProblemBefore() throws IOException {
        Path compact = write("Script.java", "void main() {\n    double x = 1e-9;\n    System.out.println(Math.exp(x) - 1);\n}\n");
        Path bareMethod = write("Snippet.java", "double f(double x) {\n    return Math.log(1 + x);\n}\n");

        AnalysisResult latest = analyse(ModelSettings.defaults(), compact, bareMethod);
        assertThat(latest.problems()).isEmpty();
        assertThat(latest.findings()).extracting(Finding::file, f -> f.span().line(), Finding::ruleId).containsExactly(
                org.assertj.core.groups.Tuple.tuple(compact.toString(), 3, "Expm1"),
                org.assertj.core.groups.Tuple.tuple(bareMethod.toString(), 2, "Log1p"));

        AnalysisResult java21 = analyse(new ModelSettings(21, ModelSettings.DEFAULT_FILE_BUDGET), compact);
        assertThat(java21.problems()).singleElement().satisfies(p -> assertThat(p.message()).contains("source level 25"));
    }

    @Test
    void twoFilesDeclaringTheSameTypeAreEachAnalysed() throws IOException {
        Files.createDirectories(dir.resolve("one"));
        Files.createDirectories(dir.resolve("two"));
        Path first = write("one/A.java", "package p;\nclass A {\n    double f(double x) { return Math.log(1 + x); }\n}\n");
        Path second = write("two/A.java", "package p;\nclass A {\n    double g(double y) { return Math.exp(y) - 1; }\n}\n");
        Path compactTwin = write("one/Script.java", "void main(String[] args) { double x = 1.0 / args.length; System.out.println(Math.log(1 + x)); }\n");
        Path compactTwin2 = write("two/Script.java", "void main(String[] args) { double y = args.length; System.out.println(Math.exp(y) - 1); }\n");

        AnalysisResult result = analyse(ModelSettings.defaults(), first, second, compactTwin, compactTwin2);

        assertThat(result.problems()).isEmpty();
        assertThat(result.filesAnalysed()).isEqualTo(4);
        assertThat(result.findings()).extracting(Finding::file, Finding::ruleId).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple(first.toString(), "Log1p"),
                org.assertj.core.groups.Tuple.tuple(second.toString(), "Expm1"),
                org.assertj.core.groups.Tuple.tuple(compactTwin.toString(), "Log1p"),
                org.assertj.core.groups.Tuple.tuple(compactTwin2.toString(), "Expm1"));
    }

    @Test
    void aFileWithMoreTypesThanOneModelHoldsIsAnalysedInParts() throws IOException {
        StringBuilder text = new StringBuilder("package many;\n");
        for (int i = 0; i < 1_201; i++) {
            String body = i % 600 == 0 ? "double f(double x) { return Math.log(1 + x); }" : "int g() { return 0; }";
            text.append("class C").append(i).append(" { ").append(body).append(" }\n");
        }
        Path many = write("Many.java", text.toString());

        AnalysisResult result = analyse(ModelSettings.defaults(), many);

        assertThat(result.problems()).isEmpty();
        assertThat(result.filesAnalysed()).isEqualTo(1);
        assertThat(result.findings()).extracting(f -> f.span().line(), f -> f.span().column()).containsExactly(
                org.assertj.core.groups.Tuple.tuple(2, 40),
                org.assertj.core.groups.Tuple.tuple(602, 42),
                org.assertj.core.groups.Tuple.tuple(1202, 43));
    }

    @Test
    void aFileOverTheBudgetIsReportedAndTheRestAnalysed() throws IOException {
        // Spoon clones type references once per nesting level: 400 levels take tens of seconds
        String type = "Double";
        for (int i = 0; i < 400; i++) {
            type = "java.util.List<" + type + ">";
        }
        Path deep = write("Deep.java", "class Deep {\n    " + type + " field;\n}\n");
        Path good = write("Good.java", "class Good {\n    double f(double x) { return Math.log(1 + x); }\n}\n");

        AnalysisResult result = analyse(new ModelSettings(25, Duration.ofSeconds(1)), deep, good);

        assertThat(result.problems()).singleElement().satisfies(p -> {
            assertThat(p.file()).isEqualTo(deep.toString());
            assertThat(p.line()).isEqualTo(1);
            assertThat(p.message()).startsWith("not analysed: took longer than 1 s");
        });
        assertThat(result.findings()).extracting(Finding::file).containsExactly(good.toString());
        assertThat(result.filesAnalysed()).isEqualTo(1);
    }
}
