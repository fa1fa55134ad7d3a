package dev.numguard.analyzer.fix;

/** Line offsets in a text whose lines may end in {@code \n}, {@code \r\n} or {@code \r}. */
final class TextLines {
    private TextLines() {
    }

    /** The offset where 1-based {@code line} starts, or the text's length when it has fewer lines. */
    static int lineStart(String text, int line) {
        int offset = 0;
        for (int current = 1; current < line; current++) {
            int next = nextLineStart(text, offset);
            if (next < 0) {
                return text.length();
            }
            offset = next;
        }
        return offset;
    }

    /** The offset after the line break that ends the line {@code from} is on, or -1 on the last line. */
    static int nextLineStart(String text, int from) {
        for (int i = from; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n') {
                return i + 1;
            }
            if (c == '\r') {
                return i + 1 < text.length() && text.charAt(i + 1) == '\n' ? i + 2 : i + 1;
            }
        }
        return -1;
    }
}
