package dev.numguard.rules.model;

import dev.numguard.rules.SourceSpan;
import java.util.List;
import java.util.Objects;

/**
 * A method or constructor.
 *
 * @param name the simple name ({@code <init>} for constructors)
 * @param span the whole declaration, from its first modifier or annotation to its closing brace
 * @param returnType the return type ({@code void} is {@link TypeInfo#UNKNOWN}-like with name
 *     {@code void})
 * @param body the body, or {@code null} for abstract and native methods
 */
public record MethodModel(String name, SourceSpan span, TypeInfo returnType, List<Parameter> parameters,
                          Stmt.Block body, boolean isStatic, boolean isPrivate, boolean isConstructor) {
    public MethodModel {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(returnType, "returnType");
        parameters = List.copyOf(parameters);
    }

    /** The parameter called {@code parameterName}, or null. */
    public Parameter parameter(String parameterName) {
        return parameters.stream().filter(p -> p.name().equals(parameterName)).findFirst().orElse(null);
    }
}
