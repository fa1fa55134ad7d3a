package dev.numguard.guards;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** {@link Statistics#norm2}: exact oracles, a 60-digit reference on hostile shapes, and the edges. */
class Norm2Test {

    private static final MathContext MC = new MathContext(60, RoundingMode.HALF_EVEN);

    static BigDecimal exactNorm(double[] x) {
        BigDecimal sum = BigDecimal.ZERO;
        for (double v : x) {
            BigDecimal e = new BigDecimal(v);
            sum = sum.add(e.multiply(e));
        }
        return sum.sqrt(MC);
    }

    @Test
    void pythagoreanTriplesAtEveryScale() {
        assertThat(Statistics.norm2(new double[] {3, 4})).isEqualTo(5.0);
        assertThat(Statistics.norm2(new double[] {3 * 0x1p900, 4 * 0x1p900})).isEqualTo(5 * 0x1p900);
        assertThat(Statistics.norm2(new double[] {3 * 0x1p-900, -4 * 0x1p-900})).isEqualTo(5 * 0x1p-900);
        assertThat(Statistics.norm2(new double[] {3 * 0x1p-1074, 4 * 0x1p-1074})).isEqualTo(5 * 0x1p-1074);
        assertThat(Statistics.norm2(new double[] {3 * 0x1p1000, 4 * 0x1p1000, 0, 0})).isEqualTo(5 * 0x1p1000);
        for (double[] x : new double[][] {{3e200, 4e200}, {3e-200, 4e-200}, {-3e-310, 4e-310}}) {
            assertThat(ExactMoments.ulpsFrom(Statistics.norm2(x), exactNorm(x))).isLessThanOrEqualTo(1.0);
        }
        assertThat(Statistics.norm2(new float[] {3e19f, 4e19f})).isEqualTo(5e19f);
        assertThat(Statistics.norm2(new float[] {3e-30f, 4e-30f})).isEqualTo(5e-30f);
    }

    /**
     * Regression: values whose squares sum below 2^-100 (every |x| in [1.5e-151, 1e-15]) were combined in
     * the small scale, medium·2^1200, which overflows from medium = 2^-176 on: norm2([1e-22]) was Infinity.
     */
    @Test
    void smallButNotTinyValuesAreNotScaledIntoOverflow() {
        assertThat(Statistics.norm2(new double[] {1.0576645859344368E-22})).isEqualTo(1.0576645859344368E-22);
        assertThat(Statistics.norm2(new double[] {3e-20, 4e-20})).isEqualTo(Statistics.norm2(new double[] {3, 4}) * 1e-20, within(1e-35));
        assertThat(Statistics.norm2(new double[] {2.0160433439054638E-19, -3.607628987829101E-126})).isEqualTo(2.0160433439054638E-19);
        for (double v : new double[] {1e-16, 1e-30, 1e-60, 1e-100, 1e-150, 0x1p-500, 0x1p-176 / 2, 0x1p-88, 0x1p-89}) {
            double[] x = {v, -v, v / 3, 0x1p-1000};
            assertThat(ExactMoments.ulpsFrom(Statistics.norm2(x), exactNorm(x))).as("v=%s", v).isLessThanOrEqualTo(3.0);
        }
    }

    @Test
    void whereTheNaiveNormOverflowsOrUnderflowsTheScaledOneIsRight() {
        double[] huge = {1e200, 1e200, 1e200, 1e200};
        double naive = Math.sqrt(huge[0] * huge[0] + huge[1] * huge[1] + huge[2] * huge[2] + huge[3] * huge[3]);
        assertThat(naive).isInfinite();
        assertThat(Statistics.norm2(huge)).isEqualTo(2e200);
        double[] tiny = {1e-200, 1e-200, 1e-200, 1e-200};
        assertThat(Math.sqrt(tiny[0] * tiny[0] * 4)).isZero();
        assertThat(Statistics.norm2(tiny)).isEqualTo(2e-200);
        assertThat(Statistics.norm2(new double[] {Double.MAX_VALUE, Double.MAX_VALUE})).isInfinite(); // √2·MAX overflows truly
        assertThat(Statistics.norm2(new double[] {Double.MAX_VALUE, 1})).isEqualTo(Double.MAX_VALUE);
    }

    @Test
    void withinTheStatedBoundOfA60DigitReferenceOnMixedScales() {
        SplittableRandom random = new SplittableRandom(2);
        double worst = 0;
        for (int trial = 0; trial < 600; trial++) {
            int n = 1 + random.nextInt(300);
            double[] x = new double[n];
            int shape = trial % 4;
            for (int i = 0; i < n; i++) {
                double magnitude;
                switch (shape) {
                    case 0: magnitude = random.nextGaussian(); break;
                    case 1: magnitude = Math.pow(10, random.nextDouble(-320, 308)); break; // all three ranges at once
                    case 2: magnitude = 1e300 * random.nextDouble(); break;
                    default: magnitude = Math.pow(10, random.nextDouble(-320, -150)); break;
                }
                x[i] = random.nextBoolean() ? magnitude : -magnitude;
            }
            BigDecimal exact = exactNorm(x);
            double got = Statistics.norm2(x);
            double rounded = exact.doubleValue();
            if (rounded == 0 || Double.isInfinite(rounded)) {
                assertThat(got).isEqualTo(rounded);
                continue;
            }
            double relative = new BigDecimal(got).subtract(exact).abs().divide(exact, MathContext.DECIMAL64).doubleValue();
            double bound = (n / 2.0 + 1) * 0x1p-53 + Double.MIN_VALUE / rounded;
            assertThat(relative).as("n = %d, shape %d", n, shape).isLessThanOrEqualTo(bound);
            worst = Math.max(worst, relative / 0x1p-53);
        }
        System.out.printf("norm2: worst relative error %.2f u (u = 2^-53)%n", worst);
    }

    @Test
    void edgesAsNumpy() {
        assertThat(Statistics.norm2(new double[0])).isZero();
        assertThat(Statistics.norm2(new double[] {-2})).isEqualTo(2.0);
        assertThat(Statistics.norm2(new double[] {1, Double.NaN})).isNaN();
        assertThat(Statistics.norm2(new double[] {Double.POSITIVE_INFINITY, Double.NaN})).isNaN();
        assertThat(Statistics.norm2(new double[] {Double.NaN, Double.NEGATIVE_INFINITY})).isNaN();
        assertThat(Statistics.norm2(new double[] {1, Double.NEGATIVE_INFINITY})).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(Statistics.norm2(new float[] {1, Float.NaN})).isNaN();
        assertThat(Statistics.norm2(new float[] {1, Float.POSITIVE_INFINITY})).isEqualTo(Float.POSITIVE_INFINITY);
        assertThat(Statistics.norm2(new double[] {9, 3, 4, 9}, 1, 2)).isEqualTo(5.0);
        assertThat(Statistics.norm2(new float[] {9, 3, 4, 9}, 1, 2)).isEqualTo(5.0f);
        assertThatThrownBy(() -> Statistics.norm2(new double[3], 2, 2)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> Statistics.norm2((double[]) null)).isInstanceOf(NullPointerException.class);
    }
}
