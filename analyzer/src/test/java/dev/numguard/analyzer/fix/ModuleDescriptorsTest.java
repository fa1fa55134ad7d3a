package dev.numguard.analyzer.fix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModuleDescriptorsTest {
    private static final String GUARDS = RuntimeGuards.MODULE;

    @TempDir
    Path dir;

    @Test
    void addsTheDirectiveAfterTheLastRequiresWithItsIndentation() throws Exception {
        String descriptor = "module ij {\n\trequires java.desktop;\n\trequires java.rmi;\n\texports ij;\n}";

        assertThat(ModuleDescriptors.withRequires(descriptor, GUARDS))
                .isEqualTo("module ij {\n\trequires java.desktop;\n\trequires java.rmi;\n\trequires dev.numguard.guards;\n"
                        + "\texports ij;\n}");
    }

    @Test
    void withoutRequiresItGoesBeforeTheFirstDirectiveKeepingCrlfAndTheJavadoc() throws Exception {
        String descriptor = "/**\r\n * The app.\r\n */\r\nmodule demo.app {\r\n  exports demo;\r\n}\r\n";

        assertThat(ModuleDescriptors.withRequires(descriptor, GUARDS)).isEqualTo(
                "/**\r\n * The app.\r\n */\r\nmodule demo.app {\r\n  requires dev.numguard.guards;\r\n  exports demo;\r\n}\r\n");
    }

    @Test
    void anEmptyModuleBodyGetsTheDirectiveOnItsOwnLine() throws Exception {
        assertThat(ModuleDescriptors.withRequires("module m {\n}\n", GUARDS))
                .isEqualTo("module m {\n    requires dev.numguard.guards;\n}\n");
    }

    @Test
    void aModuleThatAlreadyRequiresItIsReturnedUnchanged() throws Exception {
        String descriptor = "open module m {\n    requires transitive dev.numguard.guards;\n}\n";

        assertThat(ModuleDescriptors.withRequires(descriptor, GUARDS)).isSameAs(descriptor);
    }

    @Test
    void refusesWhatItCannotEditSafely() {
        assertThatThrownBy(() -> ModuleDescriptors.withRequires("module m { }", GUARDS))
                .isInstanceOf(ModuleDescriptors.NotEditable.class).hasMessageContaining("no line of its own");
        assertThatThrownBy(() -> ModuleDescriptors.withRequires("module m { requires java.sql; }", GUARDS))
                .isInstanceOf(ModuleDescriptors.NotEditable.class).hasMessageContaining("would not land inside");
        assertThatThrownBy(() -> ModuleDescriptors.withRequires("module m {\n    requires\n", GUARDS))
                .isInstanceOf(ModuleDescriptors.NotEditable.class).hasMessageContaining("does not parse");
        assertThatThrownBy(() -> ModuleDescriptors.withRequires("class NotAModule {}\n", GUARDS))
                .isInstanceOf(ModuleDescriptors.NotEditable.class).hasMessageContaining("no module declaration");
    }

    @Test
    void findsTheDescriptorInTheFilesSourceRoot() throws IOException {
        Path root = dir.resolve("src/main/java");
        Path file = root.resolve("org/demo/stats/A.java");
        Files.createDirectories(file.getParent());
        Files.writeString(root.resolve("module-info.java"), "module org.demo {\n}\n");
        String source = "/* package org.other; */\npackage org.demo.stats;\n\nclass A { }\n";

        assertThat(ModuleDescriptors.of(file, source)).contains(root.resolve("module-info.java"));
        assertThat(ModuleDescriptors.of(file, "\uFEFF" + source)).contains(root.resolve("module-info.java"));
        assertThat(ModuleDescriptors.of(root.resolve("org/demo/A.java"), source))
                .as("a file outside the folder its package names has no known root").isEmpty();
        assertThat(ModuleDescriptors.of(dir.resolve("B.java"), "class B { }\n")).as("no module-info beside it").isEmpty();
        Path workingFolder = Path.of("").toAbsolutePath();
        assertThat(ModuleDescriptors.of(workingFolder.relativize(file), source)).as("named relative, as the file")
                .contains(workingFolder.relativize(root.resolve("module-info.java")));
    }
}
