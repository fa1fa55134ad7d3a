package dev.numguard.rules.model;

/**
 * A method parameter.
 *
 * @param id the parameter declared ({@link VarId#parameter}, at the offset of {@code name})
 */
public record Parameter(String name, TypeInfo type, VarId id) {
    public Parameter {
        id = id == null ? new VarId(VarKind.PARAMETER, name, null, -1) : id;
    }

    /** A parameter whose name offset is not known. */
    public Parameter(String name, TypeInfo type) {
        this(name, type, null);
    }
}
