package dev.numguard.errorprone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.util.JavacTask;
import dev.numguard.analyzer.engine.AnalysisResult;
import dev.numguard.analyzer.fix.FixPlanner;
import dev.numguard.analyzer.spoon.SpoonFrontEnd;
import dev.numguard.rules.Finding;
import dev.numguard.rules.RuleRegistry;
import dev.numguard.rules.fixtures.RuleFixture;
import dev.numguard.rules.running.RuleRunner;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Both front ends on every rule fixture, with every rule enabled: the Spoon front end of the
 * analyzer and the javac front end of these checkers must report the same (rule id, line) pairs
 * and their fixes must produce the same text. A difference is a bug in one of the lowerings.
 */
class FrontEndAgreementTest {
    private final SpoonFrontEnd spoon = new SpoonFrontEnd();

    @TestFactory
    Stream<DynamicTest> bothFrontEndsAgreeOnEveryFixture() {
        return Stream.of("positive", "negative", "fixed").flatMap(kind -> RuleFixture.all(kind).stream())
                .map(fixture -> dynamicTest(fixture.toString(), () -> {
                    List<Finding> viaSpoon = viaSpoon(fixture);
                    List<Finding> viaJavac = viaJavac(fixture);
                    assertThat(ruleLines(viaJavac)).as("javac vs Spoon findings").isEqualTo(ruleLines(viaSpoon));
                    FixPlanner planner = new FixPlanner();
                    assertThat(planner.plan(fixture.text(), viaJavac).fixed()).as("fixed text")
                            .isEqualTo(planner.plan(fixture.text(), viaSpoon).fixed());
                }));
    }

    private List<Finding> viaSpoon(RuleFixture fixture) {
        AnalysisResult result = spoon.analyze(List.of(fixture.path()), List.of(), RuleRegistry.all());
        assertThat(result.problems()).isEmpty();
        return result.findings();
    }

    /** Compiles the fixture with javac (attributed, as Error Prone sees it) and lowers it. */
    private static List<Finding> viaJavac(RuleFixture fixture) throws IOException {
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        try (StandardJavaFileManager files = compiler.getStandardFileManager(diagnostics, null,
                StandardCharsets.UTF_8)) {
            JavacTask task = (JavacTask) compiler.getTask(new StringWriter(), files, diagnostics,
                    List.of("-proc:none", "-classpath", System.getProperty("java.class.path")), null,
                    files.getJavaFileObjects(fixture.path()));
            Iterable<? extends CompilationUnitTree> units = task.parse();
            task.analyze();
            assertThat(diagnostics.getDiagnostics().stream()
                    .filter(d -> d.getKind() == javax.tools.Diagnostic.Kind.ERROR).toList()).isEmpty();
            List<Finding> findings = new java.util.ArrayList<>();
            for (CompilationUnitTree unit : units) {
                String text = unit.getSourceFile().getCharContent(true).toString();
                findings.addAll(RuleRunner.run(LoweredUnits.of(unit, text), RuleRegistry.all()));
            }
            return findings;
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private static Set<String> ruleLines(List<Finding> findings) {
        return findings.stream().map(f -> f.ruleId() + "@" + f.span().line())
                .collect(Collectors.toCollection(TreeSet::new));
    }
}
