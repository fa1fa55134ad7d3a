package dev.numguard.rules.fixes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.numguard.rules.SourceSpan;
import org.junit.jupiter.api.Test;

class SourceEditsTest {
    private static SourceSpan spanOf(String source, String part) {
        int start = source.indexOf(part);
        return new SourceSpan(start, start + part.length(), 1, start + 1, 1, start + part.length() + 1);
    }

    @Test
    void anExpressionInItsOwnParenthesesIsGrouped() {
        String source = "y = v[i] * ( 1.0 / norm );";
        assertThat(SourceEdits.isGrouped(spanOf(source, "1.0 / norm"), source)).isTrue();
        String call = "f(a / b)";
        assertThat(SourceEdits.isGrouped(spanOf(call, "a / b"), call)).isTrue();
    }

    @Test
    void anOperandOfALargerExpressionIsNotGrouped() {
        String source = "y = v[i] * 1.0 / norm + 1;";
        assertThat(SourceEdits.isGrouped(spanOf(source, "1.0 / norm"), source)).isFalse();
        String argument = "f(a, b / c)";
        assertThat(SourceEdits.isGrouped(spanOf(argument, "b / c"), argument)).isFalse();
    }

    @Test
    void theSpanOfParenthesisedOperandsIsNotGrouped() {
        String source = "y = (p) / (q);";
        assertThat(SourceEdits.isGrouped(spanOf(source, "p) / (q"), source)).isFalse();
        String unbalanced = "y = ((p) / q);";
        assertThat(SourceEdits.isGrouped(spanOf(unbalanced, "p) / q"), unbalanced)).isFalse();
    }

    @Test
    void theEdgesOfTheFileAreNotGrouped() {
        String source = "a / b";
        assertThat(SourceEdits.isGrouped(new SourceSpan(0, 5, 1, 1, 1, 6), source)).isFalse();
    }
}
