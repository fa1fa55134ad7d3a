package dev.numguard.errorprone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.util.JavacTask;
import com.sun.tools.javac.tree.JCTree.JCCompilationUnit;
import dev.numguard.analyzer.engine.ModelSettings;
import dev.numguard.analyzer.spoon.SpoonFrontEnd;
import dev.numguard.rules.facts.Nodes;
import dev.numguard.rules.fixtures.RuleFixture;
import dev.numguard.rules.model.ClassModel;
import dev.numguard.rules.model.Expr;
import dev.numguard.rules.model.MethodModel;
import dev.numguard.rules.model.Parameter;
import dev.numguard.rules.model.SourceFileModel;
import dev.numguard.rules.model.Stmt;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Both front ends resolve every variable to the same {@code VarId} on every rule fixture: for each
 * read, local declaration and parameter, its position and identity must be equal, and every local
 * and parameter must be resolved (no name-only identity) so facts never fall back to names.
 */
class VarIdAgreementTest {
    @TestFactory
    Stream<DynamicTest> bothFrontEndsGiveEveryVariableTheSameIdentity() {
        return Stream.of("positive", "negative", "fixed").flatMap(kind -> RuleFixture.all(kind).stream())
                .map(fixture -> dynamicTest(fixture.toString(), () -> {
                    List<SourceFileModel> spoon = new SpoonFrontEnd().lower(List.of(fixture.path()), List.of(),
                            ModelSettings.defaults());
                    assertThat(spoon).hasSize(1);
                    Set<String> viaSpoon = identities(spoon.get(0));
                    Set<String> viaJavac = identities(viaJavac(fixture));
                    Set<String> onlyJavac = new TreeSet<>(viaJavac);
                    onlyJavac.removeAll(viaSpoon);
                    Set<String> onlySpoon = new TreeSet<>(viaSpoon);
                    onlySpoon.removeAll(viaJavac);
                    assertThat(onlyJavac).as("javac only; Spoon only: " + onlySpoon).isEmpty();
                    assertThat(onlySpoon).as("Spoon only").isEmpty();
                    assertThat(viaSpoon).noneMatch(id -> id.endsWith("@-1"));
                }));
    }

    /** Every variable occurrence as "offset kind name@declaredAt" (fields as "offset owner.name"). */
    private static Set<String> identities(SourceFileModel file) {
        Set<String> out = new TreeSet<>();
        for (ClassModel clazz : file.classes()) {
            for (MethodModel method : clazz.methods()) {
                for (Parameter p : method.parameters()) {
                    out.add("parameter " + p.id());
                }
                if (method.body() == null) {
                    continue;
                }
                Nodes.visit(method.body(), s -> {
                    if (s instanceof Stmt.LocalDecl d) {
                        out.add("local " + d.id());
                    }
                    if (s instanceof Stmt.Loop l && l.element() != null) {
                        out.add("local " + l.element().id());
                    }
                }, e -> {
                    if (e instanceof Expr.VarRead v) {
                        out.add(v.span().start() + " " + v.kind() + " " + v.id());
                    }
                });
            }
        }
        return out;
    }

    private static SourceFileModel viaJavac(RuleFixture fixture) throws IOException {
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        try (StandardJavaFileManager files = compiler.getStandardFileManager(diagnostics, null, StandardCharsets.UTF_8)) {
            JavacTask task = (JavacTask) compiler.getTask(new StringWriter(), files, diagnostics,
                    List.of("-proc:none", "-classpath", System.getProperty("java.class.path")), null,
                    files.getJavaFileObjects(fixture.path()));
            List<CompilationUnitTree> units = new ArrayList<>();
            task.parse().forEach(units::add);
            task.analyze();
            CompilationUnitTree unit = units.get(0);
            String text = unit.getSourceFile().getCharContent(true).toString();
            return new JavacLowering((JCCompilationUnit) unit, text).lower(fixture.path().toString());
        }
    }
}
