package dev.numguard.analyzer.cache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.numguard.analyzer.engine.AnalysisProblem;
import dev.numguard.analyzer.engine.AnalysisResult;
import dev.numguard.rules.Finding;
import dev.numguard.rules.Fix;
import dev.numguard.rules.Severity;
import dev.numguard.rules.SourceSpan;
import dev.numguard.rules.TextEdit;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AnalysisCacheTest {
    @TempDir
    Path dir;

    private Path a;
    private Path b;
    private Path jar;
    private Path classes;
    private AnalysisCache cache;

    @BeforeEach
    void setUp() throws IOException {
        a = write("src/A.java", "class A { double f(double x) { return Math.log(1 + x); } }");
        b = write("src/B.java", "class B {}");
        jar = write("lib/dep.jar", "jar bytes");
        classes = write("classes/p/C.class", "class bytes").getParent().getParent();
        cache = new AnalysisCache(dir.resolve("target/numguard/analysis-cache.json"));
    }

    @Test
    void aRunWithNothingChangedIsAHitWithTheSameResult() throws IOException {
        AnalysisResult result = sampleResult();
        cache.store(key(), result);

        CacheLookup lookup = cache.lookup(key());

        assertThat(lookup.isHit()).isTrue();
        assertThat(lookup.result()).contains(result);
        assertThat(lookup.changedFiles()).isEmpty();
    }

    @Test
    void theFirstRunIsAMiss() throws IOException {
        CacheLookup lookup = cache.lookup(key());

        assertThat(lookup.isHit()).isFalse();
        assertThat(lookup.reason()).isEqualTo("no cached analysis yet");
    }

    @Test
    void editingOneSourceIsAMissNamingThatFile() throws IOException {
        cache.store(key(), sampleResult());
        Files.writeString(a, "class A { double f(double x) { return Math.log1p(x); } }");

        CacheLookup lookup = cache.lookup(key());

        assertThat(lookup.isHit()).isFalse();
        assertThat(lookup.changedFiles()).containsExactly(a.toAbsolutePath().normalize().toString());
        assertThat(lookup.reason()).isEqualTo("1 source file changed");
    }

    @Test
    void touchingASourceWithoutEditingItIsStillAHit() throws IOException {
        cache.store(key(), sampleResult());
        Files.setLastModifiedTime(a, FileTime.fromMillis(Files.getLastModifiedTime(a).toMillis() + 60_000));

        assertThat(cache.lookup(key()).isHit()).isTrue();
    }

    @Test
    void addingOrRemovingASourceIsAMiss() throws IOException {
        cache.store(key(), sampleResult());
        Path c = write("src/C.java", "class C {}");

        CacheLookup added = cache.lookup(CacheKey.builder().version("1").sources(List.of(a, b, c))
                .classpath(List.of(jar, classes)).build());
        CacheLookup removed = cache.lookup(CacheKey.builder().version("1").sources(List.of(a))
                .classpath(List.of(jar, classes)).build());

        assertThat(added.changedFiles()).containsExactly(c.toAbsolutePath().normalize().toString());
        assertThat(removed.changedFiles()).containsExactly(b.toAbsolutePath().normalize().toString());
    }

    @Test
    void aChangedJarOrClassFolderIsAMiss() throws IOException {
        cache.store(key(), sampleResult());
        Files.writeString(jar, "a rebuilt jar, longer than before");
        assertThat(cache.lookup(key()).isHit()).isFalse();
        assertThat(cache.lookup(key()).reason()).isEqualTo("the classpath, configuration or numguard version changed");

        cache.store(key(), sampleResult());
        write("classes/p/D.class", "new class");
        assertThat(cache.lookup(key()).isHit()).isFalse();
    }

    @Test
    void configurationAndVersionArePartOfTheKey() throws IOException {
        cache.store(key(), sampleResult());

        CacheKey otherConfig = CacheKey.builder().version("1").configuration(Map.of("disabledRules", "Log1p"))
                .sources(List.of(a, b)).classpath(List.of(jar, classes)).build();
        CacheKey otherVersion = CacheKey.builder().version("2").sources(List.of(a, b))
                .classpath(List.of(jar, classes)).build();

        assertThat(cache.lookup(otherConfig).isHit()).isFalse();
        assertThat(cache.lookup(otherVersion).isHit()).isFalse();
    }

    @Test
    void theKeyDoesNotDependOnSourceOrConfigurationOrder() throws IOException {
        CacheKey one = CacheKey.builder().version("1").configuration("x", "1").configuration("y", "2")
                .sources(List.of(a, b)).build();
        CacheKey two = CacheKey.builder().version("1").configuration("y", "2").configuration("x", "1")
                .sources(List.of(b, a)).build();

        assertThat(one.digest()).isEqualTo(two.digest()).hasSize(64);
    }

    @Test
    void fieldBoundariesCannotBeShiftedToCollide() throws IOException {
        CacheKey one = CacheKey.builder().version("ab").configuration("c", "d").build();
        CacheKey two = CacheKey.builder().version("a").configuration("bc", "d").build();

        assertThat(one.digest()).isNotEqualTo(two.digest());
    }

    @Test
    void aMissingClasspathEntryIsAllowedAndPartOfTheKey() throws IOException {
        Path missing = dir.resolve("lib/not-there.jar");
        CacheKey withMissing = CacheKey.builder().version("1").classpath(List.of(missing)).build();
        write("lib/not-there.jar", "now it is");
        CacheKey withPresent = CacheKey.builder().version("1").classpath(List.of(missing)).build();

        assertThat(withMissing.digest()).isNotEqualTo(withPresent.digest());
    }

    @Test
    void aCorruptOrForeignCacheFileIsAMissNotAnError() throws IOException {
        Files.createDirectories(cache.file().getParent());
        Files.writeString(cache.file(), "{ this is not json");
        assertThat(cache.lookup(key()).isHit()).isFalse();

        Files.writeString(cache.file(), "{\"numguardAnalysisCache\": 99}");
        assertThat(cache.lookup(key()).reason()).isEqualTo("the cache file has another format");

        CacheKey key = key();
        Files.writeString(cache.file(), "{\"numguardAnalysisCache\": 1, \"digest\": \"" + key.digest()
                + "\", \"sourceHashes\": {}, \"result\": {\"findings\": [{\"ruleId\": 3}]}}");
        assertThat(cache.lookup(key).isHit()).isFalse();
        assertThat(cache.lookup(key).reason()).startsWith("the cached result is damaged");
    }

    @Test
    void storeReplacesTheEntryAndLeavesNoTemporaryFiles() throws IOException {
        cache.store(key(), sampleResult());
        AnalysisResult empty = new AnalysisResult(List.of(), List.of(), 0);
        cache.store(key(), empty);

        assertThat(cache.lookup(key()).result()).contains(empty);
        try (var files = Files.list(cache.file().getParent())) {
            assertThat(files).containsExactly(cache.file());
        }
    }

    @Test
    void resultsWithUnicodeAndEdgeValuesRoundTrip() throws IOException {
        Finding odd = new Finding("NaiveVariance", Severity.ERROR, "/tmp/ü nicode/Σ.java",
                new SourceSpan(0, 0, 1, 1, 1, 1), "loses every digit once |mean|/std > 1e8 — \"quoted\"\n\ttab",
                Optional.of(new Fix("Use Statistics.variance", List.of(TextEdit.insert(0, "")), List.of())));
        AnalysisResult result = new AnalysisResult(List.of(odd),
                List.of(new AnalysisProblem("Bad.java", 0, 0, "")), Integer.MAX_VALUE);
        cache.store(key(), result);

        assertThat(cache.lookup(key()).result()).contains(result);
    }

    private CacheKey key() throws IOException {
        return CacheKey.builder().version("1").sources(List.of(a, b)).classpath(List.of(jar, classes)).build();
    }

    private AnalysisResult sampleResult() {
        Finding withFix = new Finding("Log1p", Severity.WARNING, a.toString(), new SourceSpan(38, 53, 1, 39, 1, 53),
                "log(1 + x) loses all digits of x below 1.1e-16", Optional.of(Fix.safe("Use Math.log1p",
                        List.of(new TextEdit(38, 53, "Math.log1p(x)")), List.of("java.lang.Math"))));
        Finding withoutFix = new Finding("NaiveSoftmax", Severity.INFO, b.toString(), new SourceSpan(1, 2, 1, 2, 1, 2),
                "exp overflows", Optional.empty());
        return new AnalysisResult(List.of(withFix, withoutFix),
                List.of(new AnalysisProblem(b.toString(), 3, 7, "';' expected")), 2);
    }

    private Path write(String relative, String text) throws IOException {
        Path file = dir.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
        return file;
    }
}
