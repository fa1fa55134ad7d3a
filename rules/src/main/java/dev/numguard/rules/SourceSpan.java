package dev.numguard.rules;

/**
 * A region of one source file. Offsets count UTF-16 chars of the decoded file text,
 * {@code start} inclusive and {@code end} exclusive; lines and columns are 1-based, the end
 * line/column being those of the last char of the region.
 */
public record SourceSpan(int start, int end, int line, int column, int endLine, int endColumn) {
    public SourceSpan {
        if (start < 0 || end < start) {
            throw new IllegalArgumentException("bad span [" + start + ", " + end + ")");
        }
    }

    public boolean contains(SourceSpan other) {
        return start <= other.start && other.end <= end;
    }
}
