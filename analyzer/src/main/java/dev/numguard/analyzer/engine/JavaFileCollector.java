package dev.numguard.analyzer.engine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Expands the paths a user gives (files and folders) into the {@code .java} files to analyse.
 *
 * <p>A file given explicitly is kept whatever its name ends with. A folder is walked recursively
 * for {@code *.java} files; folders that hold build output or tool state ({@code target},
 * {@code build}, {@code out} next to a build file, {@code node_modules} and hidden folders such as
 * {@code .git}) are skipped, since sources under them are generated copies, not the user's code.
 * The result is sorted and free of duplicates, so runs are reproducible.
 */
public final class JavaFileCollector {
    private static final Set<String> ALWAYS_SKIPPED = Set.of("target", "node_modules");
    private static final Set<String> SKIPPED_NEXT_TO_BUILD_FILE = Set.of("build", "out", "bin");
    private static final List<String> BUILD_FILES = List.of("pom.xml", "build.gradle", "build.gradle.kts",
            "settings.gradle", "settings.gradle.kts", "build.xml");

    /**
     * Expands {@code paths}.
     *
     * @throws UsageException when a path does not exist
     * @throws UncheckedIOException when a folder cannot be walked
     */
    public List<Path> collect(Collection<Path> paths) {
        Set<Path> files = new TreeSet<>();
        for (Path given : paths) {
            Path path = given.normalize();
            if (!Files.exists(path)) {
                throw new UsageException("no such file or folder: " + given);
            }
            if (Files.isDirectory(path)) {
                walk(path, files);
            } else {
                files.add(path);
            }
        }
        return new ArrayList<>(files);
    }

    private static void walk(Path root, Set<Path> files) {
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    if (!dir.equals(root) && isSkipped(dir)) {
                        return FileVisitResult.SKIP_SUBTREE;
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    if (attrs.isRegularFile() && file.getFileName().toString().endsWith(".java")) {
                        files.add(file);
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + root + ": " + e.getMessage(), e);
        }
    }

    private static boolean isSkipped(Path dir) {
        String name = dir.getFileName().toString();
        if (name.startsWith(".") || ALWAYS_SKIPPED.contains(name)) {
            return true;
        }
        if (SKIPPED_NEXT_TO_BUILD_FILE.contains(name)) {
            Path parent = dir.getParent();
            return parent != null && BUILD_FILES.stream().anyMatch(build -> Files.isRegularFile(parent.resolve(build)));
        }
        return false;
    }
}
