package dev.numguard.rules.model;

import dev.numguard.rules.SourceSpan;
import java.util.List;
import java.util.Objects;

/**
 * One Java source file lowered into the model.
 *
 * @param path the file's path as the front end was given it
 * @param text the decoded text; every span indexes into it
 * @param classes every named class of the file, nested ones included
 * @param suppressions every {@code @SuppressWarnings} of the file
 */
public record SourceFileModel(String path, String text, List<ClassModel> classes, List<Suppression> suppressions) {
    public SourceFileModel {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(text, "text");
        classes = List.copyOf(classes);
        suppressions = List.copyOf(suppressions);
    }

    /** The source text of {@code span}. */
    public String text(SourceSpan span) {
        return text.substring(span.start(), span.end());
    }

    /** True when an enclosing {@code @SuppressWarnings} silences {@code ruleId} at {@code span}. */
    public boolean isSuppressed(String ruleId, SourceSpan span) {
        return suppressions.stream().anyMatch(s -> s.suppresses(ruleId, span));
    }
}
