package dev.numguard.analyzer.fix;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class UnifiedDiffTest {
    @Test
    void equalTextsGiveNoDiff() {
        assertThat(UnifiedDiff.between("A.java", "x\n", "x\n")).isEmpty();
    }

    @Test
    void showsThreeLinesOfContextAndSeparateHunks() {
        StringBuilder before = new StringBuilder();
        for (int i = 1; i <= 20; i++) {
            before.append("line ").append(i).append('\n');
        }
        String after = before.toString().replace("line 2\n", "line two\n").replace("line 18\n", "line eighteen\n");

        assertThat(UnifiedDiff.between("A.java", before.toString(), after)).isEqualTo("""
                --- a/A.java
                +++ b/A.java
                @@ -1,5 +1,5 @@
                 line 1
                -line 2
                +line two
                 line 3
                 line 4
                 line 5
                @@ -15,6 +15,6 @@
                 line 15
                 line 16
                 line 17
                -line 18
                +line eighteen
                 line 19
                 line 20
                """);
    }

    @Test
    void keepsCarriageReturnsSoThePatchAppliesToACrlfFile() {
        assertThat(UnifiedDiff.between("A.java", "a\r\nb\r\n", "a\r\nc\r\n"))
                .isEqualTo("--- a/A.java\n+++ b/A.java\n@@ -1,2 +1,2 @@\n a\r\n-b\r\n+c\r\n");
    }

    @Test
    void marksALastLineWithoutLineBreak() {
        assertThat(UnifiedDiff.between("A.java", "a\nb", "a\nc\n"))
                .isEqualTo("--- a/A.java\n+++ b/A.java\n@@ -1,2 +1,2 @@\n a\n-b\n\\ No newline at end of file\n+c\n");
    }

    @Test
    void diffsFromAndToAnEmptyFile() {
        assertThat(UnifiedDiff.between("A.java", "", "x\n")).isEqualTo("--- a/A.java\n+++ b/A.java\n@@ -0,0 +1,1 @@\n+x\n");
        assertThat(UnifiedDiff.between("A.java", "x\n", "")).isEqualTo("--- a/A.java\n+++ b/A.java\n@@ -1,1 +0,0 @@\n-x\n");
    }
}
