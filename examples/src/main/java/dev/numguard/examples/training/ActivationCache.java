package dev.numguard.examples.training;

import dev.numguard.guards.Half;

/**
 * Keeps a layer's ReLU activations for the backward pass in fp16, halving the memory of the cache.
 */
public final class ActivationCache {

    private final short[] stored;

    /** An empty cache for {@code size} activations. */
    public ActivationCache(int size) {
        stored = new short[size];
    }

    /** Stores the activations (as many as the cache holds). */
    public void store(float[] activations) {
        if (activations.length != stored.length) {
            throw new IllegalArgumentException("expected " + stored.length + " activations, got " + activations.length);
        }
        for (int i = 0; i < stored.length; i++) {
            float relu = Math.max(0f, activations[i]);
            stored[i] = Half.fromFloat(relu);
        }
    }

    /** The activation at {@code index}, as stored. */
    public float load(int index) {
        return Half.toFloat(stored[index]);
    }
}
