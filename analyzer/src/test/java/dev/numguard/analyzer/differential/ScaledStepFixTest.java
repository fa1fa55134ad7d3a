package dev.numguard.analyzer.differential;

import static org.assertj.core.api.Assertions.assertThat;

import dev.numguard.rules.fixtures.RuleFixture;
import java.lang.reflect.Method;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * ForwardDifference's in-place fix ({@code Derivative.centralStep}) on hostile magnitudes, where no
 * metamorphic relation gives a reference for an arbitrary function: the fixture differentiates
 * x³, whose derivative 3x² is computed exactly (BigDecimal). At |x| = 1e8 and beyond, the original
 * steps of 1e-10 and 1e-9 are below half an ulp of x, so x ± h rounds to x and the original
 * quotient is 0; the fixed one keeps about ten digits.
 */
class ScaledStepFixTest {
    private static final double[] HOSTILE = {1e8, -3.7e9, 2.5e12, 1e30};

    @Test
    void fixedQuotientsMatchTheExactDerivativeWhereTheFixedStepVanishes() throws Exception {
        Path folder = RuleFixture.root().resolve("ForwardDifference");
        Class<?> original = InMemoryCompiler.compileAndLoad(folder.resolve("positive/StepPassedByCaller.java"));
        Class<?> fixed = InMemoryCompiler.compileAndLoad(folder.resolve("fixed/StepPassedByCaller.java"));
        for (String name : new String[] {"forwardSlope", "centralSlope"}) {
            Method before = original.getMethod(name, double.class);
            Method after = fixed.getMethod(name, double.class);
            for (double x : HOSTILE) {
                double exact = new BigDecimal(x).pow(2).multiply(BigDecimal.valueOf(3))
                        .round(MathContext.DECIMAL128).doubleValue();
                assertThat((double) before.invoke(null, x)).as("original %s(%s)", name, x).isZero();
                double slope = (double) after.invoke(null, x);
                assertThat(Math.abs(slope - exact) / exact).as("fixed %s(%s) = %s, exact %s", name, x, slope, exact)
                        .isLessThan(1e-9);
            }
        }
    }
}
