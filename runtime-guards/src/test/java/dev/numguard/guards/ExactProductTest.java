package dev.numguard.guards;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The Java 8 path of {@link ExactProduct} (Dekker's product) against {@code Math.fma}. */
class ExactProductTest {

    @Test
    void dekkerErrorIsTheExactErrorOverTheWholeExponentRange() {
        SplittableRandom random = new SplittableRandom(8);
        for (int i = 0; i < 200_000; i++) {
            double a = randomDouble(random);
            double b = randomDouble(random);
            double product = a * b;
            if (!Double.isFinite(product) || Math.abs(product) < 0x1p-969) {
                continue; // the error underflows: neither method is exact there
            }
            assertThat(ExactProduct.dekkerError(a, b, product))
                    .as("%s * %s", a, b)
                    .isEqualTo(Math.fma(a, b, -product));
        }
    }

    @Test
    void dekkerErrorOfHugeFactorsIsExactToo() {
        double a = 0x1.fffffffffffffp1000;
        double b = 0x1.0000000000001p-60;
        double product = a * b;
        assertThat(ExactProduct.dekkerError(a, b, product)).isEqualTo(Math.fma(a, b, -product));
        assertThat(ExactProduct.dekkerError(b, a, product)).isEqualTo(Math.fma(b, a, -product));
    }

    @Test
    void dekkerErrorAtTheEdgesFollowsFma() {
        double huge = Double.MAX_VALUE;
        assertThat(ExactProduct.dekkerError(huge, 2.0, huge * 2.0)).isEqualTo(Math.fma(huge, 2.0, -(huge * 2.0)));
        assertThat(ExactProduct.dekkerError(Double.POSITIVE_INFINITY, 2.0, Double.POSITIVE_INFINITY)).isNaN();
        assertThat(ExactProduct.dekkerError(Double.NaN, 2.0, Double.NaN)).isNaN();
        assertThat(ExactProduct.dekkerError(0.0, 5.0, 0.0)).isZero();
    }

    @Test
    void onThisJvmTheFusedPathIsUsed() {
        double a = 1.0 + 0x1p-30;
        double product = a * a;
        assertThat(ExactProduct.error(a, a, product)).isEqualTo(0x1p-60);
        assertThat(ExactProduct.fusedMultiplyAdd(a, a, -product)).isEqualTo(0x1p-60);
    }

    private static double randomDouble(SplittableRandom random) {
        double mantissa = 1.0 + random.nextDouble();
        int exponent = random.nextInt(-1000, 1000);
        double value = Math.scalb(mantissa, exponent);
        return random.nextBoolean() ? value : -value;
    }
}
