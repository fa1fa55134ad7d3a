package dev.numguard.errorprone;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.util.JavacTask;
import dev.numguard.rules.RuleRegistry;
import dev.numguard.rules.facts.ClassFacts;
import dev.numguard.rules.facts.MethodFacts;
import dev.numguard.rules.fixtures.RuleFixture;
import dev.numguard.rules.running.FileAnalysis;
import dev.numguard.rules.running.RuleRunner;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import javax.tools.JavaCompiler;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;

/** Under javac, the analysis of a unit is made by the first numguard checker and reused by the others. */
class LoweredUnitsTest {
    @Test
    void everyCheckerSeesTheSameModelAndFacts() throws IOException {
        RuleFixture fixture = RuleFixture.all("positive").stream()
                .filter(f -> f.ruleId().equals("NaiveSoftmax")).findFirst().orElseThrow();
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        try (StandardJavaFileManager files = compiler.getStandardFileManager(null, null, StandardCharsets.UTF_8)) {
            JavacTask task = (JavacTask) compiler.getTask(new StringWriter(), files, null,
                    List.of("-proc:none", "-classpath", System.getProperty("java.class.path")), null,
                    files.getJavaFileObjects(fixture.path()));
            CompilationUnitTree unit = task.parse().iterator().next();
            task.analyze();
            String text = fixture.text();

            FileAnalysis first = LoweredUnits.of(unit, text);
            ClassFacts clazz = first.classes().get(0);
            MethodFacts facts = clazz.methodsWithBodies().get(0);
            // one checker per rule, as Error Prone runs them
            for (var rule : RuleRegistry.all()) {
                RuleRunner.run(LoweredUnits.of(unit, text), List.of(rule));
            }

            FileAnalysis later = LoweredUnits.of(unit, text);
            assertThat(later).isSameAs(first);
            assertThat(later.classes().get(0).facts(facts.method())).isSameAs(facts);
            assertThat(facts.nodes()).isNotEmpty().isSameAs(later.classes().get(0).methodsWithBodies().get(0).nodes());
        }
    }
}
