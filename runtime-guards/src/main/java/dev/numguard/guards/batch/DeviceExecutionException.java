package dev.numguard.guards.batch;

/**
 * Thrown when the GPU fails while running a batched operation: an out-of-memory allocation, a
 * failed launch, a driver error. The message names the operation and the CUDA error. After such a
 * failure the CUDA backend that threw it refuses further work (a CUDA context is not reliably
 * usable after a launch failure); open a new one, or use the CPU backend.
 */
public final class DeviceExecutionException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception with a message naming the operation and the CUDA error. */
  public DeviceExecutionException(String message, Throwable cause) {
    super(message, cause);
  }

  /** Creates the exception with a message naming the operation and the CUDA error. */
  public DeviceExecutionException(String message) {
    super(message);
  }
}
