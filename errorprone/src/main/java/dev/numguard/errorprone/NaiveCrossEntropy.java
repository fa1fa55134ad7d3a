package dev.numguard.errorprone;

import com.google.auto.service.AutoService;
import com.google.errorprone.BugPattern;
import com.google.errorprone.bugpatterns.BugChecker;

/** Error Prone face of numguard's {@link dev.numguard.rules.core.NaiveCrossEntropy} rule. */
@AutoService(BugChecker.class)
@BugPattern(
        name = "NaiveCrossEntropy",
        summary = "−log(softmax(x)[t]) is NaN for logits above 709.78 and Infinity once the probability underflows",
        severity = BugPattern.SeverityLevel.ERROR,
        linkType = BugPattern.LinkType.CUSTOM,
        link = "https://numguard.dev/docs/rules/NaiveCrossEntropy.md")
public final class NaiveCrossEntropy extends RuleChecker {
    public NaiveCrossEntropy() {
        super(new dev.numguard.rules.core.NaiveCrossEntropy());
    }
}
