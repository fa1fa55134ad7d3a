package dev.numguard.analyzer.differential;

import java.util.Random;

/**
 * Where benign floating-point arguments are drawn from: uniformly in {@code [low, high]}, and when
 * {@code eitherSign} is set, with a random sign as well (so that {@code [0.01, 2]} with either sign
 * keeps magnitudes away from 0).
 */
record ValueRange(double low, double high, boolean eitherSign) {

    ValueRange {
        if (!(low <= high)) {
            throw new IllegalArgumentException("empty range [" + low + ", " + high + "]");
        }
    }

    double draw(Random random) {
        double magnitude = low + (high - low) * random.nextDouble();
        return eitherSign && random.nextBoolean() ? -magnitude : magnitude;
    }
}
