package dev.numguard.rules;

import java.util.Objects;

/** Replace the chars {@code [start, end)} of a file with {@code replacement}. */
public record TextEdit(int start, int end, String replacement) {
    public TextEdit {
        Objects.requireNonNull(replacement, "replacement");
        if (start < 0 || end < start) {
            throw new IllegalArgumentException("bad edit range [" + start + ", " + end + ")");
        }
    }

    public static TextEdit replace(SourceSpan span, String replacement) {
        return new TextEdit(span.start(), span.end(), replacement);
    }

    public static TextEdit insert(int offset, String text) {
        return new TextEdit(offset, offset, text);
    }
}
