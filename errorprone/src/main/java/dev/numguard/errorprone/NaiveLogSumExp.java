package dev.numguard.errorprone;

import com.google.auto.service.AutoService;
import com.google.errorprone.BugPattern;
import com.google.errorprone.bugpatterns.BugChecker;

/** Error Prone face of numguard's {@link dev.numguard.rules.core.NaiveLogSumExp} rule. */
@AutoService(BugChecker.class)
@BugPattern(
        name = "NaiveLogSumExp",
        summary = "log(Σ exp(x)) without a max shift is Infinity for inputs above 709.78 and -Infinity below -745",
        severity = BugPattern.SeverityLevel.ERROR,
        linkType = BugPattern.LinkType.CUSTOM,
        link = "https://numguard.dev/docs/rules/NaiveLogSumExp.md")
public final class NaiveLogSumExp extends RuleChecker {
    public NaiveLogSumExp() {
        super(new dev.numguard.rules.core.NaiveLogSumExp());
    }
}
