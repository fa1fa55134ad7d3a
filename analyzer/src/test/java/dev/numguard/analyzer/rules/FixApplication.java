package dev.numguard.analyzer.rules;

import dev.numguard.rules.Fix;
import dev.numguard.rules.TextEdit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Applies fixes to a text the way the fixer does, simply: edits from the end backwards, then each
 * import added after the last import (or after the package line) with its qualified occurrences
 * shortened to the simple name.
 */
final class FixApplication {
    private static final Pattern IMPORT = Pattern.compile("(?m)^import [^;]+;[^\\n]*\\n");
    private static final Pattern PACKAGE = Pattern.compile("(?m)^package [^;]+;");

    private FixApplication() {
    }

    static String apply(String text, List<Fix> fixes) {
        List<TextEdit> edits = new ArrayList<>();
        Set<String> imports = new LinkedHashSet<>();
        for (Fix fix : fixes) {
            edits.addAll(fix.edits());
            imports.addAll(fix.imports());
        }
        edits.sort(Comparator.comparingInt(TextEdit::start).reversed());
        StringBuilder out = new StringBuilder(text);
        int limit = Integer.MAX_VALUE;
        for (TextEdit edit : edits) {
            if (edit.end() > limit) {
                throw new IllegalStateException("overlapping edits at " + edit);
            }
            out.replace(edit.start(), edit.end(), edit.replacement());
            limit = edit.start();
        }
        String result = out.toString();
        for (String qualified : imports) {
            String simple = qualified.substring(qualified.lastIndexOf('.') + 1);
            result = result.replace(qualified, simple);
            String line = "import " + qualified + ";";
            if (result.contains(line)) {
                continue;
            }
            Matcher lastImport = IMPORT.matcher(result);
            int end = -1;
            while (lastImport.find()) {
                end = lastImport.end();
            }
            if (end >= 0) {
                result = result.substring(0, end) + line + "\n" + result.substring(end);
            } else {
                Matcher pkg = PACKAGE.matcher(result);
                int at = pkg.find() ? pkg.end() : 0;
                result = result.substring(0, at) + "\n\n" + line + result.substring(at);
            }
        }
        return result;
    }
}
