package dev.numguard.rules.generate;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Put on a package (in its {@code package-info.java}) to have {@link ErrorProneCheckerGenerator}
 * write one Error Prone checker per registered rule into it, at compile time.
 */
@Retention(RetentionPolicy.SOURCE)
@Target(ElementType.PACKAGE)
public @interface GenerateErrorProneCheckers {
    /** The simple name of the adapter class in that package that every checker extends. */
    String adapter();
}
