package dev.numguard.rules.model;

/** A method parameter. */
public record Parameter(String name, TypeInfo type) {
}
