package dev.numguard.rules.model;

import java.util.Objects;

/**
 * The static type of an expression or declaration.
 *
 * @param numeric the numeric kind (of the element type, for arrays)
 * @param arrayDimensions 0 for scalars, 1 for {@code double[]}, 2 for {@code double[][]}
 * @param name the qualified name of the element type followed by one {@code []} per dimension,
 *     without type arguments, e.g. {@code double[]} or {@code java.util.List}; {@code "?"} when
 *     unknown
 */
public record TypeInfo(NumericType numeric, int arrayDimensions, String name) {
    public static final TypeInfo UNKNOWN = new TypeInfo(NumericType.OTHER, 0, "?");

    public TypeInfo {
        Objects.requireNonNull(numeric, "numeric");
        Objects.requireNonNull(name, "name");
    }

    public static TypeInfo scalar(NumericType numeric) {
        return new TypeInfo(numeric, 0, numeric.javaKeyword());
    }

    /**
     * The type of an arithmetic operation on {@code a} and {@code b} by binary numeric promotion,
     * for front ends that cannot type the operation themselves; {@link #UNKNOWN} when neither
     * operand is numeric.
     */
    public static TypeInfo promoted(TypeInfo a, TypeInfo b) {
        for (NumericType t : new NumericType[] {NumericType.DOUBLE, NumericType.FLOAT, NumericType.LONG, NumericType.INT}) {
            if (a.numeric() == t || b.numeric() == t) {
                return scalar(t);
            }
        }
        return UNKNOWN;
    }

    public boolean isScalar() {
        return arrayDimensions == 0;
    }

    /** True for a scalar double or float (or fp16 in a short). */
    public boolean isFloatingScalar() {
        return arrayDimensions == 0 && numeric.isFloatingPoint();
    }

    /** True for {@code double[]} or {@code float[]}. */
    public boolean isFloatingVector() {
        return arrayDimensions == 1 && (numeric == NumericType.DOUBLE || numeric == NumericType.FLOAT);
    }
}
