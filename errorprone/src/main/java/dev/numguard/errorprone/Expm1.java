package dev.numguard.errorprone;

import com.google.auto.service.AutoService;
import com.google.errorprone.BugPattern;
import com.google.errorprone.bugpatterns.BugChecker;

/** Error Prone face of numguard's {@link dev.numguard.rules.core.Expm1} rule. */
@AutoService(BugChecker.class)
@BugPattern(
        name = "Expm1",
        summary = "exp(x) - 1 cancels for small x; Math.expm1(x) does not",
        severity = BugPattern.SeverityLevel.WARNING,
        linkType = BugPattern.LinkType.CUSTOM,
        link = "https://numguard.dev/docs/rules/Expm1.md")
public final class Expm1 extends RuleChecker {
    public Expm1() {
        super(new dev.numguard.rules.core.Expm1());
    }
}
