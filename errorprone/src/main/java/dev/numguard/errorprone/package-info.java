/**
 * The javac front end: {@link dev.numguard.errorprone.JavacLowering} lowers javac trees into the
 * numeric model, and one Error Prone checker per rule reports the rule's findings with their fixes.
 * The checkers are generated at compile time from each rule's {@code @RuleInfo} (see
 * {@link dev.numguard.rules.generate.ErrorProneCheckerGenerator}); each extends
 * {@link dev.numguard.errorprone.RuleChecker}.
 */
@GenerateErrorProneCheckers(adapter = "RuleChecker")
package dev.numguard.errorprone;

import dev.numguard.rules.generate.GenerateErrorProneCheckers;
