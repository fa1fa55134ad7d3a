package dev.numguard.examples.physics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

class FreeFallTest {

    @Test
    void droppedFromRestFallsHalfGTSquared() {
        assertThat(FreeFall.timeToGround(4.905, 0, 9.81)).isCloseTo(1.0, within(1e-15));
        assertThat(FreeFall.timeToGround(0, 0, 9.81)).isEqualTo(0.0);
    }

    @Test
    void thrownDownArrivesSooner() {
        // 5t² + 5t - 10 = 0 has the root t = 1
        assertThat(FreeFall.timeToGround(10, 5, 10)).isCloseTo(1.0, within(1e-15));
        // thrown up at 5 m/s from 10 m: 5t² - 5t - 10 = 0, t = 2
        assertThat(FreeFall.timeToGround(10, -5, 10)).isCloseTo(2.0, within(1e-15));
    }

    @Test
    void rejectsNonPhysicalInput() {
        assertThatThrownBy(() -> FreeFall.timeToGround(1, 0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FreeFall.timeToGround(-1, 0, 9.81)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    @Tag("hostile")
    void aFastThrowOverAShortDropStillTakesTime() {
        // v = 1e6 m/s over h = 1 mm: t = h/v - g·h²/(2v³) + ... = 1e-9 to 15 digits; v² swamps 2gh in
        // the discriminant, so -v + sqrt(v² + 2gh) is exactly 0
        double t = FreeFall.timeToGround(1e-3, 1e6, 9.81);
        assertThat(t).isCloseTo(1e-9, within(1e-9 * 1e-12));
    }
}
