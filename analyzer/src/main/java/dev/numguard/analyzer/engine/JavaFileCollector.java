package dev.numguard.analyzer.engine;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileSystemLoopException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import org.codehaus.plexus.util.SelectorUtils;
import org.eclipse.jgit.ignore.IgnoreNode;

/**
 * Expands the paths a user gives (files and folders) into the {@code .java} files to analyse.
 *
 * <p>A file given explicitly is kept whatever its name ends with. A folder is walked recursively
 * for {@code *.java} files that match the {@link FileSelection}'s includes and not its excludes
 * (Maven's own pattern matching, relative to that folder), and that git does not ignore. Folders
 * that hold build output or tool state ({@code target}, {@code build}, {@code out} next to a build
 * file, {@code node_modules} and hidden folders such as {@code .git}) are skipped, since sources
 * under them are generated copies, not the user's code. Symbolic links are followed, but every
 * real folder and file is visited once, so a link loop ends the descent instead of the run.
 *
 * <p>The result is sorted and free of duplicates, so runs are reproducible; a folder that cannot
 * be listed is a problem naming it, and the rest is still collected.
 */
public final class JavaFileCollector {
    private static final Set<String> ALWAYS_SKIPPED = Set.of("target", "node_modules");
    private static final Set<String> SKIPPED_NEXT_TO_BUILD_FILE = Set.of("build", "out", "bin");
    private static final List<String> BUILD_FILES = List.of("pom.xml", "build.gradle", "build.gradle.kts",
            "settings.gradle", "settings.gradle.kts", "build.xml");
    private static final String DEFAULT_INCLUDE = "**/*.java";

    /** The files found, and the folders that could not be listed. */
    public record Collected(List<Path> files, List<AnalysisProblem> problems) {
        public Collected {
            files = List.copyOf(files);
            problems = List.copyOf(problems);
        }
    }

    /** Expands {@code paths} taking every {@code .java} file git does not ignore. */
    public List<Path> collect(Collection<Path> paths) {
        return collect(paths, FileSelection.allJavaFiles()).files();
    }

    /**
     * Expands {@code paths} under {@code selection}.
     *
     * @throws UsageException when a path does not exist
     */
    public Collected collect(Collection<Path> paths, FileSelection selection) {
        TreeMap<Path, Path> filesByRealPath = new TreeMap<>();
        List<AnalysisProblem> problems = new ArrayList<>();
        for (Path given : paths) {
            Path path = given.normalize();
            if (!Files.exists(path)) {
                throw new UsageException("no such file or folder: " + given);
            }
            if (Files.isDirectory(path)) {
                new Walk(path, selection, filesByRealPath, problems).run();
            } else {
                filesByRealPath.putIfAbsent(realPath(path), path);
            }
        }
        List<Path> files = new ArrayList<>(new java.util.TreeSet<>(filesByRealPath.values()));
        return new Collected(files, problems);
    }

    private static Path realPath(Path path) {
        try {
            return path.toRealPath();
        } catch (IOException e) {
            return path.toAbsolutePath().normalize();
        }
    }

    /** One folder's walk, with the .gitignore files that apply at each level. */
    private static final class Walk extends SimpleFileVisitor<Path> {
        private final Path root;
        private final FileSelection selection;
        private final TreeMap<Path, Path> files;
        private final List<AnalysisProblem> problems;
        private final Set<Path> visitedFolders = new HashSet<>();
        /** Innermost last: each folder that has a .gitignore, with its parsed rules. */
        private final Deque<Ignores> ignores = new ArrayDeque<>();

        Walk(Path root, FileSelection selection, TreeMap<Path, Path> files, List<AnalysisProblem> problems) {
            this.root = root;
            this.selection = selection;
            this.files = files;
            this.problems = problems;
        }

        void run() {
            if (selection.respectGitignore()) {
                ancestorIgnores();
            }
            try {
                Files.walkFileTree(root, EnumSet.of(FileVisitOption.FOLLOW_LINKS), Integer.MAX_VALUE, this);
            } catch (IOException e) {
                problems.add(new AnalysisProblem(root.toString(), 0, 0, "cannot be listed: " + FileErrors.inWords(e)));
            }
        }

        /** The .gitignore files above the root, up to the folder that holds {@code .git}. */
        private void ancestorIgnores() {
            List<Path> chain = new ArrayList<>();
            for (Path dir = root.toAbsolutePath().normalize().getParent(); dir != null; dir = dir.getParent()) {
                chain.add(0, dir);
                if (Files.exists(dir.resolve(".git"))) {
                    for (Path ancestor : chain) {
                        load(ancestor);
                    }
                    return;
                }
            }
        }

        private void load(Path dir) {
            Path file = dir.resolve(".gitignore");
            if (!Files.isRegularFile(file)) {
                return;
            }
            IgnoreNode node = new IgnoreNode();
            try (InputStream in = Files.newInputStream(file)) {
                node.parse(file.toString(), in);
            } catch (IOException e) {
                problems.add(new AnalysisProblem(file.toString(), 0, 0, "cannot be read: " + FileErrors.inWords(e)));
                return;
            }
            ignores.addLast(new Ignores(dir.toAbsolutePath().normalize(), node));
        }

        @Override
        public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
            if (!visitedFolders.add(realPath(dir))) {
                return FileVisitResult.SKIP_SUBTREE;
            }
            if (!dir.equals(root) && (isSkipped(dir) || isIgnored(dir, true))) {
                return FileVisitResult.SKIP_SUBTREE;
            }
            if (selection.respectGitignore()) {
                load(dir);
            }
            return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult postVisitDirectory(Path dir, IOException failure) {
            Path absolute = dir.toAbsolutePath().normalize();
            if (!ignores.isEmpty() && ignores.peekLast().dir().equals(absolute)) {
                ignores.removeLast();
            }
            return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
            if (attrs.isRegularFile() && file.getFileName().toString().endsWith(".java") && isSelected(file)
                    && !isIgnored(file, false)) {
                files.putIfAbsent(realPath(file), file);
            }
            return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFileFailed(Path file, IOException failure) {
            if (failure instanceof FileSystemLoopException) {
                return FileVisitResult.CONTINUE;
            }
            problems.add(new AnalysisProblem(file.toString(), 0, 0, "cannot be read: " + FileErrors.inWords(failure)));
            return FileVisitResult.CONTINUE;
        }

        private boolean isSelected(Path file) {
            String relative = root.relativize(file).toString().replace('\\', '/');
            List<String> includes = selection.includes().isEmpty() ? List.of(DEFAULT_INCLUDE) : selection.includes();
            return matchesAny(includes, relative) && !matchesAny(selection.excludes(), relative);
        }

        private static boolean matchesAny(List<String> patterns, String relative) {
            for (String raw : patterns) {
                String pattern = raw.trim().replace('\\', '/');
                if (pattern.isEmpty()) {
                    continue;
                }
                if (pattern.endsWith("/")) {
                    pattern = pattern + "**";
                }
                if (SelectorUtils.matchPath(pattern, relative, "/", true)) {
                    return true;
                }
            }
            return false;
        }

        /** git's verdict from the innermost .gitignore that has an opinion. */
        private boolean isIgnored(Path path, boolean folder) {
            Path absolute = path.toAbsolutePath().normalize();
            Iterator<Ignores> innermostFirst = ignores.descendingIterator();
            while (innermostFirst.hasNext()) {
                Ignores level = innermostFirst.next();
                if (!absolute.startsWith(level.dir())) {
                    continue;
                }
                Boolean ignored = level.node().checkIgnored(level.dir().relativize(absolute).toString().replace('\\', '/'),
                        folder);
                if (ignored != null) {
                    return ignored;
                }
            }
            return false;
        }
    }

    private record Ignores(Path dir, IgnoreNode node) {
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
