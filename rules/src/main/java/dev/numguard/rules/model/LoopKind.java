package dev.numguard.rules.model;

/** The kinds of Java loops. */
public enum LoopKind {
    FOR,
    FOR_EACH,
    WHILE,
    DO_WHILE
}
