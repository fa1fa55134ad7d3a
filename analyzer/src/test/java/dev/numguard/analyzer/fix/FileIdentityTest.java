package dev.numguard.analyzer.fix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.numguard.analyzer.engine.AnalysisRequest;
import dev.numguard.analyzer.engine.AnalysisRun;
import dev.numguard.analyzer.engine.Analyzer;
import dev.numguard.analyzer.engine.FileErrors;
import dev.numguard.analyzer.engine.ProgressListener;
import dev.numguard.analyzer.testing.PatternFrontEnd;
import dev.numguard.analyzer.testing.TestRules;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code fix --write} changes a file's text and nothing else about it. */
class FileIdentityTest {
    private static final String UNSTABLE = "class A {\n    double q(double v) { return Math.log(1 + v); }\n}\n";

    @TempDir
    Path dir;

    private final Fixer fixer = new Fixer(true);

    private AnalysisRun analyse(Path path) {
        return new Analyzer(new PatternFrontEnd(), TestRules.all()).analyze(AnalysisRequest.of(List.of(path)),
                ProgressListener.NONE);
    }

    private Path write(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        return Files.writeString(file, text, StandardCharsets.UTF_8);
    }

    @Test
    void writesThroughASymbolicLinkToItsTarget() throws IOException {
        Path target = write("real/A.java", UNSTABLE);
        Path link = Files.createSymbolicLink(Files.createDirectories(dir.resolve("src")).resolve("A.java"), target);

        List<FileFixOutcome> outcomes = fixer.apply(analyse(link), true);

        assertThat(outcomes).singleElement().satisfies(outcome -> assertThat(outcome.written()).isTrue());
        assertThat(Files.isSymbolicLink(link)).isTrue();
        assertThat(Files.readSymbolicLink(link)).isEqualTo(target);
        assertThat(Files.readString(target)).contains("Math.log1p(v)");
    }

    @Test
    void keepsHardLinksTogether() throws IOException {
        Path file = write("A.java", UNSTABLE);
        Path twin = Files.createLink(dir.resolve("Twin.java.txt"), file);
        Object identity = Files.readAttributes(file, "unix:ino").get("ino");

        fixer.apply(analyse(file), true);

        assertThat(Files.readString(twin)).contains("Math.log1p(v)");
        assertThat(Files.getAttribute(file, "unix:ino")).isEqualTo(identity);
        assertThat(Files.getAttribute(file, "unix:nlink")).isEqualTo(2);
        try (var siblings = Files.list(dir)) {
            assertThat(siblings).containsExactlyInAnyOrder(file, twin);
        }
    }

    @Test
    void keepsTheOwnerAndGroup() throws IOException {
        assumeTrue(Integer.valueOf(0).equals(Files.getAttribute(dir, "unix:uid")), "only root may give files away");
        Path file = write("A.java", UNSTABLE);
        Files.setAttribute(file, "unix:uid", 4321);
        Files.setAttribute(file, "unix:gid", 8765);

        fixer.apply(analyse(file), true);

        assertThat(Files.readString(file)).contains("Math.log1p(v)");
        assertThat(Files.getAttribute(file, "unix:uid", LinkOption.NOFOLLOW_LINKS)).isEqualTo(4321);
        assertThat(Files.getAttribute(file, "unix:gid", LinkOption.NOFOLLOW_LINKS)).isEqualTo(8765);
    }

    @Test
    void cleansUpAfterAnInterruptedRun() throws IOException {
        Path file = write("A.java", UNSTABLE);
        Path torn = write("B.java", "class B {\n    double q(double v) { return Ma");
        Path strayTemporary = write(".A.java.8811.numguard-tmp", "");
        Path backup = write(".B.java.2231.numguard-backup", "class B {\n    double q(double v) { return v; }\n}\n");

        List<String> messages = fixer.recoverInterruptedWrites(analyse(dir));

        assertThat(messages).containsExactly(torn.toRealPath() + ": restored from the backup an interrupted numguard run left; run fix again");
        assertThat(strayTemporary).doesNotExist();
        assertThat(backup).doesNotExist();
        assertThat(Files.readString(torn)).isEqualTo("class B {\n    double q(double v) { return v; }\n}\n");
        assertThat(Files.readString(file)).isEqualTo(UNSTABLE);
    }

    @Test
    void aFailedWriteNamesThePathAndTheReason() throws IOException {
        Path file = write("A.java", UNSTABLE);
        AnalysisRun run = analyse(file);
        Files.delete(file);

        List<FileFixOutcome> outcomes = fixer.apply(run, true);

        assertThat(outcomes).singleElement().satisfies(outcome -> {
            assertThat(outcome.written()).isFalse();
            assertThat(outcome.writeError()).hasValue("not written: no such file or folder (" + file + ")");
        });
        assertThat(FileErrors.inWords(new AccessDeniedException("/src/.A.java.1.numguard-tmp")))
                .isEqualTo("permission denied (/src/.A.java.1.numguard-tmp)");
    }
}
