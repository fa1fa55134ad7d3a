package dev.numguard.errorprone;

import com.google.auto.service.AutoService;
import com.google.errorprone.BugPattern;
import com.google.errorprone.bugpatterns.BugChecker;

/** Error Prone face of numguard's {@link dev.numguard.rules.core.NaiveVariance} rule. */
@AutoService(BugChecker.class)
@BugPattern(
        name = "NaiveVariance",
        summary = "Variance as E[X²] − E[X]² loses every digit once |mean|/std exceeds about 10^8",
        severity = BugPattern.SeverityLevel.ERROR,
        linkType = BugPattern.LinkType.CUSTOM,
        link = "https://numguard.dev/docs/rules/NaiveVariance.md")
public final class NaiveVariance extends RuleChecker {
    public NaiveVariance() {
        super(new dev.numguard.rules.core.NaiveVariance());
    }
}
