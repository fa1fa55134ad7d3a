package dev.numguard.analyzer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run that runs out of memory still ends like any other: exit 2, a one-line reason per file not
 * analysed, and the report of what was analysed. Runs the real CLI in a JVM with a small heap.
 */
class OutOfMemoryRunTest {
    @TempDir
    Path dir;

    @Test
    void runningOutOfMemoryExitsTwoWithAReasonAndAPartialReport() throws IOException, InterruptedException {
        for (int i = 0; i < 30; i++) {
            Path file = dir.resolve("src/a/G" + i + ".java");
            Files.createDirectories(file.getParent());
            Files.writeString(file, "package a;\nclass G" + i + " {\n    double f(double x) { return Math.log(1 + x); }\n}\n");
        }
        // 999 classes do not fit in the small files' model (1,000 types at most): modelled alone, too big for 96 MB
        StringBuilder huge = new StringBuilder("package z;\n");
        for (int c = 0; c < 999; c++) {
            huge.append("class H").append(c).append(" {\n");
            for (int m = 0; m < 8; m++) {
                huge.append("    double m").append(m).append("(double x, double y) { return Math.exp(x) * y + Math.log(y + x * ")
                        .append(m).append(".0) - x / (y + 1) * Math.sqrt(x * x + y * y); }\n");
            }
            huge.append("}\n");
        }
        Path hugeFile = dir.resolve("src/z/Huge.java");
        Files.createDirectories(hugeFile.getParent());
        Files.writeString(hugeFile, huge);
        Path report = dir.resolve("report.json");
        Path stderr = dir.resolve("stderr.txt");

        Process process = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx96m", "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "check", "--format", "json", "--output", report.toString(), dir.resolve("src").toString()))
                .redirectErrorStream(false).redirectOutput(dir.resolve("stdout.txt").toFile()).redirectError(stderr.toFile())
                .start();
        assertThat(process.waitFor(5, TimeUnit.MINUTES)).isTrue();

        String errors = Files.readString(stderr, StandardCharsets.UTF_8);
        assertThat(process.exitValue()).as(errors).isEqualTo(Main.ERROR);
        assertThat(errors).contains(hugeFile + ":1: error: not analysed: numguard ran out of memory (")
                .doesNotContain("\tat ").doesNotContain("Exception in thread");
        String json = Files.readString(report, StandardCharsets.UTF_8);
        assertThat(json).contains("G0.java").contains("G29.java").contains("ran out of memory");
    }
}
