package dev.numguard.guards.batch;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;

/**
 * Opens the CUDA backend without linking against it: the classes that reference JCuda live in
 * {@code dev.numguard.guards.batch.cuda} and are reached only through reflection, after JCuda has
 * been found on the class path, so the CPU path never loads a JCuda class.
 *
 * <p>The probe runs once per JVM and its answer is kept: where JCuda's natives cannot load, the
 * first touch of {@code JCudaDriver} throws {@link UnsatisfiedLinkError} and every later touch
 * {@link NoClassDefFoundError}, so a second probe could only report a worse reason.
 */
final class CudaBackendLoader {
  static final String JCUDA_DRIVER_CLASS = "jcuda.driver.JCudaDriver";
  static final String BACKEND_CLASS = "dev.numguard.guards.batch.cuda.CudaBatchOps";

  private static CudaAvailability shared;

  private CudaBackendLoader() {}

  static synchronized CudaAvailability shared() {
    if (shared == null) {
      shared = probe(CudaBackendLoader.class.getClassLoader());
    }
    return shared;
  }

  /** Opens a new CUDA backend through {@code loader}, or explains why it cannot. */
  static CudaAvailability probe(ClassLoader loader) {
    try {
      Class.forName(JCUDA_DRIVER_CLASS, false, loader);
    } catch (ClassNotFoundException | LinkageError e) {
      return CudaAvailability.unavailable("JCuda (org.jcuda:jcuda) is not on the class path");
    }
    try {
      Class<?> backendClass = Class.forName(BACKEND_CLASS, true, loader);
      Method open = backendClass.getMethod("open");
      BatchOps backend = (BatchOps) open.invoke(null);
      return CudaAvailability.available(backend, backend.toString());
    } catch (InvocationTargetException e) {
      return CudaAvailability.unavailable(reasonFor(e.getCause()));
    } catch (ReflectiveOperationException | LinkageError | ClassCastException e) {
      return CudaAvailability.unavailable(reasonFor(e));
    }
  }

  /** A one-line reason for a failure to open the backend. */
  static String reasonFor(Throwable failure) {
    if (failure instanceof BackendUnavailableException) {
      return failure.getMessage();
    }
    if (failure instanceof UnsatisfiedLinkError) {
      String message = String.valueOf(failure.getMessage());
      return "JCuda's native driver binding cannot load (" + message.split("\\R", 2)[0] + ")";
    }
    if (failure instanceof NoClassDefFoundError) {
      return "JCuda's driver binding failed to initialise earlier in this JVM (" + failure.getMessage() + ")";
    }
    return "the CUDA backend failed to open: " + failure;
  }
}
