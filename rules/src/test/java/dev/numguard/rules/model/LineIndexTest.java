package dev.numguard.rules.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.numguard.rules.SourceSpan;
import org.junit.jupiter.api.Test;

class LineIndexTest {
    @Test
    void numbersLinesAndColumnsFromOneWithEveryLineBreakStyle() {
        String text = "ab\ncd\r\nef\rgh";
        LineIndex index = new LineIndex(text);
        assertThat(index.line(0)).isEqualTo(1);
        assertThat(index.line(3)).isEqualTo(2);
        assertThat(index.column(4)).isEqualTo(2);
        assertThat(index.line(7)).isEqualTo(3);
        assertThat(index.line(10)).isEqualTo(4);
        assertThat(index.lineStart(4)).isEqualTo(10);
    }

    @Test
    void spanEndIsExclusiveAndEndLineIsThatOfTheLastChar() {
        LineIndex index = new LineIndex("x = a;\ny = b;\n");
        SourceSpan span = index.span(4, 8);
        assertThat(span).isEqualTo(new SourceSpan(4, 8, 1, 5, 2, 1));
        assertThat(index.span(2, 2)).isEqualTo(new SourceSpan(2, 2, 1, 3, 1, 3));
    }

    @Test
    void rejectsSpansOutsideTheText() {
        LineIndex index = new LineIndex("abc");
        assertThatThrownBy(() -> index.span(2, 4)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> index.span(-1, 1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void emptyTextHasOneLine() {
        LineIndex index = new LineIndex("");
        assertThat(index.span(0, 0)).isEqualTo(new SourceSpan(0, 0, 1, 1, 1, 1));
    }
}
