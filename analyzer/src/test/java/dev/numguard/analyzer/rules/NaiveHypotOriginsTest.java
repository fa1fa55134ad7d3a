package dev.numguard.analyzer.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.numguard.rules.Finding;
import dev.numguard.rules.Severity;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The severity NaiveHypot gives by where the squared values come from: a warning for caller data,
 * a note (with the origin named) for state no caller passes, nothing for bounded origins.
 */
class NaiveHypotOriginsTest {
    @TempDir
    Path dir;

    private List<Finding> analyse(String name, String text) throws IOException {
        return WithoutClasspath.findings(dir, "NaiveHypot", name, text);
    }

    @Test
    void aPrivateHelperOnAPublicMethodsArgumentsIsAWarning() throws IOException {
        List<Finding> findings = analyse("Geometry.java", """
                public class Geometry {
                    public static double distance(double x1, double y1, double x2, double y2) {
                        return length(x2 - x1, y2 - y1);
                    }
                    private static double length(double dx, double dy) {
                        return Math.sqrt(dx * dx + dy * dy);
                    }
                }
                """);
        assertThat(findings).extracting(Finding::severity).containsExactly(Severity.WARNING);
    }

    @Test
    void valuesNoCallerPassesGiveANoteNamingTheirOrigin() throws IOException {
        List<Finding> findings = analyse("Rows.java", """
                import java.io.BufferedReader;
                import java.io.IOException;
                public class Rows {
                    public static double rowNorm(BufferedReader in) throws IOException {
                        String[] cells = in.readLine().split(",");
                        double sum = 0;
                        for (String cell : cells) {
                            double v = Double.parseDouble(cell);
                            sum += v * v;
                        }
                        return Math.sqrt(sum);
                    }
                }
                """);
        assertThat(findings).extracting(Finding::severity).containsExactly(Severity.INFO);
        assertThat(findings.get(0).message()).contains("no value squared is a caller's argument", "Double.parseDouble(cell)");
    }

    @Test
    void aPrivateHelperOnIntCoordinatesAndANormTurnedIntoACountAreLeftAlone() throws IOException {
        List<Finding> findings = analyse("Pixels.java", """
                public class Pixels {
                    public static double perimeter(int[] xs, int[] ys) {
                        double total = 0;
                        for (int i = 1; i < xs.length; i++) {
                            total += segment(xs[i] - xs[i - 1], ys[i] - ys[i - 1]);
                        }
                        return total;
                    }
                    private static double segment(double dx, double dy) {
                        return Math.sqrt(dx * dx + dy * dy);
                    }
                    public static long steps(double dx, double dy) {
                        return Math.round(Math.sqrt(dx * dx + dy * dy));
                    }
                }
                """);
        assertThat(findings).isEmpty();
    }
}
