package dev.numguard.rules.model;

import dev.numguard.rules.SourceSpan;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A class, interface, enum or record with its own fields and methods. Nested member types, local
 * classes and anonymous classes (enum constant bodies included) are separate {@code ClassModel}s of
 * the same file; a local or anonymous class is named by its binary name ({@code p.Outer$1},
 * {@code p.Outer$1Local}).
 */
public record ClassModel(String qualifiedName, String simpleName, SourceSpan span, List<FieldModel> fields,
                         List<MethodModel> methods) {
    public ClassModel {
        Objects.requireNonNull(qualifiedName, "qualifiedName");
        Objects.requireNonNull(simpleName, "simpleName");
        fields = List.copyOf(fields);
        methods = List.copyOf(methods);
    }

    public Optional<FieldModel> field(String name) {
        return fields.stream().filter(f -> f.name().equals(name)).findFirst();
    }

    /** The methods called {@code name} (overloads included). */
    public List<MethodModel> methodsNamed(String name) {
        return methods.stream().filter(m -> m.name().equals(name)).toList();
    }
}
