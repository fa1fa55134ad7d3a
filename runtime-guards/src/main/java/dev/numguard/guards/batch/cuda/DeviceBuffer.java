package dev.numguard.guards.batch.cuda;

import static jcuda.driver.JCudaDriver.cuMemAlloc;
import static jcuda.driver.JCudaDriver.cuMemFree;

import jcuda.driver.CUdeviceptr;

/**
 * A device allocation that grows on demand and is reused across calls, so that a stream of
 * same-shaped batches allocates once. Must be used with the owning context current; freed by
 * {@link #free()}.
 */
final class DeviceBuffer {
  private final String name;
  private CUdeviceptr pointer;
  private long capacityBytes;

  DeviceBuffer(String name) {
    this.name = name;
  }

  /**
   * The device pointer, with room for at least {@code bytes} bytes. Growing frees the old
   * allocation first (its contents are not kept) and over-allocates by a quarter, so that slowly
   * growing batches do not reallocate every call.
   */
  CUdeviceptr atLeast(long bytes) {
    if (pointer != null && capacityBytes >= bytes) {
      return pointer;
    }
    free();
    long size = Math.max(bytes + bytes / 4, 1 << 16);
    CUdeviceptr fresh = new CUdeviceptr();
    CudaCalls.check(cuMemAlloc(fresh, size), "cuMemAlloc(" + size + " bytes for " + name + ")");
    pointer = fresh;
    capacityBytes = size;
    return pointer;
  }

  long capacityBytes() {
    return capacityBytes;
  }

  /** Frees the allocation, if any. Idempotent. */
  void free() {
    if (pointer != null) {
      CUdeviceptr old = pointer;
      pointer = null;
      capacityBytes = 0;
      CudaCalls.check(cuMemFree(old), "cuMemFree(" + name + ")");
    }
  }
}
