package dev.numguard.guards.batch.cuda;

import dev.numguard.guards.batch.DeviceExecutionException;
import jcuda.driver.CUresult;

/**
 * Turns CUDA driver result codes into exceptions. JCuda's own exception mode is a JVM-wide switch
 * that would change the behaviour of other JCuda users in the same JVM, so the backend checks each
 * result itself.
 */
final class CudaCalls {
  private CudaCalls() {}

  /** Throws {@link DeviceExecutionException} naming {@code what} unless {@code result} is success. */
  static void check(int result, String what) {
    if (result != CUresult.CUDA_SUCCESS) {
      throw new DeviceExecutionException(what + " failed: " + describe(result));
    }
  }

  /** {@code CUDA_ERROR_NAME (code)}. */
  static String describe(int result) {
    return CUresult.stringFor(result) + " (" + result + ")";
  }

  /**
   * Whether the error leaves the context unusable ("sticky" errors: a faulting or failed kernel);
   * after one, every later call in the context fails too.
   */
  static boolean isSticky(int result) {
    switch (result) {
      case CUresult.CUDA_ERROR_ILLEGAL_ADDRESS:
      case CUresult.CUDA_ERROR_LAUNCH_FAILED:
      case CUresult.CUDA_ERROR_HARDWARE_STACK_ERROR:
      case CUresult.CUDA_ERROR_ILLEGAL_INSTRUCTION:
      case CUresult.CUDA_ERROR_MISALIGNED_ADDRESS:
      case CUresult.CUDA_ERROR_INVALID_ADDRESS_SPACE:
      case CUresult.CUDA_ERROR_INVALID_PC:
      case CUresult.CUDA_ERROR_ECC_UNCORRECTABLE:
        return true;
      default:
        return false;
    }
  }
}
