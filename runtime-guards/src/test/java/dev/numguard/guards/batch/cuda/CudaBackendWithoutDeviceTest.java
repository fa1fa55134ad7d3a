package dev.numguard.guards.batch.cuda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.numguard.guards.batch.BackendUnavailableException;
import dev.numguard.guards.batch.Backends;
import org.junit.jupiter.api.Test;

/** The CUDA backend's behaviour that needs no device: refusing to open, and its launch shapes. */
class CudaBackendWithoutDeviceTest {

  @Test
  void openingWithoutADeviceThrowsBackendUnavailableNotALinkageError() {
    assumeFalse(Backends.cudaAvailability().available(), "a CUDA device is present");
    assertThatThrownBy(CudaBatchOps::open)
        .isInstanceOf(BackendUnavailableException.class)
        .hasMessageNotContaining("\n");
    // later attempts meet JCuda's failed class initialisation: still the same clear reason
    String first = catchReason();
    assertThat(catchReason()).isEqualTo(first).doesNotContain("earlier in this JVM");
  }

  private static String catchReason() {
    try {
      CudaBatchOps.open(0).close();
      throw new AssertionError("opened a CUDA backend");
    } catch (BackendUnavailableException e) {
      return e.getMessage();
    }
  }

  @Test
  void shortRowsGetAWarpAndLongRowsABlockSizedToTheRow() {
    assertThat(RowKernelLauncher.warpPerRow(1)).isTrue();
    assertThat(RowKernelLauncher.warpPerRow(1024)).isTrue();
    assertThat(RowKernelLauncher.warpPerRow(1025)).isFalse();
    assertThat(RowKernelLauncher.blockThreads(1025)).isEqualTo(256);
    assertThat(RowKernelLauncher.blockThreads(4096)).isEqualTo(256);
    assertThat(RowKernelLauncher.blockThreads(4097)).isEqualTo(512);
    assertThat(RowKernelLauncher.blockThreads(16384)).isEqualTo(512);
    assertThat(RowKernelLauncher.blockThreads(16385)).isEqualTo(1024);
    assertThat(RowKernelLauncher.blockThreads(Integer.MAX_VALUE)).isEqualTo(1024);
  }
}
