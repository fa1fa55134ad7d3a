package dev.numguard.rules.model;

import dev.numguard.rules.SourceSpan;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A class, interface, enum or record with its own fields and methods, and the qualified names of
 * its direct supertypes as written ({@code extends}/{@code implements}; {@code java.lang.Object}
 * and the implicit supertypes of enums and records left out; empty when the front end does not know them). Nested member types, local
 * classes and anonymous classes (enum constant bodies included) are separate {@code ClassModel}s of
 * the same file; a local or anonymous class is named by its binary name ({@code p.Outer$1},
 * {@code p.Outer$1Local}).
 */
public record ClassModel(String qualifiedName, String simpleName, SourceSpan span, List<FieldModel> fields,
                         List<MethodModel> methods, List<String> supertypes) {
    public ClassModel {
        Objects.requireNonNull(qualifiedName, "qualifiedName");
        Objects.requireNonNull(simpleName, "simpleName");
        fields = List.copyOf(fields);
        methods = List.copyOf(methods);
        supertypes = List.copyOf(supertypes);
    }

    /** A class whose supertypes are not known. */
    public ClassModel(String qualifiedName, String simpleName, SourceSpan span, List<FieldModel> fields,
                      List<MethodModel> methods) {
        this(qualifiedName, simpleName, span, fields, methods, List.of());
    }

    public Optional<FieldModel> field(String name) {
        return fields.stream().filter(f -> f.name().equals(name)).findFirst();
    }

    /** The methods called {@code name} (overloads included). */
    public List<MethodModel> methodsNamed(String name) {
        return methods.stream().filter(m -> m.name().equals(name)).toList();
    }
}
