package dev.numguard.analyzer.fix;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Splits and shortens fully qualified type names such as {@code dev.numguard.guards.StableMath}. */
final class QualifiedNames {
    private QualifiedNames() {
    }

    static String simpleName(String qualifiedName) {
        return qualifiedName.substring(qualifiedName.lastIndexOf('.') + 1);
    }

    static String qualifier(String qualifiedName) {
        int dot = qualifiedName.lastIndexOf('.');
        return dot < 0 ? "" : qualifiedName.substring(0, dot);
    }

    /**
     * Replaces each whole occurrence of {@code qualifiedName} in {@code text} by its simple name. An
     * occurrence is whole when it is not glued to a longer name on either side (so
     * {@code x.dev.numguard.guards.StableMath} and {@code ...StableMathX} stay as they are).
     */
    static String shorten(String text, String qualifiedName) {
        Pattern occurrence = Pattern.compile("(?<![\\p{javaJavaIdentifierPart}.])" + Pattern.quote(qualifiedName)
                + "(?!\\p{javaJavaIdentifierPart})");
        return occurrence.matcher(text).replaceAll(Matcher.quoteReplacement(simpleName(qualifiedName)));
    }
}
