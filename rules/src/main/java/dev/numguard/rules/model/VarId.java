package dev.numguard.rules.model;

import java.util.Objects;

/**
 * The identity of a variable: which declaration a read or a write refers to, so that analyses never
 * key variables by name (a shadowing local, a field and a parameter called {@code sum} stay apart).
 * Both front ends resolve it the same way:
 * <ul>
 *   <li>a local or parameter (lambda, catch, enhanced-for and pattern variables included) is
 *       identified by the offset of its name in its declaration, in the file's text
 *       ({@code declaredAt}; locals of different files are never compared);</li>
 *   <li>a field by the qualified name of its declaring type and its name ({@code owner} and
 *       {@code name}), the same in every file of a project.</li>
 * </ul>
 * A local whose declaration the front end could not resolve has {@code declaredAt == -1}: it is
 * identified by name alone ({@link #isResolved()} is false), the old behaviour.
 *
 * @param kind {@link VarKind#LOCAL}, {@link VarKind#PARAMETER} or {@link VarKind#FIELD}
 * @param name the simple name (for messages; identity of locals comes from {@code declaredAt})
 * @param owner for a field, the qualified name of its declaring type ({@code "?"} when unknown);
 *     {@code null} for locals and parameters
 * @param declaredAt for locals and parameters, the offset of the declaration's name; -1 for fields
 *     and unresolved locals
 */
public record VarId(VarKind kind, String name, String owner, int declaredAt) {
    /** The owner of an array's {@code length}: one identity for every array type. */
    public static final String ARRAY_OWNER = "[]";

    public VarId {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
        if (kind == VarKind.FIELD) {
            // Spoon names member types by their binary name (Outer$Inner), javac by the canonical one
            owner = owner == null ? "?" : owner.replace('$', '.');
            declaredAt = -1;
        } else {
            owner = null;
        }
    }

    /** The field {@code name} declared by type {@code owner} (a qualified name, null when unknown). */
    public static VarId field(String owner, String name) {
        return new VarId(VarKind.FIELD, name, owner, -1);
    }

    /** The local variable whose declaration names it at offset {@code declaredAt}. */
    public static VarId local(String name, int declaredAt) {
        return new VarId(VarKind.LOCAL, name, null, declaredAt);
    }

    /** The method parameter whose declaration names it at offset {@code declaredAt}. */
    public static VarId parameter(String name, int declaredAt) {
        return new VarId(VarKind.PARAMETER, name, null, declaredAt);
    }

    /** True for a field. */
    public boolean isField() {
        return kind == VarKind.FIELD;
    }

    /** False for a local or parameter whose declaration the front end did not resolve. */
    public boolean isResolved() {
        return kind == VarKind.FIELD || declaredAt >= 0;
    }

    @Override
    public String toString() {
        return isField() ? owner + "." + name : name + "@" + declaredAt;
    }
}
