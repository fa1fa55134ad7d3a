package dev.numguard.analyzer.testing;

import dev.numguard.rules.Finding;
import dev.numguard.rules.Fix;
import dev.numguard.rules.Severity;
import dev.numguard.rules.SourceSpan;
import dev.numguard.rules.TextEdit;
import java.util.List;
import java.util.Optional;

/** Hand-made findings for tests that do not need a real front end. */
public final class Findings {
    private Findings() {
    }

    /** The span of the first occurrence of {@code needle} in {@code text}, with lines and columns. */
    public static SourceSpan spanOf(String text, String needle) {
        int start = text.indexOf(needle);
        if (start < 0) {
            throw new IllegalArgumentException("'" + needle + "' not in text");
        }
        return span(text, start, start + needle.length());
    }

    public static SourceSpan span(String text, int start, int end) {
        int[] first = lineColumn(text, start);
        int[] last = lineColumn(text, Math.max(start, end - 1));
        return new SourceSpan(start, end, first[0], first[1], last[0], last[1]);
    }

    private static int[] lineColumn(String text, int offset) {
        int line = 1;
        int column = 1;
        for (int i = 0; i < offset; i++) {
            if (text.charAt(i) == '\n') {
                line++;
                column = 1;
            } else {
                column++;
            }
        }
        return new int[] {line, column};
    }

    /** A warning for the first occurrence of {@code needle}, fixed by replacing it. */
    public static Finding replacing(String file, String text, String needle, String replacement, String... imports) {
        SourceSpan span = spanOf(text, needle);
        Fix fix = new Fix("Replace " + needle, List.of(TextEdit.replace(span, replacement)), List.of(imports));
        return new Finding("TestRule", Severity.WARNING, file, span, "breaks when x > 709.78", Optional.of(fix));
    }

    public static Finding withoutFix(String file, String text, String needle) {
        return new Finding("TestRule", Severity.WARNING, file, spanOf(text, needle), "fix it by hand", Optional.empty());
    }
}
