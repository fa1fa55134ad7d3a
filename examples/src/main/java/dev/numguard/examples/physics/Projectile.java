package dev.numguard.examples.physics;

/**
 * A projectile moving vertically under constant gravity: its height over time, and its velocity
 * taken as the derivative of the height by a difference quotient, as code that only has the
 * position as a function often does. Instances are immutable.
 */
public final class Projectile {
    private final double launchHeight;
    private final double launchSpeed;
    private final double gravity;

    /**
     * @param launchHeight the height at time 0, in m
     * @param launchSpeed the upward speed at time 0, in m/s
     * @param gravity the gravitational acceleration, in m/s², positive
     */
    public Projectile(double launchHeight, double launchSpeed, double gravity) {
        if (!(gravity > 0)) {
            throw new IllegalArgumentException("gravity must be positive, got " + gravity);
        }
        this.launchHeight = launchHeight;
        this.launchSpeed = launchSpeed;
        this.gravity = gravity;
    }

    /** The height at time {@code t}: {@code h0 + v0·t - g·t²/2}. */
    public double height(double t) {
        return launchHeight + launchSpeed * t - 0.5 * gravity * t * t;
    }

    /** The upward velocity at time {@code t}, the derivative of {@link #height}. */
    public double velocity(double t) {
        double h = 1e-10;
        return (height(t + h) - height(t)) / h;
    }
}
