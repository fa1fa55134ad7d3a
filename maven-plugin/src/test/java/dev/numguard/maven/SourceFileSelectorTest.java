package dev.numguard.maven;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SourceFileSelectorTest {
    @TempDir
    Path root;

    @Test
    void defaultIncludesTakeEveryJavaFileIncludingThoseDirectlyInTheRoot() throws IOException {
        Path top = touch("Top.java");
        Path deep = touch("a/b/Deep.java");
        touch("a/notes.txt");

        assertThat(new SourceFileSelector(null, null).select(List.of(root))).containsExactly(top, deep);
    }

    @Test
    void excludesWinOverIncludesAndAFolderPatternMeansEverythingUnderIt() throws IOException {
        Path kept = touch("com/acme/Model.java");
        touch("com/acme/legacy/Old.java");
        touch("com/acme/generated/Gen.java");

        List<Path> selected = new SourceFileSelector(List.of("com/**"), List.of("**/legacy/**", "com/acme/generated/"))
                .select(List.of(root));

        assertThat(selected).containsExactly(kept);
    }

    @Test
    void fileNamePatternsMatchAtAnyDepth() throws IOException {
        touch("GeneratedTop.java");
        touch("x/GeneratedDeep.java");
        Path kept = touch("x/Hand.java");

        assertThat(new SourceFileSelector(List.of(), List.of("**/Generated*.java")).select(List.of(root)))
                .containsExactly(kept);
    }

    @Test
    void missingRootsAreIgnoredAndDuplicatesCollapse() throws IOException {
        Path file = touch("A.java");

        List<Path> selected = new SourceFileSelector(null, List.of(" ", ""))
                .select(List.of(root, root, root.resolve("no-such-folder")));

        assertThat(selected).containsExactly(file);
    }

    @Test
    void onlyJavaFilesAreSelectedWhateverTheIncludes() throws IOException {
        touch("README.md");
        Path file = touch("A.java");

        assertThat(new SourceFileSelector(List.of("**/*"), null).select(List.of(root))).containsExactly(file);
    }

    private Path touch(String relative) throws IOException {
        Path file = root.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, "class X {}");
        return file;
    }
}
