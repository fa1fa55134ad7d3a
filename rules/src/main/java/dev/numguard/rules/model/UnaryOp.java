package dev.numguard.rules.model;

/** Unary operators of Java. */
public enum UnaryOp {
    NEGATE,
    PLUS,
    NOT,
    COMPLEMENT,
    PRE_INCREMENT,
    PRE_DECREMENT,
    POST_INCREMENT,
    POST_DECREMENT;

    /** True for {@code ++}/{@code --} in either position: they also assign their operand. */
    public boolean assigns() {
        return this == PRE_INCREMENT || this == PRE_DECREMENT || this == POST_INCREMENT || this == POST_DECREMENT;
    }
}
