package dev.numguard.errorprone;

import com.google.auto.service.AutoService;
import com.google.errorprone.BugPattern;
import com.google.errorprone.bugpatterns.BugChecker;

/** Error Prone face of numguard's {@link dev.numguard.rules.core.UnscaledHalfBackward} rule. */
@AutoService(BugChecker.class)
@BugPattern(
        name = "UnscaledHalfBackward",
        summary = "fp16 gradients without loss scaling: gradients below 6e-8 become 0",
        severity = BugPattern.SeverityLevel.WARNING,
        linkType = BugPattern.LinkType.CUSTOM,
        link = "https://numguard.dev/docs/rules/UnscaledHalfBackward.md")
public final class UnscaledHalfBackward extends RuleChecker {
    public UnscaledHalfBackward() {
        super(new dev.numguard.rules.core.UnscaledHalfBackward());
    }
}
