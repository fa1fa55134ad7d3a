package dev.numguard.guards;

import java.lang.reflect.InvocationTargetException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentSkipListSet;

/**
 * Reproducible randomness from one seed: independent, named, deterministic random streams, and a
 * {@link RunManifest} that records the seed and the environment of a run.
 *
 * <p>Each stream is identified by a name ("init", "dropout", "shuffle/epoch-3", …) and seeded with
 * {@link #derive(String)}:
 *
 * <pre>{@code derived = mix64(mix64(seed) ^ fnv1a64(utf8(name)))}</pre>
 *
 * where {@code fnv1a64} is the 64-bit FNV-1a hash (offset basis {@code 0xcbf29ce484222325}, prime
 * {@code 0x100000001b3}) of the name's UTF-8 bytes, and {@code mix64} is the SplitMix64 finalizer
 * (Stafford's "Mix13": {@code z ^= z >>> 30; z *= 0xbf58476d1ce4e5b9L; z ^= z >>> 27; z *=
 * 0x94d049bb133111ebL; z ^= z >>> 31}). The derived seed depends on the seed and the name only:
 * never on which other streams were created, in which order, or on which thread, so adding a new
 * stream (or reordering code) does not shift any existing one — unlike drawing several generators
 * one after another from a single {@code Random}. Because {@code mix64} is a bijection, two names
 * receive the same derived seed only if their FNV-1a hashes collide, and two different seeds never
 * give one name the same derived seed.
 *
 * <p>The derivation is part of this class's contract: a given (seed, name) pair yields the same
 * derived seed in every version, on every JVM.
 *
 * <p>Every call creates a fresh generator positioned at the start of its stream; the generators are
 * not thread-safe (create one per thread, e.g. with a name per worker). This object itself is
 * thread-safe.
 */
public final class Seeds {

  private static final long FNV_OFFSET_BASIS = 0xcbf29ce484222325L;
  private static final long FNV_PRIME = 0x100000001b3L;

  private final long seed;
  private final long mixedSeed;
  private final Set<String> streamNames = new ConcurrentSkipListSet<>();

  private Seeds(long seed) {
    this.seed = seed;
    this.mixedSeed = mix64(seed);
  }

  /**
   * Streams derived from {@code seed}.
   *
   * @param seed any 64-bit value (0 and negative values are fine)
   * @return a new instance
   */
  public static Seeds of(long seed) {
    return new Seeds(seed);
  }

  /** The seed every stream is derived from. */
  public long seed() {
    return seed;
  }

  /**
   * The 64-bit seed of the stream called {@code name}; use it to seed generators of other
   * libraries. Records the name for the {@link #manifest() manifest}.
   *
   * @param name the stream's name; any string, including the empty string
   * @return {@code mix64(mix64(seed) ^ fnv1a64(utf8(name)))}
   * @throws NullPointerException if {@code name} is null
   */
  public long derive(String name) {
    Objects.requireNonNull(name, "name");
    streamNames.add(name);
    return mix64(mixedSeed ^ fnv1a64(name.getBytes(StandardCharsets.UTF_8)));
  }

  /**
   * A new {@link SplittableRandom} at the start of the stream called {@code name}. Use {@link
   * SplittableRandom#split()} for fork/join work.
   *
   * @param name the stream's name
   * @return {@code new SplittableRandom(derive(name))}
   * @throws NullPointerException if {@code name} is null
   */
  public SplittableRandom generator(String name) {
    return new SplittableRandom(derive(name));
  }

  /**
   * A new generator of the given JDK algorithm at the start of the stream called {@code name}: a
   * {@code java.util.random.RandomGenerator} (Java 17 and later), e.g. {@code RandomGenerator g =
   * seeds.generator("noise", "L64X128MixRandom")}.
   *
   * <p>The result type is a type parameter because this library targets Java 8, whose class library
   * has no {@code RandomGenerator}; the factory is looked up at run time. Assign the result to a
   * {@code RandomGenerator} (or a supertype of the algorithm's class).
   *
   * @param name the stream's name
   * @param algorithm a {@code RandomGeneratorFactory} algorithm name, e.g. {@code
   *     "L64X128MixRandom"} or {@code "Xoshiro256PlusPlus"}
   * @param <G> {@code java.util.random.RandomGenerator} or a supertype the caller needs
   * @return {@code RandomGeneratorFactory.of(algorithm).create(derive(name))}
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if the JDK has no such algorithm, or the algorithm is
   *     stochastic (like {@code "SecureRandom"}) and so cannot reproduce a stream from a seed
   * @throws UnsupportedOperationException on a JDK older than 17, which has no {@code
   *     java.util.random}
   */
  @SuppressWarnings("unchecked")
  public <G> G generator(String name, String algorithm) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(algorithm, "algorithm");
    Class<?> factoryClass;
    try {
      factoryClass = Class.forName("java.util.random.RandomGeneratorFactory");
    } catch (ClassNotFoundException beforeJava17) {
      throw new UnsupportedOperationException(
          "generator(name, algorithm) needs java.util.random (Java 17 or later); on "
              + System.getProperty("java.version")
              + " use generator(name) or seed your generator with derive(name)");
    }
    try {
      Object factory = factoryClass.getMethod("of", String.class).invoke(null, algorithm);
      if ((Boolean) factoryClass.getMethod("isStochastic").invoke(factory)) {
        throw new IllegalArgumentException(
            algorithm + " is stochastic: a seed does not make its output reproducible");
      }
      return (G) factoryClass.getMethod("create", long.class).invoke(factory, derive(name));
    } catch (InvocationTargetException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException) {
        throw (RuntimeException) cause; // IllegalArgumentException: no such algorithm
      }
      throw new IllegalStateException(cause);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("java.util.random.RandomGeneratorFactory is not as documented", e);
    }
  }

  /**
   * A new {@link Random} at the start of the stream called {@code name}, for APIs that still take a
   * {@code java.util.Random} (such as {@code Collections.shuffle}). Prefer {@link
   * #generator(String)}: {@code Random} has only 48 bits of state.
   *
   * @param name the stream's name
   * @return {@code new Random(derive(name))}
   * @throws NullPointerException if {@code name} is null
   */
  public Random random(String name) {
    return new Random(derive(name));
  }

  /** The names of every stream derived so far, sorted; recorded in the manifest. */
  public List<String> streamNames() {
    return Collections.unmodifiableList(new ArrayList<>(streamNames));
  }

  /**
   * A snapshot of the seed, the stream names used so far and the environment, stamped with the
   * current UTC time.
   */
  public RunManifest manifest() {
    return manifest(Clock.systemUTC());
  }

  /**
   * A snapshot of the seed, the stream names used so far and the environment.
   *
   * @param clock the clock that stamps the manifest
   * @return the manifest
   * @throws NullPointerException if {@code clock} is null
   */
  public RunManifest manifest(Clock clock) {
    return RunManifest.capture(seed, streamNames(), clock);
  }

  /** The SplitMix64 finalizer (Stafford's Mix13); a bijection on 64-bit values. */
  static long mix64(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }

  /** The 64-bit FNV-1a hash. */
  static long fnv1a64(byte[] bytes) {
    long hash = FNV_OFFSET_BASIS;
    for (byte b : bytes) {
      hash ^= b & 0xff;
      hash *= FNV_PRIME;
    }
    return hash;
  }
}
