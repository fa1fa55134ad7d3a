package dev.numguard.guards.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.abort;

import java.nio.charset.StandardCharsets;
import jcuda.nvptxcompiler.JNvPTXCompiler;
import jcuda.nvptxcompiler.nvPTXCompileResult;
import jcuda.nvptxcompiler.nvPTXCompilerHandle;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Proves on a machine without a GPU that the shipped PTX is what a CUDA 12 driver accepts: JCuda's
 * binding of NVIDIA's PTX compiler library (self-contained, CUDA 12.0, no driver needed) compiles
 * it to machine code for several architectures, the way the driver's JIT does at module load. Skips
 * (does not fail) where the compiler's natives cannot load.
 */
class ShippedPtxCompilesTest {

  private static final int NVPTXCOMPILE_SUCCESS = 0;

  @BeforeAll
  static void loadThePtxCompiler() {
    try {
      int[] major = {0};
      int[] minor = {0};
      JNvPTXCompiler.nvPTXCompilerGetVersion(major, minor);
      assertThat(major[0]).isGreaterThanOrEqualTo(12);
    } catch (LinkageError e) {
      abort("JCuda's PTX compiler natives cannot load here: " + e.getMessage().lines().findFirst().orElse(""));
    }
  }

  /** Compiles PTX text; returns the result code, and the error log in {@code log[0]}. */
  private static int compile(String ptx, String gpuName, long[] binarySize, String[] log) {
    byte[] text = ptx.getBytes(StandardCharsets.US_ASCII);
    byte[] nulTerminated = new byte[text.length + 1];
    System.arraycopy(text, 0, nulTerminated, 0, text.length);
    nvPTXCompilerHandle handle = new nvPTXCompilerHandle();
    assertThat(JNvPTXCompiler.nvPTXCompilerCreate(handle, text.length, nulTerminated)).isEqualTo(NVPTXCOMPILE_SUCCESS);
    try {
      int result = JNvPTXCompiler.nvPTXCompilerCompile(handle, 1, new String[] {"--gpu-name=" + gpuName});
      long[] logSize = {0};
      JNvPTXCompiler.nvPTXCompilerGetErrorLogSize(handle, logSize);
      byte[] logBytes = new byte[(int) logSize[0] + 1];
      JNvPTXCompiler.nvPTXCompilerGetErrorLog(handle, logBytes);
      log[0] = new String(logBytes, StandardCharsets.US_ASCII).replace("\0", "").strip();
      if (result == NVPTXCOMPILE_SUCCESS) {
        JNvPTXCompiler.nvPTXCompilerGetCompiledProgramSize(handle, binarySize);
      }
      return result;
    } finally {
      JNvPTXCompiler.nvPTXCompilerDestroy(handle);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"sm_75", "sm_80", "sm_90"})
  void theShippedPtxCompilesToMachineCode(String gpuName) {
    long[] size = {0};
    String[] log = {""};
    int result = compile(KernelPtx.text(), gpuName, size, log);
    assertThat(result).as("%s for %s: %s", nvPTXCompileResult.stringFor(result), gpuName, log[0])
        .isEqualTo(NVPTXCOMPILE_SUCCESS);
    assertThat(size[0]).isPositive();
  }

  @Test
  void theUnloweredIsaVersionIsWhatCuda12Rejects() {
    // why the build lowers the header: nvcc 13 writes .version 9.0, which CUDA 12 cannot read
    String asNvcc13WritesIt = KernelPtx.text().replaceFirst("(?m)^\\.version 8\\.0$", ".version 9.0");
    String[] log = {""};
    int result = compile(asNvcc13WritesIt, "sm_80", new long[1], log);
    assertThat(result).isEqualTo(nvPTXCompileResult.NVPTXCOMPILE_ERROR_UNSUPPORTED_PTX_VERSION);
    assertThat(log[0]).contains("Unsupported .version 9.0");
  }
}
