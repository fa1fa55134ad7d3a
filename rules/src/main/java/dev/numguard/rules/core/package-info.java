/**
 * The core rules, one class each, written like Error Prone checks: metadata at the top, one
 * {@code match} method with early returns, and the fix built next to the match.
 */
package dev.numguard.rules.core;
