package dev.numguard.guards;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** {@link Derivative}: exact oracles, the accuracy a central difference promises, hostile magnitudes. */
class DerivativeTest {

    /** Two thirds of double's digits, with room for the constant of the truncation term. */
    private static final double RELATIVE_ACCURACY = 1e-9;

    @Test
    void polynomialsOfDegreeTwoAreExactUpToRounding() {
        // the central difference has no truncation error for a quadratic: d/dx (3x² - 2x + 1) = 6x - 2
        for (double x : new double[] {-3.5, 0, 0.25, 1, 7}) {
            double derivative = Derivative.central(v -> 3 * v * v - 2 * v + 1, x);
            assertThat(derivative).isCloseTo(6 * x - 2, within(RELATIVE_ACCURACY * Math.max(1, Math.abs(6 * x - 2))));
        }
    }

    @Test
    void elementaryFunctionsAgreeWithTheirDerivativesWithinTheTruncationAndRoundingBound() {
        SplittableRandom random = new SplittableRandom(20261203);
        for (int i = 0; i < 1000; i++) {
            double x = random.nextDouble(-20, 20);
            // |error| <= h^2/6 max|f'''| + 2 eps max|f| / h (truncation plus the rounding of the two values)
            assertThat(Derivative.central(Math::sin, x)).isCloseTo(Math.cos(x), within(2 * bound(x, 1, 1)));
            double largest = Math.exp((x + 1) / 4);
            assertThat(Derivative.central(v -> Math.exp(v / 4), x))
                    .isCloseTo(Math.exp(x / 4) / 4, within(2 * bound(x, largest / 64, largest)));
        }
    }

    private static double bound(double x, double maxThirdDerivative, double maxValue) {
        double h = Derivative.RELATIVE_STEP * Math.max(1, Math.abs(x));
        return h * h / 6 * maxThirdDerivative + 2 * Math.ulp(1.0) * maxValue / h;
    }

    @Test
    void cubeAtLargeMagnitudesMatchesAHighPrecisionReference() {
        // d/dx x³ = 3x², computed to 40 digits; a fixed step 1e-10 would give 0 or noise here
        for (double x : new double[] {1e6, -3.7e9, 1e30, 1e100}) {
            double exact = new BigDecimal(x).pow(2).multiply(BigDecimal.valueOf(3)).round(MathContext.DECIMAL128).doubleValue();
            double derivative = Derivative.central(v -> v * v * v, x);
            assertThat(Math.abs(derivative - exact) / exact).isLessThan(RELATIVE_ACCURACY);
        }
    }

    @Test
    void tinyArgumentsUseAStepOfAtLeastCubeRootOfEpsilon() {
        // around 0 the step stays ∛ε, so d/dx sin at 1e-300 is cos(1e-300) = 1 to about 11 digits
        assertThat(Derivative.central(Math::sin, 1e-300)).isCloseTo(1.0, within(RELATIVE_ACCURACY));
        assertThat(Derivative.central(Math::sin, -Double.MIN_VALUE)).isCloseTo(1.0, within(RELATIVE_ACCURACY));
    }

    @Test
    void nearTheEndOfTheRangeTheStepStaysFinite() {
        double derivative = Derivative.central(v -> v / 2, Double.MAX_VALUE);
        assertThat(derivative).isCloseTo(0.5, within(1e-6));
        assertThat(Derivative.central(v -> v / 2, -Double.MAX_VALUE)).isCloseTo(0.5, within(1e-6));
    }

    @Test
    void nonFiniteInputsGiveNaN() {
        assertThat(Derivative.central(Math::sin, Double.NaN)).isNaN();
        assertThat(Derivative.central(Math::sin, Double.POSITIVE_INFINITY)).isNaN();
        assertThat(Derivative.central(Math::sin, Double.NEGATIVE_INFINITY)).isNaN();
        assertThat(Derivative.central(Math::log, 0.0)).isNaN();       // log(-h) is NaN
    }

    @Test
    void centralStepIsAPowerOfTwoWithinAFactorTwoOfTheOptimum() {
        for (double x : new double[] {0, 1e-300, -0.5, 1, Math.PI, -3.7e9, 1e30, 1e300}) {
            double h = Derivative.centralStep(x);
            double optimum = Derivative.RELATIVE_STEP * Math.max(1, Math.abs(x));
            assertThat(h).isLessThanOrEqualTo(optimum).isGreaterThan(optimum / 2);
            assertThat(Math.scalb(h, -Math.getExponent(h))).isEqualTo(1.0);
            assertThat((x + h) - (x - h)).isEqualTo(2 * h);          // both points exact at these x
        }
        assertThat(Derivative.centralStep(Double.NaN)).isNaN();
        assertThat(Derivative.centralStep(Double.NEGATIVE_INFINITY)).isNaN();
    }

    @Test
    void aQuotientWrittenWithTheCentralStepMatchesExactDerivatives() {
        // d/dx sin = cos at |x| ~ 1, where a fixed step 1e-16 gives 0 (x + h rounds to x)
        for (double x : new double[] {Math.PI, 0.3, -2.5}) {
            double h = Derivative.centralStep(x);
            double slope = (Math.sin(x + h) - Math.sin(x - h)) / (2 * h);
            // the step is at least half the optimum: at most twice the rounding term of bound(..)
            assertThat(slope).isCloseTo(Math.cos(x), within(4 * bound(x, 1, 1)));
        }
        // d/dx x³ = 3x² (to 40 digits) at large magnitudes, where the step scales with x
        for (double x : new double[] {Math.PI, 1e6, -3.7e9, 1e30}) {
            double h = Derivative.centralStep(x);
            double cube = ((x + h) * (x + h) * (x + h) - (x - h) * (x - h) * (x - h)) / (2 * h);
            double exact = new BigDecimal(x).pow(2).multiply(BigDecimal.valueOf(3)).round(MathContext.DECIMAL128).doubleValue();
            assertThat(Math.abs(cube - exact) / exact).isLessThan(RELATIVE_ACCURACY);
        }
    }

    @Test
    void stepIsTheCubeRootOfEpsilon() {
        assertThat(Derivative.RELATIVE_STEP).isCloseTo(6.0554544523933395e-6, within(1e-20));
    }
}
