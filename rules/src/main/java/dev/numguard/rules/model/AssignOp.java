package dev.numguard.rules.model;

/** {@code =} and the compound assignments rules care about; the rest are {@link #OTHER}. */
public enum AssignOp {
    ASSIGN,
    ADD,
    SUBTRACT,
    MULTIPLY,
    DIVIDE,
    OTHER
}
