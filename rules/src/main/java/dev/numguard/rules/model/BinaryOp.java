package dev.numguard.rules.model;

/** Binary operators of Java ({@code instanceof} is an {@link Expr.Other}). */
public enum BinaryOp {
    ADD("+"),
    SUBTRACT("-"),
    MULTIPLY("*"),
    DIVIDE("/"),
    REMAINDER("%"),
    LESS("<"),
    LESS_EQUAL("<="),
    GREATER(">"),
    GREATER_EQUAL(">="),
    EQUAL("=="),
    NOT_EQUAL("!="),
    CONDITIONAL_AND("&&"),
    CONDITIONAL_OR("||"),
    AND("&"),
    OR("|"),
    XOR("^"),
    SHIFT_LEFT("<<"),
    SHIFT_RIGHT(">>"),
    UNSIGNED_SHIFT_RIGHT(">>>");

    private final String symbol;

    BinaryOp(String symbol) {
        this.symbol = symbol;
    }

    public String symbol() {
        return symbol;
    }

    /** True for {@code + - * / %}, the operators that bind at least as tightly as {@code -}. */
    public boolean isArithmetic() {
        return this == ADD || this == SUBTRACT || this == MULTIPLY || this == DIVIDE || this == REMAINDER;
    }
}
