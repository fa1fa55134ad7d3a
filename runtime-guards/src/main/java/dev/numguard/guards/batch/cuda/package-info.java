/**
 * The CUDA backend of the batched operations, on JCuda's driver API. Every class that references
 * JCuda lives here, and the rest of {@code dev.numguard.guards.batch} reaches this package only by
 * reflection after JCuda was found, so programs without JCuda never load these classes.
 */
package dev.numguard.guards.batch.cuda;
