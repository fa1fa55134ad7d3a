package dev.numguard.rules.model;

import dev.numguard.rules.SourceSpan;
import java.util.Objects;

/** A field of a class; {@code init} may be null. */
public record FieldModel(String name, TypeInfo type, SourceSpan span, Expr init, boolean isStatic,
                         boolean isFinal) {
    public FieldModel {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
    }
}
