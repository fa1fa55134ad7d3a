package dev.numguard.analyzer.differential;

/**
 * One hostile input for a fixture method and the result a correct implementation gives on it.
 *
 * @param label what was done to the benign input, for failure messages
 * @param arguments the hostile arguments
 * @param expected the reference outcome
 */
record HostileCase(String label, Object[] arguments, Outcome expected) {
}
