package dev.numguard.guards.batch;

/**
 * Thrown when a backend was explicitly requested (for example {@link Backends#cuda()}, or {@code
 * numguard.backend=cuda}) but cannot run here. The message says why: JCuda missing from the class
 * path, the NVIDIA driver ({@code libcuda.so.1}) missing, no CUDA device, or a driver error.
 */
public final class BackendUnavailableException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception with the reason the backend is unavailable. */
  public BackendUnavailableException(String reason) {
    super(reason);
  }

  /** Creates the exception with the reason and the underlying failure. */
  public BackendUnavailableException(String reason, Throwable cause) {
    super(reason, cause);
  }
}
