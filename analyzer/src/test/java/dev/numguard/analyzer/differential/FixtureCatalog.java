package dev.numguard.analyzer.differential;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Finds the positive/fixed fixture pairs under a fixture root laid out as
 * {@code <root>/<RuleId>/{positive,fixed,negative}/<Case>.java}. Negative fixtures have no fixed
 * counterpart and are not differential cases.
 */
final class FixtureCatalog {

    private FixtureCatalog() {
    }

    /**
     * Resolves a test-resource folder (e.g. {@code "/fixtures"}) to a path on disk.
     *
     * @return the folder, or {@code null} if there is no such resource
     */
    static Path resourceFolder(String resource) {
        URL url = FixtureCatalog.class.getResource(resource);
        if (url == null) {
            return null;
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot turn " + url + " into a path", e);
        }
    }

    /**
     * Lists every positive fixture under {@code root}, each paired with where its fixed version
     * belongs, sorted by rule id and case name. A missing root gives an empty list.
     */
    static List<FixturePair> pairsUnder(Path root) {
        List<FixturePair> pairs = new ArrayList<>();
        if (root == null || !Files.isDirectory(root)) {
            return pairs;
        }
        try (Stream<Path> rules = Files.list(root)) {
            for (Path ruleDir : rules.filter(Files::isDirectory).sorted().toList()) {
                Path positiveDir = ruleDir.resolve("positive");
                if (!Files.isDirectory(positiveDir)) {
                    continue;
                }
                try (Stream<Path> cases = Files.list(positiveDir)) {
                    for (Path positive : cases.filter(p -> p.toString().endsWith(".java")).sorted().toList()) {
                        String fileName = positive.getFileName().toString();
                        String caseName = fileName.substring(0, fileName.length() - ".java".length());
                        Path fixed = ruleDir.resolve("fixed").resolve(fileName);
                        pairs.add(new FixturePair(ruleDir.getFileName().toString(), caseName, positive, fixed));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list fixtures under " + root, e);
        }
        return pairs;
    }
}
