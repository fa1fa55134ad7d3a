package dev.numguard.analyzer.engine;

import java.util.List;

/**
 * Which files of the given folders are analysed.
 *
 * @param includes Maven-style patterns relative to each given folder ({@code **}{@code /*.java},
 *     {@code com/acme/model/**}); empty means every {@code .java} file
 * @param excludes patterns of files to leave out; excluding wins over including
 * @param respectGitignore true to skip what the {@code .gitignore} files of the tree (and of its
 *     parent folders up to the git work tree's root) ignore
 */
public record FileSelection(List<String> includes, List<String> excludes, boolean respectGitignore) {
    public FileSelection {
        includes = List.copyOf(includes);
        excludes = List.copyOf(excludes);
    }

    /** Every {@code .java} file that git does not ignore. */
    public static FileSelection allJavaFiles() {
        return new FileSelection(List.of(), List.of(), true);
    }
}
