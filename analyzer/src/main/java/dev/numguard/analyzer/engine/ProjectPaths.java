package dev.numguard.analyzer.engine;

import java.nio.file.Path;

/**
 * How every output names a file: relative to the project root with {@code /} separators, as git
 * and code scanning expect, so reports, baselines and diffs are the same on every machine. A file
 * outside the root keeps its absolute path.
 */
public final class ProjectPaths {
    private ProjectPaths() {
    }

    /** {@code file} (absolute, or relative to the working folder) as shown relative to {@code root}. */
    public static String relative(Path root, String file) {
        Path base = root.toAbsolutePath().normalize();
        Path absolute = Path.of(file).toAbsolutePath().normalize();
        Path shown = absolute.startsWith(base) ? base.relativize(absolute) : absolute;
        return shown.toString().replace('\\', '/');
    }
}
