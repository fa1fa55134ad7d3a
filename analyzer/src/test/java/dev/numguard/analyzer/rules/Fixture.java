package dev.numguard.analyzer.rules;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * One rule fixture file under {@code src/test/resources/fixtures/<RuleId>/<kind>/<Case>.java}
 * (see the README there).
 */
record Fixture(String ruleId, String kind, Path path) {
    static final Path ROOT = Path.of("src/test/resources/fixtures");
    private static final String MARKER = "// BUG: Diagnostic contains: ";

    /** Every fixture of {@code kind} (positive, negative or fixed), sorted. */
    static Stream<Fixture> all(String kind) {
        List<Fixture> out = new ArrayList<>();
        try (Stream<Path> rules = Files.list(ROOT)) {
            for (Path ruleDir : rules.filter(Files::isDirectory).sorted().toList()) {
                Path dir = ruleDir.resolve(kind);
                if (!Files.isDirectory(dir)) {
                    continue;
                }
                try (Stream<Path> files = Files.list(dir)) {
                    files.filter(f -> f.toString().endsWith(".java")).sorted()
                            .forEach(f -> out.add(new Fixture(ruleDir.getFileName().toString(), kind, f)));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.stream();
    }

    String text() {
        try {
            return Files.readString(path, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The lines (1-based) right below a {@code // BUG: Diagnostic contains: <ruleId>} comment. */
    TreeSet<Integer> expectedLines() {
        TreeSet<Integer> lines = new TreeSet<>();
        List<String> all = text().lines().toList();
        for (int i = 0; i < all.size(); i++) {
            String line = all.get(i).trim();
            if (line.startsWith(MARKER) && line.substring(MARKER.length()).trim().equals(ruleId)) {
                lines.add(i + 2);
            }
        }
        return lines;
    }

    /** The {@code fixed/} counterpart of a positive fixture, when it has one. */
    Optional<Path> fixedPath() {
        Path fixed = path.getParent().resolveSibling("fixed").resolve(path.getFileName());
        return Files.exists(fixed) ? Optional.of(fixed) : Optional.empty();
    }

    @Override
    public String toString() {
        return ruleId + "/" + kind + "/" + path.getFileName();
    }
}
