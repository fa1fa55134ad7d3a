package dev.numguard.rules.model;

import dev.numguard.rules.SourceSpan;
import java.util.Arrays;

/**
 * Turns char offsets of one file's text into {@link SourceSpan}s with 1-based lines and columns,
 * so that every front end computes positions the same way. A line ends after {@code \n}, after
 * {@code \r\n}, or after a lone {@code \r}.
 */
public final class LineIndex {
    private final int[] lineStarts;
    private final int length;

    public LineIndex(String text) {
        int[] starts = new int[16];
        int count = 1;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean lineBreak = c == '\n' || c == '\r' && (i + 1 >= text.length() || text.charAt(i + 1) != '\n');
            if (lineBreak) {
                if (count == starts.length) {
                    starts = Arrays.copyOf(starts, count * 2);
                }
                starts[count++] = i + 1;
            }
        }
        this.lineStarts = Arrays.copyOf(starts, count);
        this.length = text.length();
    }

    /** The 1-based line holding {@code offset}. */
    public int line(int offset) {
        int found = Arrays.binarySearch(lineStarts, offset);
        return found >= 0 ? found + 1 : -found - 1;
    }

    /** The 1-based column of {@code offset} on its line. */
    public int column(int offset) {
        return offset - lineStarts[line(offset) - 1] + 1;
    }

    /** The offset where the 1-based {@code line} starts. */
    public int lineStart(int line) {
        return lineStarts[line - 1];
    }

    /** The span {@code [start, end)}; the end line/column are those of its last char. */
    public SourceSpan span(int start, int end) {
        if (start < 0 || end < start || end > length) {
            throw new IllegalArgumentException("bad span [" + start + ", " + end + ") in a text of " + length);
        }
        int last = Math.max(start, end - 1);
        return new SourceSpan(start, end, line(start), column(start), line(last), column(last));
    }
}
