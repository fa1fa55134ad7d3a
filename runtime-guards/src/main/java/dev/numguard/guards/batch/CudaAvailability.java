package dev.numguard.guards.batch;

import java.util.Objects;
import java.util.Optional;

/**
 * Whether the CUDA backend can run in this JVM, and if not, why.
 *
 * @param reason a one-line explanation: the device name when available, otherwise what is missing
 *     (JCuda on the class path, the NVIDIA driver {@code libcuda.so.1}, a CUDA device) or the
 *     driver error
 * @param backend the shared CUDA backend, present exactly when it is available
 */
public record CudaAvailability(String reason, Optional<BatchOps> backend) {

  /** Checks the fields. */
  public CudaAvailability {
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(backend, "backend");
  }

  /** Whether the CUDA backend is available. */
  public boolean available() {
    return backend.isPresent();
  }

  static CudaAvailability unavailable(String reason) {
    return new CudaAvailability(reason, Optional.empty());
  }

  static CudaAvailability available(BatchOps backend, String description) {
    return new CudaAvailability(description, Optional.of(backend));
  }
}
