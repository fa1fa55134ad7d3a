package dev.numguard.rules.model;

/**
 * The numeric kind of a value, as far as numerical stability cares. For arrays it is the kind of
 * the innermost element; boxed types count as their primitive.
 */
public enum NumericType {
    DOUBLE,
    FLOAT,
    INT,
    LONG,
    /** A {@code short} (or runtime-guards {@code Half}): possibly an IEEE binary16 bit pattern. */
    HALF_IN_SHORT,
    OTHER;

    /** True for the binary floating-point kinds whose precision rules reason about. */
    public boolean isFloatingPoint() {
        return this == DOUBLE || this == FLOAT || this == HALF_IN_SHORT;
    }

    /** The Java keyword of the primitive, or {@code double} when there is none. */
    public String javaKeyword() {
        return switch (this) {
            case FLOAT -> "float";
            case INT -> "int";
            case LONG -> "long";
            case HALF_IN_SHORT -> "short";
            default -> "double";
        };
    }
}
