package dev.numguard.analyzer.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.numguard.analyzer.report.ToolInfo;
import dev.numguard.analyzer.testing.GitHubSarifRules;
import dev.numguard.analyzer.testing.PatternFrontEnd;
import dev.numguard.analyzer.testing.SarifSchema;
import dev.numguard.analyzer.testing.TestRules;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CLI as a user drives it on a project: baseline, check, SARIF for code scanning, fix diffs
 * that git and patch apply, encodings, file selection. Every run names its project root and
 * cache file, so nothing lands outside the test's folder.
 */
class FrontDoorWorkflowTest {
    private static final String LOG1P = "class A {\n    double q(double v) { return Math.log(1 + v); }\n}\n";
    private static final String SOFTMAX = "package demo;\n\nclass B {\n    double[] p(double[] logits) { return naiveSoftmax(logits); }\n}\n";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private CliEnvironment environment;
    private String src;

    @BeforeEach
    void setUp() {
        src = dir.resolve("src").toString();
        environment = new CliEnvironment(PatternFrontEnd::new, TestRules.all(), false,
                new ToolInfo("numguard", "1.2.3", "https://example.org/numguard/"));
    }

    private CliRun run(String command, String... args) {
        List<String> all = new ArrayList<>(List.of(command, "--project-root", dir.toString(),
                "--cache-file", dir.resolve("cache/analysis.json").toString()));
        all.addAll(List.of(args));
        return CliRun.of(environment, all.toArray(String[]::new));
    }

    private Path write(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        return Files.writeString(file, text);
    }

    @Test
    void baselinedFindingsPassTheCheckAreMarkedInEveryReportAndGoneOnesAreAbsent() throws IOException {
        write("src/A.java", LOG1P);
        write("src/B.java", SOFTMAX);
        assertThat(run("check", src).exitCode()).isEqualTo(1);

        CliRun baseline = run("baseline", src);
        assertThat(baseline.exitCode()).isZero();
        assertThat(baseline.err()).contains("recorded 2 findings in " + dir.resolve("numguard-baseline.json"));
        assertThat(Files.readString(dir.resolve("numguard-baseline.json"))).contains("\"file\" : \"src/A.java\"");

        CliRun check = run("check", src);
        assertThat(check.exitCode()).isZero();
        assertThat(check.out()).contains("src/A.java:2:33: warning: [TestLog1p]").contains("(baselined)")
                .endsWith("0 new findings (0 errors, 0 warnings, 0 notes) in 2 files; 2 baselined, 0 absent from the baseline\n");

        JsonNode sarif = JSON.readTree(run("check", "--format", "sarif", src).out());
        assertThat(SarifSchema.errors(sarif)).isEmpty();
        assertThat(GitHubSarifRules.violations(sarif)).isEmpty();
        assertThat(GitHubSarifRules.openAlerts(sarif)).isEmpty();
        JsonNode result = sarif.at("/runs/0/results/0");
        assertThat(result.get("baselineState").asText()).isEqualTo("unchanged");
        assertThat(result.at("/suppressions/0/status").asText()).isEqualTo("accepted");

        // a new finding counts; a fixed one shows as absent
        write("src/B.java", "class B { }\n");
        write("src/C.java", LOG1P.replace("class A", "class C"));
        CliRun after = run("check", "--format", "sarif", src);
        assertThat(after.exitCode()).isEqualTo(1);
        JsonNode afterSarif = JSON.readTree(after.out());
        assertThat(SarifSchema.errors(afterSarif)).isEmpty();
        assertThat(GitHubSarifRules.violations(afterSarif)).isEmpty();
        assertThat(GitHubSarifRules.openAlerts(afterSarif)).extracting(r -> r.at("/locations/0/physicalLocation/artifactLocation/uri").asText())
                .containsExactly("src/C.java");
        assertThat(afterSarif.at("/runs/0/results").findValuesAsText("baselineState"))
                .containsExactlyInAnyOrder("unchanged", "new", "absent");
        JsonNode json = JSON.readTree(run("check", "--format", "json", src).out());
        assertThat(json.at("/summary/findings").asInt()).isEqualTo(1);
        assertThat(json.at("/summary/baselined").asInt()).isEqualTo(1);
        assertThat(json.at("/absent/0/file").asText()).isEqualTo("src/B.java");
        String html = run("check", "--format", "html", src).out();
        assertThat(org.jsoup.Jsoup.parse(html).select(".finding[data-state=baselined]")).hasSize(1);
        assertThat(html).contains("Baselined findings no longer found");
    }

    @Test
    void theFixDiffHasPathsRelativeToTheRootAndAppliesWithGitApplyAndPatch() throws Exception {
        write("src/A.java", LOG1P);
        write("src/demo/B.java", SOFTMAX);
        String diff = run("fix", "--unsafe-fixes", src).out();
        // the fixes' level lines above each file's headers are skipped by git apply and patch
        assertThat(diff).contains("# numguard safe fix, line ").contains("# numguard review fix, line ")
                .contains("--- a/src/A.java\n+++ b/src/A.java\n").contains("--- a/src/demo/B.java\n")
                .doesNotContain(dir.toString());
        Path patchFile = Files.writeString(dir.resolve("fix.diff"), diff);
        String fixedA = LOG1P.replace("Math.log(1 + v)", "Math.log1p(v)");

        Path viaGit = copyOfSources("git");
        exec(viaGit, "git", "init", "-q");
        exec(viaGit, "git", "apply", patchFile.toString());
        assertThat(Files.readString(viaGit.resolve("src/A.java"))).isEqualTo(fixedA);

        Path viaPatch = copyOfSources("patch");
        exec(viaPatch, "patch", "-p1", "-i", patchFile.toString());
        assertThat(Files.readString(viaPatch.resolve("src/A.java"))).isEqualTo(fixedA);
        assertThat(Files.readString(viaPatch.resolve("src/demo/B.java"))).contains("StableMath.softmax(logits)");
    }

    @Test
    void theSourcesAreReadInTheGivenEncodingAndUndecodableBytesAreAProblemWithPosition() throws IOException {
        Path latin = dir.resolve("src/Latin.java");
        Files.createDirectories(latin.getParent());
        Files.write(latin, "// caf\u00e9\nclass Latin { double f(double x) { return Math.log(1 + x); } }\n"
                .getBytes(StandardCharsets.ISO_8859_1));

        CliRun utf8 = run("check", src);
        assertThat(utf8.exitCode()).isEqualTo(2);
        assertThat(utf8.out()).contains("src/Latin.java:1:7: error: not valid UTF-8: byte 0xE9 at line 1, column 7");
        assertThat(run("check", "--fail-on", "never", src).exitCode()).isZero();

        CliRun latin1 = run("check", "--encoding", "ISO-8859-1", src);
        assertThat(latin1.out()).contains("src/Latin.java:2:").contains("[TestLog1p]");
        assertThat(latin1.exitCode()).isEqualTo(1);

        CliRun fixed = run("fix", "--write", "--encoding", "ISO-8859-1", src);
        assertThat(fixed.exitCode()).isZero();
        assertThat(new String(Files.readAllBytes(latin), StandardCharsets.ISO_8859_1))
                .startsWith("// caf\u00e9\n").contains("Math.log1p(x)");
        assertThat(run("check", "--encoding", "no-such-charset", src).err()).contains("unknown encoding 'no-such-charset'");
    }

    @Test
    void includesExcludesAndGitignoreSelectTheFilesAndALinkLoopEndsTheWalk() throws IOException {
        write("src/A.java", LOG1P);
        write("src/gen/G.java", LOG1P.replace("class A", "class G"));
        write("src/old/O.java", LOG1P.replace("class A", "class O"));
        write("src/.gitignore", "old/\n");
        Files.createDirectories(dir.resolve(".git"));
        Files.createSymbolicLink(dir.resolve("src/loop"), dir.resolve("src"));

        JsonNode all = JSON.readTree(run("check", "--format", "json", src).out());
        assertThat(all.at("/findings").findValuesAsText("file")).containsExactly("src/A.java", "src/gen/G.java");

        JsonNode excluded = JSON.readTree(run("check", "--format", "json", "--exclude", "**/gen/**", src).out());
        assertThat(excluded.at("/findings").findValuesAsText("file")).containsExactly("src/A.java");

        JsonNode included = JSON.readTree(run("check", "--format", "json", "--include", "gen/*.java", "--no-gitignore", src).out());
        assertThat(included.at("/findings").findValuesAsText("file")).containsExactly("src/gen/G.java");
        JsonNode everything = JSON.readTree(run("check", "--format", "json", "--no-gitignore", src).out());
        assertThat(everything.at("/findings").findValuesAsText("file")).containsExactly("src/A.java", "src/gen/G.java", "src/old/O.java");
    }

    @Test
    void theDefaultThresholdIsWarningAsInMavenAndCheckAndFixShareTheCache() throws IOException {
        write("src/A.java", LOG1P);
        CliRun check = run("check", src);
        assertThat(check.exitCode()).isEqualTo(1);
        assertThat(Files.exists(dir.resolve("cache/analysis.json"))).isTrue();
        PatternFrontEnd[] frontEnds = new PatternFrontEnd[1];
        environment = new CliEnvironment(() -> frontEnds[0] = new PatternFrontEnd(), TestRules.all(), false, environment.tool());
        assertThat(run("fix", src).out()).contains("+    double q(double v) { return Math.log1p(v); }");
        assertThat(frontEnds[0] == null || frontEnds[0].filesSeen.isEmpty()).as("fix reused check's analysis").isTrue();
        assertThat(run("check", "--fail-on", "error", src).exitCode()).isZero();
    }

    @Test
    void aNamedBaselineFileAndAToleratedNumberOfFindings() throws IOException {
        write("src/A.java", LOG1P);
        write("src/C.java", LOG1P.replace("class A", "class C"));
        String baseline = dir.resolve("config/known.json").toString();

        assertThat(run("check", "--max-allowed", "2", src).exitCode()).isZero();
        assertThat(run("check", "--max-allowed", "1", src).exitCode()).isEqualTo(1);
        assertThat(run("baseline", "--baseline", baseline, src).exitCode()).isZero();
        assertThat(Files.exists(dir.resolve("numguard-baseline.json"))).isFalse();
        assertThat(run("check", src).exitCode()).as("the default baseline file does not exist").isEqualTo(1);
        assertThat(run("check", "--baseline", baseline, src).exitCode()).isZero();
        assertThat(run("check", "--max-allowed", "-1", src).err()).contains("must be 0 or more");
    }

    private Path copyOfSources(String name) throws IOException {
        Path copy = Files.createDirectories(dir.resolve("copies").resolve(name));
        for (String file : List.of("src/A.java", "src/demo/B.java")) {
            Files.createDirectories(copy.resolve(file).getParent());
            Files.copy(dir.resolve(file), copy.resolve(file));
        }
        return copy;
    }

    private static void exec(Path folder, String... command) throws IOException, InterruptedException {
        assumeThat(Files.isExecutable(Path.of("/usr/bin", command[0]))).as(command[0] + " installed").isTrue();
        Process process = new ProcessBuilder(command).directory(folder.toFile()).redirectErrorStream(true).start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.exitValue()).as(String.join(" ", command) + ": " + output).isZero();
    }
}
