package dev.numguard.analyzer.fix;

import java.util.regex.Pattern;

/**
 * The line separator a file uses, so that text the fixer inserts matches it ({@code \r\n} files
 * stay {@code \r\n} throughout).
 */
public final class LineEndings {
    private static final Pattern ANY_LINE_BREAK = Pattern.compile("\r\n|\r|\n");

    private LineEndings() {
    }

    /**
     * The file's dominant separator: {@code "\r\n"} when it has more CRLF than lone LF breaks,
     * {@code "\r"} for old Mac files, else {@code "\n"} (also for a file without any break).
     */
    public static String dominant(String text) {
        int crlf = 0;
        int lf = 0;
        int cr = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\r') {
                if (i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    crlf++;
                    i++;
                } else {
                    cr++;
                }
            } else if (c == '\n') {
                lf++;
            }
        }
        if (crlf > lf && crlf >= cr) {
            return "\r\n";
        }
        if (cr > lf && cr > crlf) {
            return "\r";
        }
        return "\n";
    }

    /** {@code text} with every line break (CRLF, CR or LF) replaced by {@code separator}. */
    public static String convert(String text, String separator) {
        return ANY_LINE_BREAK.matcher(text).replaceAll(separator);
    }
}
