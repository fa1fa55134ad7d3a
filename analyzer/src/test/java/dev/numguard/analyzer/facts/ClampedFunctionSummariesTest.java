package dev.numguard.analyzer.facts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.numguard.rules.facts.MethodSummary;
import dev.numguard.rules.facts.MethodSummary.Shape;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Sanitising exp and log helpers are summarised as exp near 0 and log near 1, look-alikes are not. */
class ClampedFunctionSummariesTest {
    private static final String SOURCE = """
            package p;

            public class Sane {
                static final double MAX = 1e19;
                static final double MIN_LOG = -19;
                static double flag;

                static double exp(double x) { return Math.min(MAX, Math.exp(x)); }
                static double plainExp(double x) { return Math.exp(x); }
                static double boundedExp(double x) { return StrictMath.exp(Math.min(x, 700.0)); }
                static double viaOther(double x) { return exp(x); }
                static double log(double x) {
                    x = Math.max(0, x);
                    return x == 0 ? MIN_LOG : Math.max(MIN_LOG, Math.log(x));
                }
                static double safeLog(double x) { return Math.log(Math.max(x, 1e-300)); }

                static double expAboveTenth(double x) { return Math.exp(Math.max(x, 0.1)); }
                static double linearNearZero(double x) { return x < 0.1 ? 1 + x : Math.exp(x); }
                static double atLeastOne(double x) { return Math.max(1.0, Math.exp(x)); }
                static double doubled(double x) { return Math.exp(x) * 2; }
                static double logAboveTwo(double x) { return x < 2 ? 0.0 : Math.log(x); }
                static double logUnlessFlagged(double x) { return flag == 0 ? 0.0 : Math.log(x); }
                static double reassigned(double x) {
                    x = x * 2;
                    return Math.exp(x);
                }
            }
            """;
    private static LoweredProject project;

    @BeforeAll
    static void lower(@TempDir Path dir) {
        project = LoweredProject.of(dir, SOURCE);
    }

    private static Optional<Shape> returned(String method) {
        return project.project().summary(project.method("p.Sane", method)).returned()
                .filter(e -> e.parameter() == 0).map(MethodSummary.Effect::shape);
    }

    @Test
    void sanitisingHelpersAreExpNearZeroOrLogNearOne() {
        assertThat(returned("exp")).contains(Shape.EXP_NEAR_ZERO);
        assertThat(returned("plainExp")).contains(Shape.EXP_NEAR_ZERO);
        assertThat(returned("boundedExp")).contains(Shape.EXP_NEAR_ZERO);
        assertThat(returned("viaOther")).contains(Shape.EXP_NEAR_ZERO);
        assertThat(returned("log")).contains(Shape.LOG_NEAR_ONE);
        assertThat(returned("safeLog")).contains(Shape.LOG_NEAR_ONE);
    }

    @Test
    void clampsAndBranchesNearThePointAreNotLookedThrough() {
        assertThat(returned("expAboveTenth")).isEmpty();
        assertThat(returned("linearNearZero")).isEmpty();
        assertThat(returned("atLeastOne")).isEmpty();
        assertThat(returned("doubled")).isEmpty();
        assertThat(returned("logAboveTwo")).isEmpty();
        assertThat(returned("logUnlessFlagged")).isEmpty();
        assertThat(returned("reassigned")).isEmpty();
    }
}
