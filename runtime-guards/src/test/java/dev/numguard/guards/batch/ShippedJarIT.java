package dev.numguard.guards.batch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;

/**
 * Runs after packaging (failsafe, {@code mvn verify}): the built jar itself carries the PTX module,
 * with the lowered ISA version and every kernel the CUDA backend launches.
 */
class ShippedJarIT {

  @Test
  void theJarCarriesThePtxModuleNamingEveryKernel() throws IOException {
    Path jar = Path.of(System.getProperty("numguard.jar", "target/missing.jar"));
    assertThat(Files.isRegularFile(jar)).as("built jar %s", jar).isTrue();
    try (JarFile file = new JarFile(jar.toFile())) {
      JarEntry entry = file.getJarEntry(KernelPtx.RESOURCE.substring(1));
      assertThat(entry).as("%s in %s", KernelPtx.RESOURCE, jar).isNotNull();
      String ptx;
      try (InputStream in = file.getInputStream(entry)) {
        ptx = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
      }
      assertThat(KernelPtx.entryNames(ptx)).containsExactlyInAnyOrderElementsOf(KernelPtx.KERNEL_NAMES);
      assertThat(KernelPtx.isaVersion(ptx)).isEqualTo(KernelPtx.SHIPPED_ISA_VERSION);
      assertThat(file.getJarEntry("dev/numguard/guards/batch/cuda/CudaBatchOps.class")).isNotNull();
      assertThat(file.stream().map(JarEntry::getName)).noneMatch(name -> name.startsWith("jcuda/"));
    }
  }
}
