package dev.numguard.analyzer.spoon;

import dev.numguard.rules.SourceSpan;
import dev.numguard.rules.model.LineIndex;
import spoon.reflect.cu.SourcePosition;
import spoon.reflect.declaration.CtElement;

/**
 * Turns Spoon positions (inclusive end offsets, parentheses included) into the model's exact
 * spans (exclusive end, parentheses excluded, statements with their semicolon).
 */
final class SpanMapper {
    private final String text;
    private final LineIndex lines;
    /** How {@code text} was given to Spoon, and how long that was. */
    private final SyntaxCheck.Wrapper wrapper;
    private final int parsedLength;

    SpanMapper(String text) {
        this(text, SyntaxCheck.Wrapper.NONE);
    }

    SpanMapper(String text, SyntaxCheck.Wrapper wrapper) {
        this.text = text;
        this.lines = new LineIndex(text);
        this.wrapper = wrapper;
        this.parsedLength = wrapper.parsedLength(text.length());
    }

    String text() {
        return text;
    }

    /** The raw {@code [start, end)} of {@code e}, or of its nearest ancestor with a position. */
    int[] raw(CtElement e) {
        CtElement current = e;
        while (current != null) {
            SourcePosition p = current.getPosition();
            if (p != null && p.isValidPosition() && p.getSourceEnd() < parsedLength) {
                // a wrapper's own code (a snippet's class and method) is clamped to the text
                int last = offset(p.getSourceEnd());
                return new int[] {inText(p.getSourceStart()), last >= 0 ? clamp(last + 1) : inText(p.getSourceEnd())};
            }
            current = current.isParentInitialized() ? current.getParent() : null;
        }
        return new int[] {0, 0};
    }

    /** True when {@code e} itself has a position in the text. */
    boolean hasPosition(CtElement e) {
        SourcePosition p = e.getPosition();
        return p != null && p.isValidPosition() && p.getSourceEnd() < parsedLength;
    }

    /** The offset in the text of {@code parsedOffset}, a Spoon offset; -1 when it lies in a wrapper. */
    int offset(int parsedOffset) {
        return wrapper.textOffset(parsedOffset, text.length());
    }

    /** Like {@link #offset}, but an offset inside the wrapper lies before the text or after it. */
    private int inText(int parsedOffset) {
        int offset = offset(parsedOffset);
        return offset >= 0 ? offset : parsedOffset < wrapper.prefix().length() ? 0 : text.length();
    }

    private int clamp(int offset) {
        return Math.max(0, Math.min(offset, text.length()));
    }

    SourceSpan span(int start, int end) {
        return lines.span(start, end);
    }

    /** {@code [start, end)} without the balanced parentheses (and blanks) around it. */
    int[] stripParentheses(int start, int end) {
        int s = start;
        int e = end;
        while (true) {
            while (s < e && Character.isWhitespace(text.charAt(s))) {
                s++;
            }
            while (e > s && Character.isWhitespace(text.charAt(e - 1))) {
                e--;
            }
            if (e - s >= 2 && text.charAt(s) == '(' && text.charAt(e - 1) == ')' && matchingParenthesis(s) == e - 1) {
                s++;
                e--;
            } else {
                return new int[] {s, e};
            }
        }
    }

    /** The offset after the cast {@code (T)} starting at {@code start}, blanks skipped; -1 if none. */
    int skipCast(int start, int end) {
        if (start >= end || text.charAt(start) != '(') {
            return -1;
        }
        int close = matchingParenthesis(start);
        if (close < 0 || close + 1 >= end) {
            return -1;
        }
        int next = close + 1;
        while (next < end && Character.isWhitespace(text.charAt(next))) {
            next++;
        }
        return next;
    }

    /** The span of a statement, extended over its terminating semicolon when that follows it. */
    int[] statement(int start, int end) {
        if (end > 0 && text.charAt(end - 1) == ';') {
            return new int[] {start, end};
        }
        int i = end;
        while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
            i++;
        }
        return i < text.length() && text.charAt(i) == ';' ? new int[] {start, i + 1} : new int[] {start, end};
    }

    /** The offset of the ')' closing the '(' at {@code open}, skipping string and char literals. */
    int matchingParenthesis(int open) {
        int depth = 0;
        for (int i = open; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\'') {
                i = skipLiteral(i, c);
            } else if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
                if (depth == 0) {
                    return i;
                }
            }
        }
        return -1;
    }

    private int skipLiteral(int start, char quote) {
        for (int i = start + 1; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == quote) {
                return i;
            }
        }
        return text.length();
    }
}
