package dev.numguard.guards;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link ShiftedExp} against exact references: big-math's exp at 40 digits for double, {@code
 * StrictMath.exp} (fdlibm, below 1 ulp in double, so 2^-29 of a float ulp) for float. The error is
 * measured in ulps of the correctly rounded result; the bound is 1 ulp. The exhaustive float check
 * is {@link ShiftedExpExhaustiveTest}.
 */
class ShiftedExpTest {

    private static final MathContext REFERENCE = new MathContext(40, RoundingMode.HALF_EVEN);
    private static final double LN2_OVER_128 = Math.log(2) / 128;

    /** The error of {@code ShiftedExp.exp(x)} in ulps of the exact result, by big-math. */
    static double ulpError(double x) {
        double got = ShiftedExp.exp(x);
        BigDecimal exact = ch.obermuhlner.math.big.BigDecimalMath.exp(new BigDecimal(x), REFERENCE);
        double rounded = exact.doubleValue();
        double ulp = Math.ulp(rounded); // Double.MIN_VALUE on the subnormal grid and at 0
        return new BigDecimal(got).subtract(exact).abs().divide(new BigDecimal(ulp), MathContext.DECIMAL64).doubleValue();
    }

    /** The error of {@code ShiftedExp.exp(x)} for a float {@code x}, in float ulps of the exact result. */
    static double floatUlpError(float x) {
        double exact = StrictMath.exp(x);
        float rounded = (float) exact;
        double ulp = Math.ulp(rounded); // Float.MIN_VALUE on the subnormal grid and at 0
        return Math.abs(ShiftedExp.exp(x) - exact) / ulp;
    }

    @Test
    void doubleIsWithinOneUlpOnADenseSampleOfTheDomain() {
        SplittableRandom random = new SplittableRandom(14);
        double worst = 0;
        double worstAt = Double.NaN;
        double worstNormal = 0;
        double worstNormalAt = Double.NaN;
        for (int i = 0; i < 40_000; i++) {
            // half uniform over [-746, 0], half log-uniform in magnitude from 2^-60 to 2^9.55
            double x = i % 2 == 0 ? -746 * random.nextDouble() : -Math.scalb(1 + random.nextDouble(), random.nextInt(-60, 10));
            double error = ulpError(x);
            if (error > worst) {
                worst = error;
                worstAt = x;
            }
            if (x >= -708.39 && error > worstNormal) {
                worstNormal = error;
                worstNormalAt = x;
            }
        }
        System.out.printf("ShiftedExp.exp(double) sample: max %.4f ulp at x = %s; normal results: max %.4f ulp at x = %s%n",
                worst, worstAt, worstNormal, worstNormalAt);
        assertThat(worst).as("max ulp error, at x = %s", worstAt).isLessThanOrEqualTo(1.0);
    }

    @Test
    void doubleIsWithinOneUlpAtEveryBoundary() {
        List<Double> points = new ArrayList<>();
        // The range reduction's rounding boundaries, k + 1/2 steps of ln2/128, over the whole domain.
        for (int k = 0; k <= 137_700; k += k < 2000 ? 1 : 97) {
            double boundary = -(k + 0.5) * LN2_OVER_128;
            addNeighbours(points, boundary, 2);
        }
        // The fast path's edge, the last normal result (2^-1022), the underflow to the last subnormal and to 0.
        for (double edge : new double[] {-700.0, -708.3964185322641, -744.4400719213812, -745.1332191019411, -746.0}) {
            addNeighbours(points, edge, 8);
        }
        for (double tiny : new double[] {-Double.MIN_VALUE, -0x1p-1022, -0x1p-60, -0x1p-54, -0x1p-53, -0x1p-52, -0x1p-30}) {
            addNeighbours(points, tiny, 3);
        }
        double worst = 0;
        double worstAt = Double.NaN;
        for (double x : points) {
            if (x > 0) {
                continue;
            }
            double error = ulpError(x);
            if (error > worst) {
                worst = error;
                worstAt = x;
            }
        }
        System.out.printf("ShiftedExp.exp(double) boundaries (%d points): max %.4f ulp at x = %s%n", points.size(), worst, worstAt);
        assertThat(worst).as("max ulp error, at x = %s", worstAt).isLessThanOrEqualTo(1.0);
    }

    @Test
    void subnormalResultsAndUnderflowAreRight() {
        assertThat(ShiftedExp.exp(-745.1332191019411)).isEqualTo(Double.MIN_VALUE);
        assertThat(ShiftedExp.exp(-745.1332191019412)).isZero();
        assertThat(ShiftedExp.exp(-708.3964185322641)).isEqualTo(StrictMath.exp(-708.3964185322641));
        assertThat(ShiftedExp.exp(-1e6)).isZero();
        assertThat(ShiftedExp.exp(-Double.MAX_VALUE)).isZero();
        assertThat(ShiftedExp.exp(-720.0)).isLessThan(0x1p-1022).isPositive();
        assertThat(ShiftedExp.exp(-40.0)).isEqualTo(Math.exp(-40.0));
    }

    @Test
    void edgesFollowMathExp() {
        assertThat(ShiftedExp.exp(Double.NEGATIVE_INFINITY)).isZero();
        assertThat(ShiftedExp.exp(Double.NaN)).isNaN();
        assertThat(ShiftedExp.exp(0.0)).isEqualTo(1.0);
        assertThat(ShiftedExp.exp(-0.0)).isEqualTo(1.0);
        assertThat(ShiftedExp.exp(-Double.MIN_VALUE)).isEqualTo(1.0);
        assertThat(ShiftedExp.exp(-0x1p-53)).isEqualTo(1.0 - 0x1p-53);
        assertThat(ShiftedExp.exp(Float.NEGATIVE_INFINITY)).isZero();
        assertThat(ShiftedExp.exp(Float.NaN)).isNaN();
        assertThat(ShiftedExp.exp(-0.0f)).isEqualTo(1.0f);
        assertThat(ShiftedExp.expToFloatPrecision(Double.NEGATIVE_INFINITY)).isZero();
        assertThat(ShiftedExp.expToFloatPrecision(Double.NaN)).isNaN();
        // positive arguments are outside the intended domain but still right
        assertThat(ShiftedExp.exp(1.0)).isCloseTo(Math.E, org.assertj.core.api.Assertions.within(Math.ulp(Math.E)));
        assertThat(ShiftedExp.exp(710.0)).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(ShiftedExp.exp(Double.POSITIVE_INFINITY)).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(ShiftedExp.exp(89.0f)).isEqualTo(Float.POSITIVE_INFINITY);
    }

    @Test
    void floatIsWithinOneUlpOnEvery97thFloatOfTheDomain() {
        double worst = 0;
        float worstAt = Float.NaN;
        int negativeZero = Float.floatToRawIntBits(-0.0f);
        int belowUnderflow = Float.floatToRawIntBits(-104f);
        for (int bits = negativeZero; bits <= belowUnderflow; bits += 97) {
            float x = Float.intBitsToFloat(bits);
            double error = floatUlpError(x);
            if (error > worst) {
                worst = error;
                worstAt = x;
            }
        }
        System.out.printf("ShiftedExp.exp(float) sample: max %.4f ulp at x = %s%n", worst, worstAt);
        assertThat(worst).as("max ulp error, at x = %s", worstAt).isLessThanOrEqualTo(1.0);
    }

    @Test
    void floatPrecisionKernelIsAccurateEnoughForDoubleSumsOfFloatTerms() {
        SplittableRandom random = new SplittableRandom(15);
        for (int i = 0; i < 100_000; i++) {
            double x = -700 * random.nextDouble();
            double exact = StrictMath.exp(x);
            assertThat(Math.abs(ShiftedExp.expToFloatPrecision(x) - exact)).as("x = %s", x).isLessThanOrEqualTo(0x1p-37 * exact);
        }
    }

    private static void addNeighbours(List<Double> points, double x, int ulps) {
        double down = x;
        double up = x;
        points.add(x);
        for (int i = 0; i < ulps; i++) {
            down = Math.nextDown(down);
            up = Math.nextUp(up);
            points.add(down);
            points.add(up);
        }
    }
}
