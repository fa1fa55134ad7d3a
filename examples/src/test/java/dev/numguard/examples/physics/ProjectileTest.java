package dev.numguard.examples.physics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

class ProjectileTest {

    @Test
    void heightFollowsTheParabola() {
        Projectile ball = new Projectile(2, 10, 9.81);
        assertThat(ball.height(0)).isEqualTo(2.0);
        assertThat(ball.height(1)).isCloseTo(2 + 10 - 4.905, within(1e-14));
    }

    @Test
    void velocityNearLaunchIsTheSpeedLessGravityTimesTime() {
        // v(t) = v0 - g·t; a difference quotient is not exact, but a few digits hold in the first seconds
        Projectile ball = new Projectile(2, 10, 9.81);
        assertThat(ball.velocity(0)).isCloseTo(10.0, within(1e-3));
        assertThat(ball.velocity(1)).isCloseTo(0.19, within(1e-3));
    }

    @Test
    void rejectsNonPositiveGravity() {
        assertThatThrownBy(() -> new Projectile(0, 1, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    @Tag("hostile")
    void velocityStaysAccurateLateInTheFlight() {
        // at t = 1e4 s the height is about -4.9e8 m, whose rounding (6e-8 m) divided by a step of
        // 1e-10 s is an error of hundreds of m/s; v(t) = v0 - g·t is exact in double here
        Projectile probe = new Projectile(0, 1000, 9.81);
        assertThat(probe.velocity(1e4)).isCloseTo(1000 - 9.81 * 1e4, within(1e-6 * 9.81e4));
        assertThat(probe.velocity(3e6)).isCloseTo(1000 - 9.81 * 3e6, within(1e-6 * 9.81 * 3e6));
    }
}
