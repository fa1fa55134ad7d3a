package dev.numguard.errorprone;

import com.google.auto.service.AutoService;
import com.google.errorprone.BugPattern;
import com.google.errorprone.bugpatterns.BugChecker;

/** Error Prone face of numguard's {@link dev.numguard.rules.core.NaiveSoftmax} rule. */
@AutoService(BugChecker.class)
@BugPattern(
        name = "NaiveSoftmax",
        summary = "Softmax without a max shift overflows to NaN for logits above 709.78",
        severity = BugPattern.SeverityLevel.ERROR,
        linkType = BugPattern.LinkType.CUSTOM,
        link = "https://numguard.dev/docs/rules/NaiveSoftmax.md")
public final class NaiveSoftmax extends RuleChecker {
    public NaiveSoftmax() {
        super(new dev.numguard.rules.core.NaiveSoftmax());
    }
}
