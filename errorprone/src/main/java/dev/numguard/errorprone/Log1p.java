package dev.numguard.errorprone;

import com.google.auto.service.AutoService;
import com.google.errorprone.BugPattern;
import com.google.errorprone.bugpatterns.BugChecker;

/** Error Prone face of numguard's {@link dev.numguard.rules.core.Log1p} rule. */
@AutoService(BugChecker.class)
@BugPattern(
        name = "Log1p",
        summary = "log(1 + x) loses the digits of a small x; Math.log1p(x) keeps them",
        severity = BugPattern.SeverityLevel.WARNING,
        linkType = BugPattern.LinkType.CUSTOM,
        link = "https://numguard.dev/docs/rules/Log1p.md")
public final class Log1p extends RuleChecker {
    public Log1p() {
        super(new dev.numguard.rules.core.Log1p());
    }
}
