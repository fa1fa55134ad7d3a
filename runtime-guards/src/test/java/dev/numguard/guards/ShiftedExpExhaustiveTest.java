package dev.numguard.guards;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * {@link ShiftedExp#exp(float)} on every float from −0 down to −Infinity (2^31 values). Tagged
 * "exhaustive", outside the default build (about a minute on one core):
 *
 * <pre>mvn -o -pl runtime-guards test -Dgroups=exhaustive -Dnumguard.test.excludedGroups=none -Dtest=ShiftedExpExhaustiveTest</pre>
 */
@Tag("exhaustive")
class ShiftedExpExhaustiveTest {

    @Test
    void everyNonPositiveFloatIsWithinOneUlp() {
        double worst = 0;
        float worstAt = Float.NaN;
        long checked = 0;
        int from = Float.floatToRawIntBits(-0.0f);
        int to = Float.floatToRawIntBits(Float.NEGATIVE_INFINITY);
        for (int bits = from; bits <= to; bits++) {
            float x = Float.intBitsToFloat(bits);
            double error = ShiftedExpTest.floatUlpError(x);
            if (error > worst) {
                worst = error;
                worstAt = x;
            }
            checked++;
        }
        System.out.printf("ShiftedExp.exp(float), all %d non-positive floats: max %.4f ulp at x = %s%n", checked, worst, worstAt);
        assertThat(checked).isEqualTo((1L << 31) - (1L << 23) + 1);
        assertThat(worst).as("max ulp error, at x = %s", worstAt).isLessThanOrEqualTo(1.0);
    }
}
