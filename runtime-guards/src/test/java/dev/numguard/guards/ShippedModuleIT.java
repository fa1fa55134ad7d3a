package dev.numguard.guards;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringWriter;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs after packaging (failsafe, {@code mvn verify}): the built jar is the module
 * {@code dev.numguard.guards} that numguard's fixer makes modular projects require, and such a
 * project compiles against it on the module path.
 */
class ShippedModuleIT {
  private static final Path JAR = Path.of(System.getProperty("numguard.jar", "target/missing.jar"));

  @TempDir
  Path project;

  @Test
  void theJarIsAModuleNamedAfterItsPackage() {
    List<String> names = ModuleFinder.of(JAR).findAll().stream()
        .map(ModuleReference::descriptor).map(descriptor -> descriptor.name()).toList();

    assertThat(names).as("module names found in %s", JAR).containsExactly("dev.numguard.guards");
  }

  @Test
  void aModularProjectThatRequiresItCompiles() throws IOException {
    Path descriptor = write("module-info.java", "module demo.app {\n    requires dev.numguard.guards;\n}\n");
    Path source = write("demo/Mean.java", "package demo;\n\nimport dev.numguard.guards.StableMath;\n\n"
        + "public class Mean {\n    public static double[] p(double[] v) { return StableMath.softmax(v); }\n}\n");
    StringWriter errors = new StringWriter();

    boolean compiled = ToolProvider.getSystemJavaCompiler().getTask(errors, null, null,
        List.of("-d", project.resolve("out").toString(), "--module-path", JAR.toString()), null,
        ToolProvider.getSystemJavaCompiler().getStandardFileManager(null, null, null)
            .getJavaFileObjects(descriptor, source)).call();

    assertThat(compiled).as(errors.toString()).isTrue();
  }

  private Path write(String name, String text) throws IOException {
    Path file = project.resolve("src").resolve(name);
    Files.createDirectories(file.getParent());
    return Files.writeString(file, text);
  }
}
