package dev.numguard.guards.batch.cuda;

import static jcuda.driver.JCudaDriver.cuCtxPopCurrent;
import static jcuda.driver.JCudaDriver.cuCtxPushCurrent;
import static jcuda.driver.JCudaDriver.cuDeviceGet;
import static jcuda.driver.JCudaDriver.cuDeviceGetAttribute;
import static jcuda.driver.JCudaDriver.cuDeviceGetCount;
import static jcuda.driver.JCudaDriver.cuDeviceGetName;
import static jcuda.driver.JCudaDriver.cuDevicePrimaryCtxRelease;
import static jcuda.driver.JCudaDriver.cuDevicePrimaryCtxRetain;
import static jcuda.driver.JCudaDriver.cuDriverGetVersion;
import static jcuda.driver.JCudaDriver.cuInit;
import static jcuda.driver.JCudaDriver.cuModuleGetFunction;
import static jcuda.driver.JCudaDriver.cuModuleLoadData;
import static jcuda.driver.JCudaDriver.cuModuleUnload;

import dev.numguard.guards.batch.BackendUnavailableException;
import dev.numguard.guards.batch.KernelPtx;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import jcuda.CudaException;
import jcuda.driver.CUcontext;
import jcuda.driver.CUdevice;
import jcuda.driver.CUdevice_attribute;
import jcuda.driver.CUfunction;
import jcuda.driver.CUmodule;
import jcuda.driver.CUresult;

/**
 * One CUDA device's primary context with the runtime-guards PTX module loaded and every kernel
 * looked up. The primary context is the one the CUDA runtime (and so PyTorch, cuBLAS, ...) uses,
 * which keeps the backend from creating a second context on a device that already has one.
 *
 * <p>Work on the context happens between {@link #enter()} and {@link #exit()} (push and pop), so
 * any thread may use it; callers serialise their own access.
 */
final class CudaContext {
  /** Why JCuda's natives failed to load, kept for later attempts, which JCuda answers less clearly. */
  private static volatile String firstLinkFailure;

  private final int ordinal;
  private final CUdevice device;
  private final CUcontext context;
  private final CUmodule module;
  private final Map<String, CUfunction> functions;
  private final String deviceName;
  private final int computeMajor;
  private final int computeMinor;
  private final int multiprocessors;
  private final int memoryClockKhz;
  private final int memoryBusWidthBits;
  private final int driverVersion;
  private boolean closed;

  private CudaContext(int ordinal, CUdevice device, CUcontext context, CUmodule module,
      Map<String, CUfunction> functions, int driverVersion) {
    this.ordinal = ordinal;
    this.device = device;
    this.context = context;
    this.module = module;
    this.functions = functions;
    this.driverVersion = driverVersion;
    this.deviceName = name(device);
    this.computeMajor = attribute(device, CUdevice_attribute.CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MAJOR);
    this.computeMinor = attribute(device, CUdevice_attribute.CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MINOR);
    this.multiprocessors = attribute(device, CUdevice_attribute.CU_DEVICE_ATTRIBUTE_MULTIPROCESSOR_COUNT);
    this.memoryClockKhz = attribute(device, CUdevice_attribute.CU_DEVICE_ATTRIBUTE_MEMORY_CLOCK_RATE);
    this.memoryBusWidthBits = attribute(device, CUdevice_attribute.CU_DEVICE_ATTRIBUTE_GLOBAL_MEMORY_BUS_WIDTH);
  }

  /**
   * Initialises the driver, retains device {@code ordinal}'s primary context and loads the PTX
   * module.
   *
   * @throws BackendUnavailableException when JCuda's natives or the NVIDIA driver cannot load,
   *     there is no such device, or the driver rejects the module (for example a driver older than
   *     CUDA 12.0, which cannot read PTX ISA 8.0)
   */
  static CudaContext open(int ordinal) {
    try {
      return openUnchecked(ordinal);
    } catch (UnsatisfiedLinkError e) {
      String reason = "JCuda's native driver binding cannot load (" + LinkFailures.detail(e.getMessage()) + ")";
      firstLinkFailure = reason;
      throw new BackendUnavailableException(reason, e);
    } catch (NoClassDefFoundError e) {
      // JCudaDriver's initialiser failed before: JCuda reports only that now, so repeat the reason
      String earlier = firstLinkFailure;
      throw new BackendUnavailableException(earlier != null ? earlier
          : "JCuda's driver binding failed to initialise earlier in this JVM (" + e.getMessage() + ")", e);
    } catch (CudaException e) {
      // thrown instead of result codes when another JCuda user enabled JCuda's exceptions
      throw new BackendUnavailableException("CUDA initialisation failed: " + e.getMessage(), e);
    }
  }

  private static CudaContext openUnchecked(int ordinal) {
    int init = cuInit(0);
    if (init == CUresult.CUDA_ERROR_NO_DEVICE) {
      throw new BackendUnavailableException("the NVIDIA driver found no CUDA device (CUDA_ERROR_NO_DEVICE)");
    }
    if (init != CUresult.CUDA_SUCCESS) {
      throw new BackendUnavailableException("cuInit failed: " + CudaCalls.describe(init));
    }
    int[] count = {0};
    requireAvailable(cuDeviceGetCount(count), "cuDeviceGetCount");
    if (ordinal < 0 || ordinal >= count[0]) {
      throw new BackendUnavailableException(
          "no CUDA device " + ordinal + ": the driver reports " + count[0] + " device(s)");
    }
    int[] version = {0};
    requireAvailable(cuDriverGetVersion(version), "cuDriverGetVersion");
    CUdevice device = new CUdevice();
    requireAvailable(cuDeviceGet(device, ordinal), "cuDeviceGet");
    CUcontext context = new CUcontext();
    requireAvailable(cuDevicePrimaryCtxRetain(context, device), "cuDevicePrimaryCtxRetain");
    boolean pushed = false;
    try {
      requireAvailable(cuCtxPushCurrent(context), "cuCtxPushCurrent");
      pushed = true;
      CUmodule module = new CUmodule();
      int load = cuModuleLoadData(module, KernelPtx.nulTerminatedBytes());
      if (load != CUresult.CUDA_SUCCESS) {
        throw new BackendUnavailableException("the driver (version " + driverVersionText(version[0])
            + ") rejected the runtime-guards PTX module (ISA " + KernelPtx.SHIPPED_ISA_VERSION
            + ", needs a CUDA 12.0 or newer driver): " + CudaCalls.describe(load));
      }
      Map<String, CUfunction> functions = new HashMap<>();
      for (String name : KernelPtx.KERNEL_NAMES) {
        CUfunction function = new CUfunction();
        int found = cuModuleGetFunction(function, module, name);
        if (found != CUresult.CUDA_SUCCESS) {
          cuModuleUnload(module);
          throw new BackendUnavailableException(
              "the PTX module lacks kernel " + name + ": " + CudaCalls.describe(found));
        }
        functions.put(name, function);
      }
      CudaContext opened = new CudaContext(ordinal, device, context, module, Collections.unmodifiableMap(new HashMap<>(functions)), version[0]);
      pushed = false;
      CudaCalls.check(cuCtxPopCurrent(new CUcontext()), "cuCtxPopCurrent");
      return opened;
    } catch (RuntimeException e) {
      if (pushed) {
        cuCtxPopCurrent(new CUcontext());
      }
      cuDevicePrimaryCtxRelease(device);
      throw e;
    }
  }

  private static void requireAvailable(int result, String what) {
    if (result != CUresult.CUDA_SUCCESS) {
      throw new BackendUnavailableException(what + " failed: " + CudaCalls.describe(result));
    }
  }

  private static String driverVersionText(int version) {
    return version / 1000 + "." + (version % 1000) / 10;
  }

  private static String name(CUdevice device) {
    byte[] bytes = new byte[256];
    CudaCalls.check(cuDeviceGetName(bytes, bytes.length, device), "cuDeviceGetName");
    int end = 0;
    while (end < bytes.length && bytes[end] != 0) {
      end++;
    }
    return new String(bytes, 0, end, StandardCharsets.UTF_8);
  }

  private static int attribute(CUdevice device, int attribute) {
    int[] value = {0};
    CudaCalls.check(cuDeviceGetAttribute(value, attribute, device), "cuDeviceGetAttribute(" + attribute + ")");
    return value[0];
  }

  /** Makes this context current on the calling thread. */
  void enter() {
    if (closed) {
      throw new IllegalStateException("the CUDA backend is closed");
    }
    CudaCalls.check(cuCtxPushCurrent(context), "cuCtxPushCurrent");
  }

  /** Restores the calling thread's previous context. */
  void exit() {
    CudaCalls.check(cuCtxPopCurrent(new CUcontext()), "cuCtxPopCurrent");
  }

  CUfunction function(String name) {
    CUfunction function = functions.get(name);
    if (function == null) {
      throw new IllegalArgumentException("no kernel named " + name);
    }
    return function;
  }

  int multiprocessors() {
    return multiprocessors;
  }

  /**
   * The theoretical peak DRAM bandwidth in bytes per second: two transfers per memory clock
   * (DDR/HBM) times the bus width.
   */
  double peakBandwidthBytesPerSecond() {
    return 2.0 * memoryClockKhz * 1e3 * (memoryBusWidthBits / 8.0);
  }

  String describe() {
    return "CUDA device " + ordinal + ": " + deviceName + " (compute " + computeMajor + "." + computeMinor
        + ", " + multiprocessors + " SMs, driver " + driverVersionText(driverVersion) + ")";
  }

  /** Unloads the module and releases the primary context. Idempotent. */
  void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      CudaCalls.check(cuCtxPushCurrent(context), "cuCtxPushCurrent");
      try {
        CudaCalls.check(cuModuleUnload(module), "cuModuleUnload");
      } finally {
        cuCtxPopCurrent(new CUcontext());
      }
    } finally {
      CudaCalls.check(cuDevicePrimaryCtxRelease(device), "cuDevicePrimaryCtxRelease");
    }
  }
}
