package dev.numguard.errorprone;

import com.google.auto.service.AutoService;
import com.google.errorprone.BugPattern;
import com.google.errorprone.bugpatterns.BugChecker;

/** Error Prone face of numguard's {@link dev.numguard.rules.core.LogOfProduct} rule. */
@AutoService(BugChecker.class)
@BugPattern(
        name = "LogOfProduct",
        summary = "log of a product of probabilities underflows to -Infinity; sum the logs",
        severity = BugPattern.SeverityLevel.ERROR,
        linkType = BugPattern.LinkType.CUSTOM,
        link = "https://numguard.dev/docs/rules/LogOfProduct.md")
public final class LogOfProduct extends RuleChecker {
    public LogOfProduct() {
        super(new dev.numguard.rules.core.LogOfProduct());
    }
}
