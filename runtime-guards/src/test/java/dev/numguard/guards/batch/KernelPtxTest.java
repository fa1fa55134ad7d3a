package dev.numguard.guards.batch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class KernelPtxTest {

  @Test
  void theClassPathHoldsThePtxModuleWithEveryKernel() {
    String ptx = KernelPtx.text();
    assertThat(KernelPtx.entryNames(ptx)).containsExactlyInAnyOrderElementsOf(KernelPtx.KERNEL_NAMES);
  }

  @Test
  void theShippedModuleDeclaresIsa80AndTheLowestTarget() {
    String ptx = KernelPtx.text();
    assertThat(KernelPtx.isaVersion(ptx)).isEqualTo(KernelPtx.SHIPPED_ISA_VERSION).isEqualTo("8.0");
    assertThat(KernelPtx.target(ptx)).isEqualTo("sm_75");
    assertThat(ptx).contains(".address_size 64");
  }

  @Test
  void moduleBytesAreNulTerminatedForTheDriver() {
    byte[] bytes = KernelPtx.nulTerminatedBytes();
    assertThat(bytes[bytes.length - 1]).isZero();
    assertThat(bytes.length - 1).isEqualTo(KernelPtx.text().length());
  }

  @Test
  void everyKernelTheBackendLaunchesIsDefinedInTheCudaSource() throws IOException {
    // the CUDA source defines the entry points through a macro per element type
    String source = Files.readString(Path.of("src/main/cuda/kernels.cu"));
    Matcher macro = Pattern.compile("extern \"C\" __global__ void (\\w+)##SUFFIX").matcher(source);
    java.util.List<String> names = new java.util.ArrayList<>();
    while (macro.find()) {
      names.add(macro.group(1) + "f32");
      names.add(macro.group(1) + "f64");
    }
    Matcher plain = Pattern.compile("extern \"C\" __global__ void (\\w+)\\(").matcher(source);
    while (plain.find()) {
      names.add(plain.group(1));
    }
    assertThat(names).containsExactlyInAnyOrderElementsOf(KernelPtx.KERNEL_NAMES);
  }

  @Test
  void parsesEntryNamesVersionAndTarget() {
    String ptx = ".version 9.0\n.target sm_80\n.address_size 64\n\n.visible .entry a_b(\n)\n{}\n"
        + ".visible .entry c(\n)\n{}\n.func d(\n)\n";
    assertThat(KernelPtx.entryNames(ptx)).containsExactly("a_b", "c");
    assertThat(KernelPtx.isaVersion(ptx)).isEqualTo("9.0");
    assertThat(KernelPtx.target(ptx)).isEqualTo("sm_80");
    assertThat(KernelPtx.isaVersion("")).isEmpty();
  }
}
