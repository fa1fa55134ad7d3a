package dev.numguard.guards.batch;

import java.util.Objects;
import java.util.Optional;

/**
 * Whether the CUDA backend can run in this JVM, and if not, why.
 *
 * <p>Components:
 * <br>{@code reason}: a one-line explanation: the device name when available, otherwise what is missing
 *     (JCuda on the class path, the NVIDIA driver {@code libcuda.so.1}, a CUDA device) or the
 *     driver error
 * <br>{@code backend}: the shared CUDA backend, present exactly when it is available
 */
public final class CudaAvailability {
  private final String reason;
  private final Optional<BatchOps> backend;

  /** Checks the fields. */
  public CudaAvailability(String reason, Optional<BatchOps> backend) {
    this.reason = Objects.requireNonNull(reason, "reason");
    this.backend = Objects.requireNonNull(backend, "backend");
  }

  /** A one-line explanation: the device name when available, otherwise what is missing. */
  public String reason() {
    return reason;
  }

  /** The shared CUDA backend, present exactly when it is available. */
  public Optional<BatchOps> backend() {
    return backend;
  }

  @Override
  public boolean equals(Object other) {
    if (!(other instanceof CudaAvailability)) {
      return false;
    }
    CudaAvailability o = (CudaAvailability) other;
    return reason.equals(o.reason) && backend.equals(o.backend);
  }

  @Override
  public int hashCode() {
    return 31 * reason.hashCode() + backend.hashCode();
  }

  @Override
  public String toString() {
    return "CudaAvailability[reason=" + reason + ", backend=" + backend + "]";
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
