package dev.numguard.maven;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Picks the Java files of a module's source roots by include and exclude patterns.
 *
 * <p>Patterns are globs relative to a source root, written with {@code /} as in Maven's own
 * {@code includes}/{@code excludes}: {@code **}{@code /*.java}, {@code com/acme/legacy/**},
 * {@code **}{@code /Generated*.java}. As in Maven, a leading {@code **}{@code /} also matches files
 * directly in the root, and a pattern ending in {@code /} means everything under that folder. A
 * file is selected when it ends with {@code .java}, matches at least one include (all files when
 * there are no includes) and no exclude. Roots that do not exist are ignored (a module without
 * tests has no test root). The result is sorted, absolute and free of duplicates.
 */
final class SourceFileSelector {
    /** The includes used when none are configured. */
    static final List<String> DEFAULT_INCLUDES = List.of("**/*.java");

    private final List<PathMatcher> includes;
    private final List<PathMatcher> excludes;

    SourceFileSelector(Collection<String> includes, Collection<String> excludes) {
        this.includes = matchers(includes == null || includes.isEmpty() ? DEFAULT_INCLUDES : includes);
        this.excludes = matchers(excludes == null ? List.of() : excludes);
    }

    List<Path> select(Collection<Path> roots) {
        TreeSet<Path> selected = new TreeSet<>();
        for (Path root : roots) {
            Path absoluteRoot = root.toAbsolutePath().normalize();
            if (!Files.isDirectory(absoluteRoot)) {
                continue;
            }
            try (Stream<Path> files = Files.walk(absoluteRoot)) {
                files.filter(Files::isRegularFile)
                        .filter(file -> file.getFileName().toString().endsWith(".java"))
                        .filter(file -> isSelected(absoluteRoot.relativize(file)))
                        .forEach(selected::add);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot list " + absoluteRoot + ": " + e.getMessage(), e);
            }
        }
        return new ArrayList<>(selected);
    }

    /** True when {@code relative} (to its source root) is included and not excluded. */
    boolean isSelected(Path relative) {
        Path portable = Path.of(relative.toString().replace('\\', '/'));
        return matchesAny(includes, portable) && !matchesAny(excludes, portable);
    }

    private static boolean matchesAny(List<PathMatcher> matchers, Path path) {
        return matchers.stream().anyMatch(matcher -> matcher.matches(path));
    }

    private static List<PathMatcher> matchers(Collection<String> patterns) {
        List<PathMatcher> matchers = new ArrayList<>();
        for (String raw : patterns) {
            String pattern = raw.trim().replace('\\', '/');
            if (pattern.isEmpty()) {
                continue;
            }
            if (pattern.endsWith("/")) {
                pattern = pattern + "**";
            }
            matchers.add(glob(pattern));
            // "**/" matches zero folders in Maven; a Java glob needs at least one.
            String rest = pattern;
            while (rest.startsWith("**/")) {
                rest = rest.substring(3);
                matchers.add(glob(rest));
            }
        }
        return matchers;
    }

    private static PathMatcher glob(String pattern) {
        return FileSystems.getDefault().getPathMatcher("glob:" + pattern);
    }
}
