package dev.numguard.analyzer.differential;

/**
 * One hostile input for a fixture method, the result a correct implementation gives on it, and how
 * close a correct implementation can be expected to come.
 *
 * @param label what was done to the benign input, for failure messages
 * @param arguments the hostile arguments
 * @param expected the reference outcome
 * @param tolerance how close the fixed code must come to the reference
 */
record HostileCase(String label, Object[] arguments, Outcome expected, Tolerance tolerance) {
}
