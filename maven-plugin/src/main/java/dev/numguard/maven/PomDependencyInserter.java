package dev.numguard.maven;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/**
 * Adds one {@code <dependency>} to the project-level {@code <dependencies>} of a POM by inserting
 * text, so the rest of the file (comments, order, indentation, line endings) stays byte for byte
 * as it was. Dependencies inside {@code dependencyManagement}, profiles or plugins are not the
 * project's own and are left alone; a POM without project-level dependencies gets the section
 * just before {@code </project>}. Indentation follows the file's own.
 */
final class PomDependencyInserter {
    private PomDependencyInserter() {
    }

    /**
     * The POM with {@code dependencyLines} (one element, nested by two spaces) added; empty
     * when the text is not a POM this can edit safely (no {@code </project>}, unbalanced tags).
     */
    static Optional<String> insert(String pom, List<String> dependencyLines) {
        String newline = pom.contains("\r\n") ? "\r\n" : "\n";
        Deque<String> open = new ArrayDeque<>();
        int i = 0;
        while (i < pom.length()) {
            int lt = pom.indexOf('<', i);
            if (lt < 0) {
                break;
            }
            if (pom.startsWith("<!--", lt)) {
                int end = pom.indexOf("-->", lt);
                if (end < 0) {
                    return Optional.empty();
                }
                i = end + 3;
                continue;
            }
            if (pom.startsWith("<![CDATA[", lt)) {
                int end = pom.indexOf("]]>", lt);
                if (end < 0) {
                    return Optional.empty();
                }
                i = end + 3;
                continue;
            }
            int gt = pom.indexOf('>', lt);
            if (gt < 0) {
                return Optional.empty();
            }
            String tag = pom.substring(lt + 1, gt);
            i = gt + 1;
            if (tag.startsWith("?") || tag.startsWith("!")) {
                continue;
            }
            if (tag.startsWith("/")) {
                String name = tag.substring(1).trim();
                if (open.isEmpty() || !open.peek().equals(name)) {
                    return Optional.empty();
                }
                boolean projectDependencies = name.equals("dependencies") && open.size() == 2;
                boolean projectEnd = name.equals("project") && open.size() == 1;
                if (projectDependencies || projectEnd) {
                    String closingIndent = indentBefore(pom, lt);
                    String step = indentStep(pom);
                    String itemIndent = closingIndent + step;
                    StringBuilder block = new StringBuilder();
                    if (projectEnd) {
                        block.append(step).append("<dependencies>").append(newline);
                        itemIndent = step + step;
                    }
                    for (String line : dependencyLines) {
                        // the snippet nests by two spaces; the file by its own step
                        String stripped = line.stripLeading();
                        int levels = (line.length() - stripped.length()) / 2;
                        block.append(itemIndent).append(step.repeat(levels)).append(stripped).append(newline);
                    }
                    if (projectEnd) {
                        block.append(step).append("</dependencies>").append(newline);
                    }
                    int lineStart = lt - closingIndent.length();
                    return Optional.of(pom.substring(0, lineStart) + block + pom.substring(lineStart));
                }
                open.pop();
            } else if (!tag.endsWith("/")) {
                open.push(tag.split("[\\s/]", 2)[0]);
            }
        }
        return Optional.empty();
    }

    /** The blanks between the start of {@code offset}'s line and {@code offset}, when only blanks are there. */
    private static String indentBefore(String text, int offset) {
        int start = offset;
        while (start > 0 && (text.charAt(start - 1) == ' ' || text.charAt(start - 1) == '\t')) {
            start--;
        }
        return start == 0 || text.charAt(start - 1) == '\n' ? text.substring(start, offset) : "";
    }

    /** The indentation of the first indented element line (two spaces when nothing is indented). */
    private static String indentStep(String pom) {
        for (String line : pom.split("\n")) {
            String stripped = line.stripLeading();
            if (stripped.startsWith("<") && stripped.length() < line.length() && !stripped.startsWith("<?")) {
                return line.substring(0, line.length() - stripped.length());
            }
        }
        return "  ";
    }
}
