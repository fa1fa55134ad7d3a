package dev.numguard.examples.physics;

/** Uniformly accelerated fall without drag. */
public final class FreeFall {

    private FreeFall() {
    }

    /**
     * The time a body thrown straight down at {@code downwardSpeed} from {@code height} takes to reach
     * the ground under {@code gravity}: the positive root of {@code ½·g·t² + v·t − h = 0}.
     *
     * @throws IllegalArgumentException if gravity is not positive or the height is negative
     */
    public static double timeToGround(double height, double downwardSpeed, double gravity) {
        if (!(gravity > 0) || !(height >= 0)) {
            throw new IllegalArgumentException("need gravity > 0 and height >= 0, got " + gravity + " and " + height);
        }
        double a = 0.5 * gravity;
        double b = downwardSpeed;
        double c = -height;
        return (-b + Math.sqrt(b * b - 4 * a * c)) / (2 * a);
    }
}
