package dev.numguard.guards.batch;

import java.util.Map;
import java.util.Properties;

/**
 * Entry point to the batched operations: picks a {@link BatchOps} backend.
 *
 * <pre>{@code
 * BatchOps ops = Backends.configured();      // AUTO unless configured otherwise
 * ops.softmaxRows(logits, rows, cols, probabilities);
 * }</pre>
 *
 * <p>Configuration, first match wins: the system property {@value #PROPERTY}, the environment
 * variable {@value #ENVIRONMENT_VARIABLE}, else {@code auto}. Values: {@code cpu}, {@code cuda},
 * {@code auto} (case-insensitive). The system property {@value #MIN_CUDA_ELEMENTS_PROPERTY} sets
 * the automatic backend's smallest CUDA batch (default {@value
 * AutoBatchOps#DEFAULT_MIN_CUDA_ELEMENTS} elements).
 *
 * <p>Fallback: {@code auto} falls back to the CPU, with one log line, where CUDA is unavailable;
 * {@code cuda} does not fall back: asking for it where it cannot run throws {@link
 * BackendUnavailableException} with the reason.
 */
public final class Backends {

  /** System property naming the backend: {@code cpu}, {@code cuda} or {@code auto}. */
  public static final String PROPERTY = "numguard.backend";

  /** Environment variable naming the backend, read when the system property is not set. */
  public static final String ENVIRONMENT_VARIABLE = "NUMGUARD_BACKEND";

  /** System property: the smallest batch, in elements, the automatic backend sends to CUDA. */
  public static final String MIN_CUDA_ELEMENTS_PROPERTY = "numguard.cuda.minElements";

  private Backends() {}

  /** The shared CPU backend; always available. */
  public static BatchOps cpu() {
    return CpuBatchOps.shared();
  }

  /**
   * The shared CUDA backend (opened on first use, kept for the life of the JVM). For a backend
   * with an explicit lifetime, use {@code dev.numguard.guards.batch.cuda.CudaBatchOps.open()} and
   * close it.
   *
   * @throws BackendUnavailableException if CUDA cannot run here, saying why
   */
  public static BatchOps cuda() {
    CudaAvailability availability = CudaBackendLoader.shared();
    return availability.backend().orElseThrow(() -> new BackendUnavailableException(
        "the CUDA backend was requested but is unavailable: " + availability.reason()));
  }

  /** A new automatic backend, with the configured smallest CUDA batch. */
  public static BatchOps auto() {
    return new AutoBatchOps(minCudaElements(System.getProperties()));
  }

  /**
   * The backend of the given kind.
   *
   * @throws BackendUnavailableException for {@link BackendKind#CUDA} where CUDA cannot run
   */
  public static BatchOps of(BackendKind kind) {
    switch (kind) {
      case CPU:
        return cpu();
      case CUDA:
        return cuda();
      case AUTO:
        return auto();
      default:
        throw new AssertionError(kind);
    }
  }

  /**
   * The backend named by the {@value #PROPERTY} system property or the {@value
   * #ENVIRONMENT_VARIABLE} environment variable; {@code auto} when neither is set.
   *
   * @throws IllegalArgumentException if the configured name is not a backend
   * @throws BackendUnavailableException if {@code cuda} is configured and CUDA cannot run here
   */
  public static BatchOps configured() {
    return of(configuredKind(System.getProperties(), System.getenv()));
  }

  /** Whether CUDA is available here and, if not, why. Probes once per JVM. */
  public static CudaAvailability cudaAvailability() {
    return CudaBackendLoader.shared();
  }

  /** The configured kind: the property, else the environment variable, else AUTO; blanks ignored. */
  static BackendKind configuredKind(Properties properties, Map<String, String> environment) {
    String fromProperty = properties.getProperty(PROPERTY);
    if (fromProperty != null && !fromProperty.trim().isEmpty()) {
      return BackendKind.parse(fromProperty);
    }
    String fromEnvironment = environment.get(ENVIRONMENT_VARIABLE);
    if (fromEnvironment != null && !fromEnvironment.trim().isEmpty()) {
      return BackendKind.parse(fromEnvironment);
    }
    return BackendKind.AUTO;
  }

  static long minCudaElements(Properties properties) {
    String value = properties.getProperty(MIN_CUDA_ELEMENTS_PROPERTY);
    if (value == null || value.trim().isEmpty()) {
      return AutoBatchOps.DEFAULT_MIN_CUDA_ELEMENTS;
    }
    try {
      long parsed = Long.parseLong(value.trim());
      if (parsed < 0) {
        throw new NumberFormatException("negative");
      }
      return parsed;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          MIN_CUDA_ELEMENTS_PROPERTY + " must be a non-negative integer, got '" + value + "'", e);
    }
  }
}
