package dev.numguard.rules.model;

/** Where a variable read comes from. Lambda and enhanced-for variables are locals. */
public enum VarKind {
    LOCAL,
    PARAMETER,
    FIELD
}
