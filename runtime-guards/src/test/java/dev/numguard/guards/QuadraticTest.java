package dev.numguard.guards;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** {@link Quadratic}: exact oracles, a 60-digit reference, cancellation and range hostiles, edges. */
class QuadraticTest {

    private static final MathContext MC = new MathContext(60, RoundingMode.HALF_EVEN);

    /**
     * The exact roots of the given doubles, {(−b + √D)/2a, (−b − √D)/2a}, to 60 digits; null when
     * complex. The root whose sum cancels is taken as (c/a) over the other (Vieta), which in exact
     * arithmetic is the same number, so the 60 digits are all correct.
     */
    static BigDecimal[] exactRoots(double a, double b, double c) {
        BigDecimal ea = new BigDecimal(a);
        BigDecimal eb = new BigDecimal(b);
        BigDecimal ec = new BigDecimal(c);
        BigDecimal discriminant = eb.multiply(eb).subtract(ea.multiply(ec).multiply(BigDecimal.valueOf(4)));
        if (discriminant.signum() < 0) {
            return null;
        }
        BigDecimal root = discriminant.sqrt(MC);
        BigDecimal twoA = ea.multiply(BigDecimal.valueOf(2));
        if (b >= 0) {
            BigDecimal minus = eb.negate().subtract(root).divide(twoA, MC);
            return new BigDecimal[] {ec.divide(ea, MC).divide(minus, MC), minus};
        }
        BigDecimal plus = eb.negate().add(root).divide(twoA, MC);
        return new BigDecimal[] {plus, ec.divide(ea, MC).divide(plus, MC)};
    }

    @Test
    void exactOracles() {
        assertThat(Quadratic.roots(1, -3, 2)).containsExactly(1.0, 2.0);
        assertThat(Quadratic.roots(2, 0, -8)).containsExactly(-2.0, 2.0);
        assertThat(Quadratic.roots(1, -2, 1)).containsExactly(1.0, 1.0);
        assertThat(Quadratic.roots(1, 0, 1)).isEmpty();
        assertThat(Quadratic.roots(0, 2, -4)).containsExactly(2.0);
        assertThat(Quadratic.roots(0, 0, 1)).isEmpty();
        assertThat(Quadratic.roots(1, 0, 0)).containsExactly(0.0, 0.0);
        assertThat(Quadratic.plusRoot(1, -3, 2)).isEqualTo(2.0);
        assertThat(Quadratic.minusRoot(1, -3, 2)).isEqualTo(1.0);
        assertThat(Quadratic.plusRoot(-1, 3, -2)).isEqualTo(1.0); // (−3 + 1)/−2
        assertThat(Quadratic.minusRoot(-1, 3, -2)).isEqualTo(2.0);
    }

    @Test
    void theCancellingRootKeepsItsDigits() {
        double a = 1;
        double b = 1e8;
        double c = 1;
        double naive = (-b + Math.sqrt(b * b - 4 * a * c)) / (2 * a);
        BigDecimal[] exact = exactRoots(a, b, c);
        assertThat(ExactMoments.ulpsFrom(naive, exact[0])).isGreaterThan(1e6); // ≈ −7.45e-9 vs −1e-8
        assertThat(ExactMoments.ulpsFrom(Quadratic.plusRoot(a, b, c), exact[0])).isLessThanOrEqualTo(1.0);
        assertThat(ExactMoments.ulpsFrom(Quadratic.minusRoot(a, b, c), exact[1])).isLessThanOrEqualTo(1.0);
        // negative b: now the minus root cancels in the textbook formula
        BigDecimal[] mirrored = exactRoots(1, -1e8, 1);
        assertThat(ExactMoments.ulpsFrom(Quadratic.minusRoot(1, -1e8, 1), mirrored[1])).isLessThanOrEqualTo(1.0);
    }

    @Test
    void nearlyDoubleRootsKeepTheirDigits() {
        // Kahan's example: b² and 4ac agree in all but their last digits
        double a = 94906265.625;
        double b = -189812534;
        double c = 94906268.375;
        BigDecimal[] exact = exactRoots(a, b, c);
        assertThat(ExactMoments.ulpsFrom(Quadratic.plusRoot(a, b, c), exact[0])).isLessThanOrEqualTo(2.0);
        assertThat(ExactMoments.ulpsFrom(Quadratic.minusRoot(a, b, c), exact[1])).isLessThanOrEqualTo(2.0);
        double naiveDiscriminant = b * b - 4 * a * c;
        assertThat(naiveDiscriminant).isZero(); // the textbook sees a double root at 1.0000000144...
    }

    @Test
    void coefficientsBeyondTheSquaresRange() {
        for (double scale : new double[] {0x1p1000, 0x1p-1000, 0x1p-1060}) {
            double a = 1 * scale;
            double b = -3 * scale;
            double c = 2 * scale;
            assertThat(Quadratic.roots(a, b, c)).as("scale %s", scale).containsExactly(1.0, 2.0);
        }
        assertThat(Quadratic.roots(1e-300, 1e300, 1e-300)).hasSize(2); // roots ≈ −1e-600 → −0.0 and −1e600 → −Infinity
        assertThat(Quadratic.plusRoot(1e-300, 1e300, 1e-300)).isEqualTo(-0.0);
    }

    @Test
    void withinFourUlpsOfA60DigitReference() {
        SplittableRandom random = new SplittableRandom(13);
        int checked = 0;
        double worst = 0;
        while (checked < 3000) {
            double a = signedLogUniform(random);
            double b = signedLogUniform(random);
            double c = signedLogUniform(random);
            if (checked % 3 == 0) {
                c = b * b / (4 * a) * (1 - random.nextDouble() * 1e-12); // nearly double roots
            }
            BigDecimal[] exact = exactRoots(a, b, c);
            if (exact == null) {
                assertThat(Quadratic.plusRoot(a, b, c)).isNaN();
                assertThat(Quadratic.roots(a, b, c)).isEmpty();
                continue;
            }
            double plus = Quadratic.plusRoot(a, b, c);
            double minus = Quadratic.minusRoot(a, b, c);
            if (!Double.isFinite(exact[0].doubleValue()) || !Double.isFinite(exact[1].doubleValue())
                    || Math.abs(exact[0].doubleValue()) < 0x1p-1000 || Math.abs(exact[1].doubleValue()) < 0x1p-1000) {
                continue; // roots outside the normal range: only their limits are promised
            }
            double error = Math.max(ExactMoments.ulpsFrom(plus, exact[0]), ExactMoments.ulpsFrom(minus, exact[1]));
            assertThat(error).as("a=%s b=%s c=%s", a, b, c).isLessThanOrEqualTo(4.0);
            worst = Math.max(worst, error);
            checked++;
        }
        System.out.printf("Quadratic: worst root error %.2f ulp over %d equations%n", worst, checked);
    }

    @Test
    void edges() {
        assertThat(Quadratic.plusRoot(1, 0, 1)).isNaN();
        assertThat(Quadratic.plusRoot(Double.NaN, 1, 1)).isNaN();
        assertThat(Quadratic.plusRoot(1, Double.POSITIVE_INFINITY, 1)).isNaN();
        assertThat(Quadratic.roots(Double.NaN, 1, 1)).isEmpty();
        // a = 0: the finite root tends to −c/b, the other to ±Infinity by the sign of the zero
        assertThat(Quadratic.plusRoot(0.0, 2, -4)).isEqualTo(2.0);
        assertThat(Quadratic.minusRoot(0.0, 2, -4)).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(Quadratic.minusRoot(-0.0, 2, -4)).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(Quadratic.minusRoot(0.0, -2, -4)).isEqualTo(-2.0);
        assertThat(Quadratic.plusRoot(0.0, -2, -4)).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(Quadratic.plusRoot(0, 0, 0)).isNaN();
    }

    private static double signedLogUniform(SplittableRandom random) {
        double v = Math.pow(10, random.nextDouble(-100, 100));
        return random.nextBoolean() ? v : -v;
    }
}
