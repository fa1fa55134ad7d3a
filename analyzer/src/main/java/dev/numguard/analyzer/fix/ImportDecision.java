package dev.numguard.analyzer.fix;

/** How the fixer writes one fully qualified name a fix needs. */
enum ImportDecision {
    /** Add {@code import a.b.C;} and write {@code C}. */
    IMPORT_AND_SHORTEN,
    /** Write {@code C}: it already means {@code a.b.C} (imported, same package, or {@code java.lang}). */
    SHORTEN_ONLY,
    /** Keep {@code a.b.C}: the simple name is, or may be, taken by another type in this file. */
    KEEP_QUALIFIED
}
