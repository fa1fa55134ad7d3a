package dev.numguard.rules;

import java.util.List;
import java.util.Objects;

/**
 * An automatic rewrite: text edits plus the types they need imported, and how far it can be
 * trusted.
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
 * @param safety whether the rewrite may be applied without review
 */
public record Fix(String description, List<TextEdit> edits, List<String> imports, Safety safety) {
    /** How far a fix can be trusted, as in ruff. */
    public enum Safety {
        /**
         * The rewritten code computes the same mathematical function with the same side effects, on
         * every input where the original result was finite; only rounding changes (for the better).
         */
        SAFE,
        /**
         * The rewrite is right for the idiom, but changes more than one expression (replaces a
         * method body, inserts or removes statements) or differs on edge cases (empty input, NaN
         * order, evaluation count): read it before accepting it.
         */
        REVIEW
    }

    public Fix {
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(safety, "safety");
        edits = List.copyOf(edits);
        imports = List.copyOf(imports);
        if (edits.isEmpty()) {
            throw new IllegalArgumentException("a fix needs at least one edit");
        }
    }

    /**
     * A fix whose safety is not known (read back from a report or cache that predates safety
     * levels, or a test double): it is treated as needing review.
     */
    public Fix(String description, List<TextEdit> edits, List<String> imports) {
        this(description, edits, imports, Safety.REVIEW);
    }

    /** A fix that may be applied without review. */
    public static Fix safe(String description, List<TextEdit> edits, List<String> imports) {
        return new Fix(description, edits, imports, Safety.SAFE);
    }

    /** A fix to read before accepting. */
    public static Fix review(String description, List<TextEdit> edits, List<String> imports) {
        return new Fix(description, edits, imports, Safety.REVIEW);
    }
}
