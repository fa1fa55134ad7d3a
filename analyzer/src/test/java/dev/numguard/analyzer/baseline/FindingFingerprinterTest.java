package dev.numguard.analyzer.baseline;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FindingFingerprinterTest {
    @Test
    void whitespaceThatSeparatesNoWordsIsDropped() {
        assertThat(FindingFingerprinter.normalizeWhitespace("Math.log(\n   Math.exp(a)\n +  Math.exp(b) )"))
                .isEqualTo("Math.log(Math.exp(a)+Math.exp(b))");
    }

    @Test
    void whitespaceBetweenWordsIsKeptAsOneSpace() {
        assertThat(FindingFingerprinter.normalizeWhitespace("  return\tnew   double[n] ;\n"))
                .isEqualTo("return new double[n];");
        assertThat(FindingFingerprinter.normalizeWhitespace("(float)  $x"))
                .isEqualTo("(float)$x");
    }

    @Test
    void emptyAndBlankTextNormaliseToEmpty() {
        assertThat(FindingFingerprinter.normalizeWhitespace("")).isEmpty();
        assertThat(FindingFingerprinter.normalizeWhitespace(" \n\t ")).isEmpty();
    }
}
