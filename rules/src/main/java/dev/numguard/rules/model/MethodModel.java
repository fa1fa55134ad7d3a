package dev.numguard.rules.model;

import dev.numguard.rules.SourceSpan;
import java.util.List;
import java.util.Objects;

/**
 * A method, a constructor, or another body of code that a class runs: an initializer block or the
 * initializer of a field. Each is analysed like a method, so that every rule sees code wherever
 * it lives.
 *
 * @param name the simple name; {@code <init>} for constructors, {@link #STATIC_INITIALIZER} and
 *     {@link #INSTANCE_INITIALIZER} for initializer blocks, {@link #fieldInitializerName(String)} for a
 *     field's initializer (whose body is one assignment of the initial value to the field)
 * @param span the whole declaration, from its first modifier or annotation to its closing brace
 * @param returnType the return type ({@code void} is {@link TypeInfo#UNKNOWN}-like with name
 *     {@code void})
 * @param body the body, or {@code null} for abstract and native methods
 */
public record MethodModel(String name, SourceSpan span, TypeInfo returnType, List<Parameter> parameters,
                          Stmt.Block body, boolean isStatic, boolean isPrivate, boolean isConstructor) {
    /** The name of a {@code static { ... }} block (as javac names the class initializer). */
    public static final String STATIC_INITIALIZER = "<clinit>";
    /** The name of an instance initializer block {@code { ... }}. */
    public static final String INSTANCE_INITIALIZER = "<instinit>";

    public MethodModel {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(returnType, "returnType");
        parameters = List.copyOf(parameters);
    }

    /** The parameter called {@code parameterName}, or null. */
    public Parameter parameter(String parameterName) {
        return parameters.stream().filter(p -> p.name().equals(parameterName)).findFirst().orElse(null);
    }

    /** The name of the body holding field {@code field}'s initializer. */
    public static String fieldInitializerName(String field) {
        return "<field-init:" + field + ">";
    }

    /**
     * The initializer of {@code field} (declared by type {@code owner}, named at {@code nameSpan})
     * as a body of its own: one assignment of the initial value to the field, spanning the
     * declaration. Built here so that every front end shapes it alike.
     */
    public static MethodModel fieldInitializer(String owner, FieldModel field, SourceSpan nameSpan) {
        Objects.requireNonNull(field.init(), "field without initializer");
        Expr.VarRead target = new Expr.VarRead(nameSpan, field.type(), VarKind.FIELD, field.name(), owner, null, true);
        Stmt.Assign assignment = new Stmt.Assign(field.span(), target, AssignOp.ASSIGN, field.init());
        return new MethodModel(fieldInitializerName(field.name()), field.span(), TypeInfo.UNKNOWN, List.of(),
                new Stmt.Block(field.span(), List.of(assignment)), field.isStatic(), true, false);
    }

    /** True for an initializer block or a field's initializer: code no caller can pass arguments to. */
    public boolean isInitializer() {
        return name.startsWith("<") && !isConstructor;
    }
}
