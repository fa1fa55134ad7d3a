package dev.numguard.rules;

import java.util.List;
import java.util.Objects;

/**
 * An automatic rewrite: text edits plus the types they need imported.
 *
 * <p>Replacement texts name runtime-guards (and other) types by their fully qualified name,
 * for example {@code dev.numguard.guards.StableMath.softmax(x)}. Each entry of {@link #imports()}
 * is such a fully qualified name; the front end that applies the fix imports it and shortens the
 * qualified occurrences to the simple name, or keeps them qualified when the simple name would
 * clash with a type the file already uses. That keeps rules free of any import logic.
 *
 * @param description one line saying what the fix does, e.g. "Use StableMath.softmax"
 * @param edits non-overlapping edits, in any order
 * @param imports fully qualified type names the replacement texts use
 */
public record Fix(String description, List<TextEdit> edits, List<String> imports) {
    public Fix {
        Objects.requireNonNull(description, "description");
        edits = List.copyOf(edits);
        imports = List.copyOf(imports);
        if (edits.isEmpty()) {
            throw new IllegalArgumentException("a fix needs at least one edit");
        }
    }
}
