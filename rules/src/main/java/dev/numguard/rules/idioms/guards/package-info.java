/**
 * Control flow that protects a computation: a branch that leaves the method or loop before it
 * ({@link dev.numguard.rules.idioms.guards.EarlyExit}). Used by NaiveSoftplus and NormalizeWithoutEpsilon.
 */
package dev.numguard.rules.idioms.guards;
