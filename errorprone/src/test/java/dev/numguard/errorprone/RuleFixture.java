package dev.numguard.errorprone;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * One of the analyzer's rule fixtures ({@code fixtures/<RuleId>/<kind>/<Case>.java}), read from
 * the analyzer module itself so that both front ends are tested on the very same files.
 */
record RuleFixture(String ruleId, String kind, Path path) {
    static Path root() {
        String configured = System.getProperty("numguard.fixtures");
        Path root = Path.of(configured != null ? configured : "../analyzer/src/test/resources/fixtures");
        if (!Files.isDirectory(root)) {
            throw new IllegalStateException("rule fixtures not found at " + root.toAbsolutePath());
        }
        return root;
    }

    /** Every fixture of {@code kind} ({@code positive}, {@code negative} or {@code fixed}). */
    static List<RuleFixture> all(String kind) {
        try (Stream<Path> files = Files.walk(root())) {
            return files.filter(p -> p.toString().endsWith(".java"))
                    .filter(p -> p.getParent().getFileName().toString().equals(kind))
                    .sorted(Comparator.naturalOrder())
                    .map(p -> new RuleFixture(p.getParent().getParent().getFileName().toString(), kind, p))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String fileName() {
        return path.getFileName().toString();
    }

    String text() {
        try {
            return Files.readString(path, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String[] lines() {
        return text().split("\n", -1);
    }

    /** The expected text after the fix, for a positive fixture that has one. */
    Optional<RuleFixture> fixed() {
        Path fixed = path.getParent().resolveSibling("fixed").resolve(fileName());
        return Files.exists(fixed) ? Optional.of(new RuleFixture(ruleId, "fixed", fixed)) : Optional.empty();
    }

    @Override
    public String toString() {
        return ruleId + "/" + kind + "/" + fileName();
    }
}
