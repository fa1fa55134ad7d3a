package dev.numguard.analyzer.fix;

import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import com.github.difflib.patch.Patch;
import java.util.ArrayList;
import java.util.List;

/**
 * A unified diff ({@code diff -u}, {@code git apply} compatible) between two versions of a file,
 * built with java-diff-utils. Lines keep their {@code \r} in CRLF files so the patch applies to
 * the file as it is; a last line without a line break gets the usual
 * {@code \ No newline at end of file} marker.
 */
public final class UnifiedDiff {
    private static final int CONTEXT_LINES = 3;
    private static final String NO_NEWLINE = "\\ No newline at end of file";

    private UnifiedDiff() {
    }

    /**
     * The diff from {@code before} to {@code after}, with {@code a/} and {@code b/} prefixed to
     * {@code path} in the headers; the empty string when the texts are equal. Every line of the
     * result ends with {@code \n}.
     */
    public static String between(String path, String before, String after) {
        if (before.equals(after)) {
            return "";
        }
        List<String> oldLines = linesWithBreaks(before);
        List<String> newLines = linesWithBreaks(after);
        Patch<String> patch = DiffUtils.diff(oldLines, newLines);
        List<String> diff = UnifiedDiffUtils.generateUnifiedDiff("a/" + path, "b/" + path, oldLines, patch, CONTEXT_LINES);
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < diff.size(); i++) {
            String line = diff.get(i);
            if (i < 2) {
                out.append(line).append('\n');
            } else if (line.startsWith("@@")) {
                out.append(emptySideStartsAtZero(line, before.isEmpty(), after.isEmpty())).append('\n');
            } else if (line.endsWith("\n")) {
                out.append(line);
            } else {
                out.append(line).append('\n').append(NO_NEWLINE).append('\n');
            }
        }
        return out.toString();
    }

    /**
     * An empty file's range is {@code 0,0} in a unified diff ({@code diff -u} and {@code git apply}
     * agree); java-diff-utils writes {@code 1,0}.
     */
    private static String emptySideStartsAtZero(String hunkHeader, boolean beforeEmpty, boolean afterEmpty) {
        String header = hunkHeader;
        if (beforeEmpty) {
            header = header.replace("@@ -1,0 ", "@@ -0,0 ");
        }
        if (afterEmpty) {
            header = header.replace(" +1,0 @@", " +0,0 @@");
        }
        return header;
    }

    /** Splits after each {@code \n}, keeping it (and any {@code \r} before it) on the line; a last line without a break is kept too. */
    public static List<String> linesWithBreaks(String text) {
        List<String> lines = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                lines.add(text.substring(start, i + 1));
                start = i + 1;
            }
        }
        if (start < text.length()) {
            lines.add(text.substring(start));
        }
        return lines;
    }
}
