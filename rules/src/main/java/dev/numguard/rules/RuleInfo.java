package dev.numguard.rules;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A rule's metadata, declared once on its class, like Error Prone's {@code @BugPattern}. The rule
 * id is the class's simple name. Everything a user reads about a rule is generated from this one
 * declaration: the docs page {@code docs/rules/<Id>.md}, {@code numguard rules} and
 * {@code numguard explain}, SARIF rule descriptors, and the Error Prone checker of the rule. The
 * sections follow ruff's layout; the "Suppression" section is generated.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface RuleInfo {
    /** One line. */
    String summary();

    /** Severity unless configured otherwise. */
    Severity severity();

    /** "What it does". */
    String whatItDoes();

    /** "Why is this bad?", with the concrete failure threshold. */
    String whyIsThisBad();

    /** Java code that is flagged. */
    String example();

    /** The Java code the fix produces. */
    String useInstead();

    /** "Fix safety": which rewrites are {@link Fix.Safety#SAFE} and which need review, and why. */
    String fixSafety();

    /** "Known limits": what the rule misses or flags wrongly, so users can judge a silence. */
    String knownLimits();
}
