package dev.numguard.analyzer.fix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.numguard.analyzer.engine.AnalysisRequest;
import dev.numguard.analyzer.engine.AnalysisRun;
import dev.numguard.analyzer.engine.Analyzer;
import dev.numguard.analyzer.engine.ProgressListener;
import dev.numguard.analyzer.testing.PatternFrontEnd;
import dev.numguard.analyzer.testing.TestRules;
import dev.numguard.guards.StableMath;
import java.io.IOException;
import java.io.StringWriter;
import java.lang.module.ModuleFinder;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A fix that makes a file of a modular project call runtime-guards also makes its module require
 * {@code dev.numguard.guards}; the result compiles as a module against the runtime-guards jar.
 */
class ModularProjectFixTest {
    private static final FileTime LONG_AGO = FileTime.fromMillis(1_000_000_000_000L);
    private static final String SOFTMAX_USER = "package demo.stats;\n\npublic class A {\n"
            + "    static double[] naiveSoftmax(double[] v) { return v; }\n\n"
            + "    public double[] p(double[] x) {\n        double[] p = naiveSoftmax(x);\n        return p;\n    }\n}\n";

    @TempDir
    Path project;

    private final Analyzer analyzer = new Analyzer(new PatternFrontEnd(), TestRules.all());
    private final Fixer fixer = new Fixer(true);

    private AnalysisRun analyse() {
        return analyzer.analyze(AnalysisRequest.of(List.of(project)), ProgressListener.NONE);
    }

    private Path write(String name, String text) throws IOException {
        Path file = project.resolve("src/main/java").resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
        Files.setLastModifiedTime(file, LONG_AGO);
        return file;
    }

    @Test
    void theModuleRequiresTheGuardsAndTheFixedProjectCompilesAsAModule() throws Exception {
        Path descriptor = write("module-info.java", "module demo {\n\trequires java.logging;\n\texports demo.stats;\n}\n");
        Path source = write("demo/stats/A.java", SOFTMAX_USER);

        List<FileFixOutcome> outcomes = fixer.apply(analyse(), true);

        assertThat(outcomes).extracting(FileFixOutcome::file).containsExactly(descriptor.toString(), source.toString());
        assertThat(outcomes).allSatisfy(outcome -> assertThat(outcome.written()).isTrue());
        assertThat(Files.readString(descriptor))
                .isEqualTo("module demo {\n\trequires java.logging;\n\trequires dev.numguard.guards;\n\texports demo.stats;\n}\n");
        assertThat(Files.readString(source)).contains("StableMath.softmax(x)");
        assertThat(compileAsModule(descriptor, source)).isEmpty();

        Files.setLastModifiedTime(descriptor, LONG_AGO);
        assertThat(fixer.apply(analyse(), true)).as("a second run").isEmpty();
        assertThat(Files.getLastModifiedTime(descriptor)).isEqualTo(LONG_AGO);
    }

    @Test
    void withoutTheRequiresTheFixedModuleWouldNotCompile() throws Exception {
        Path descriptor = write("module-info.java", "module demo {\n    exports demo.stats;\n}\n");
        Path source = write("demo/stats/A.java", SOFTMAX_USER);
        fixer.apply(analyse(), true);
        String required = Files.readString(descriptor);
        Files.writeString(descriptor, required.replace("    requires dev.numguard.guards;\n", ""));

        assertThat(required).contains("requires dev.numguard.guards;");
        assertThat(compileAsModule(descriptor, source)).contains("package dev.numguard.guards is not visible");
    }

    @Test
    void theDiffWithoutWriteShowsTheModuleDeclarationAndChangesNothing() throws IOException {
        Path descriptor = write("module-info.java", "module demo {\n}\n");
        write("demo/stats/A.java", SOFTMAX_USER);

        List<FileFixOutcome> outcomes = fixer.apply(analyse(), false);

        assertThat(outcomes.get(0).diff(project)).contains("+++ b/src/main/java/module-info.java")
                .contains("+    requires dev.numguard.guards;");
        assertThat(Files.readString(descriptor)).isEqualTo("module demo {\n}\n");
    }

    @Test
    void aModuleThatAlreadyRequiresTheGuardsOrAFixWithoutThemLeavesTheDeclarationAlone() throws IOException {
        Path descriptor = write("module-info.java", "module demo {\n    requires dev.numguard.guards;\n}\n");
        write("demo/stats/A.java", SOFTMAX_USER);
        Path other = project.resolve("other/src");
        Path plainDescriptor = other.resolve("module-info.java");
        Files.createDirectories(other.resolve("demo"));
        Files.writeString(plainDescriptor, "module other {\n}\n");
        Files.writeString(other.resolve("demo/B.java"), "package demo;\nclass B {\n    double q(double x) {\n"
                + "        double y = Math.log(1 + x);\n        return y;\n    }\n}\n");
        Files.setLastModifiedTime(plainDescriptor, LONG_AGO);

        List<FileFixOutcome> outcomes = fixer.apply(analyse(), true);

        assertThat(outcomes).extracting(FileFixOutcome::file).noneMatch(file -> file.endsWith("module-info.java"));
        assertThat(Files.getLastModifiedTime(descriptor)).isEqualTo(LONG_AGO);
        assertThat(Files.getLastModifiedTime(plainDescriptor)).isEqualTo(LONG_AGO);
    }

    @Test
    void aSourceWhoseModuleDeclarationCannotBeEditedIsNotWritten() throws IOException {
        Path descriptor = write("module-info.java", "module demo { exports demo.stats; }\n");
        Path source = write("demo/stats/A.java", SOFTMAX_USER);

        List<FileFixOutcome> outcomes = fixer.apply(analyse(), true);

        assertThat(outcomes).singleElement().satisfies(outcome -> {
            assertThat(outcome.file()).isEqualTo(source.toString());
            assertThat(outcome.written()).isFalse();
            assertThat(outcome.failed()).isTrue();
            assertThat(outcome.writeError()).hasValueSatisfying(why -> assertThat(why)
                    .contains(descriptor.toString()).contains("requires dev.numguard.guards;").contains("not written"));
        });
        assertThat(Files.readString(source)).isEqualTo(SOFTMAX_USER);
        assertThat(Files.getLastModifiedTime(descriptor)).isEqualTo(LONG_AGO);
    }

    /** javac's errors compiling the module from its declaration and source, runtime-guards on the module path. */
    private String compileAsModule(Path descriptor, Path source) throws IOException, URISyntaxException {
        Path guards = Path.of(StableMath.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        assumeThat(Files.isRegularFile(guards)).as("runtime-guards as its packaged jar (mvn verify), not " + guards).isTrue();
        assertThat(ModuleFinder.of(guards).findAll()).extracting(reference -> reference.descriptor().name())
                .containsExactly(RuntimeGuards.MODULE);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        StringWriter errors = new StringWriter();
        javac.getTask(errors, null, null, List.of("-d", project.resolve("out").toString(), "--module-path", guards.toString()),
                null, javac.getStandardFileManager(null, null, null).getJavaFileObjects(descriptor, source)).call();
        return errors.toString();
    }
}
