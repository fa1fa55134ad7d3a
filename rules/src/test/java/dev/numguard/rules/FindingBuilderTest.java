package dev.numguard.rules;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A finding's parts are composed in one place: message, lowered severity with its reason, hand-fix advice. */
class FindingBuilderTest {
    private static final SourceSpan SPAN = new SourceSpan(40, 55, 3, 5, 3, 20);

    private static Finding.Builder builder(Severity severity) {
        return new Finding.Builder("Log1p", severity, "A.java", SPAN).message("log(1 + x) loses digits.");
    }

    @Test
    void aLoweredFindingSaysWhyInItsMessage() {
        Finding finding = builder(Severity.WARNING).lowered(Severity.INFO, "x is at least 0.5 after the branch at line 2")
                .handFix("use Math.log1p(x)").build();

        assertThat(finding.severity()).isEqualTo(Severity.INFO);
        assertThat(finding.message()).isEqualTo("log(1 + x) loses digits. (reported as note: x is at least 0.5 after the"
                + " branch at line 2) Fix by hand: use Math.log1p(x)");
    }

    @Test
    void loweringNeverRaisesAndLoweringToTheSameSeverityChangesNothing() {
        Finding raised = builder(Severity.WARNING).lowered(Severity.ERROR, "never said").build();
        Finding same = builder(Severity.WARNING).lowered(Severity.WARNING, "never said").build();

        assertThat(raised.severity()).isEqualTo(Severity.WARNING);
        assertThat(same.severity()).isEqualTo(Severity.WARNING);
        assertThat(raised.message()).isEqualTo(same.message()).isEqualTo("log(1 + x) loses digits.");
    }
}
