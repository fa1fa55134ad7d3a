package dev.numguard.guards.batch;

import java.util.Locale;

/** Which implementation of {@link BatchOps} runs batched row operations. */
public enum BackendKind {
  /** The CPU backend: always available; multi-threaded for large batches. */
  CPU,
  /**
   * The CUDA backend (JCuda driver API, PTX kernels shipped in the jar). Requires JCuda on the
   * class path, the NVIDIA driver and a CUDA device.
   */
  CUDA,
  /**
   * CUDA for batches large enough to pay for the transfers when CUDA is available, the CPU
   * otherwise. The default.
   */
  AUTO;

  /**
   * Parses a backend name as the {@code numguard.backend} system property and the {@code
   * NUMGUARD_BACKEND} environment variable spell it: {@code cpu}, {@code cuda} or {@code auto},
   * case-insensitive, surrounding blanks ignored.
   *
   * @throws IllegalArgumentException for any other text, naming the accepted values
   * @throws NullPointerException if {@code name} is null
   */
  public static BackendKind parse(String name) {
    String key = name.trim().toUpperCase(Locale.ROOT);
    for (BackendKind kind : values()) {
      if (kind.name().equals(key)) {
        return kind;
      }
    }
    throw new IllegalArgumentException(
        "unknown numguard backend '" + name + "': expected one of cpu, cuda, auto");
  }
}
