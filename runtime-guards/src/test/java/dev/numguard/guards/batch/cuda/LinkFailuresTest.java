package dev.numguard.guards.batch.cuda;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LinkFailuresTest {

  /** The message JCuda 12.6.0 throws on a machine without the NVIDIA driver (abridged traces). */
  private static final String WITHOUT_DRIVER = String.join("\n",
      "Error while loading native library \"JCudaDriver-12.6.0-linux-x86_64\"",
      "Operating system name: Linux",
      "Architecture         : amd64",
      "---(start of nested stack traces)---",
      "Stack trace from the attempt to load the library as a file:",
      "java.lang.UnsatisfiedLinkError: no JCudaDriver-12.6.0-linux-x86_64 in java.library.path: /usr/lib",
      "\tat java.base/java.lang.ClassLoader.loadLibrary(ClassLoader.java:2434)",
      "Stack trace from the attempt to load the library as a resource:",
      "java.lang.UnsatisfiedLinkError: /tmp/libJCudaDriver-12.6.0-linux-x86_64.so: libcuda.so.1: "
          + "cannot open shared object file: No such file or directory",
      "\tat java.base/jdk.internal.loader.NativeLibraries.load(Native Method)",
      "---(end of nested stack traces)---");

  @Test
  void namesTheMissingDriverLibrary() {
    assertThat(LinkFailures.detail(WITHOUT_DRIVER))
        .isEqualTo("libcuda.so.1 not found: is the NVIDIA driver installed?");
  }

  @Test
  void otherwiseKeepsTheFirstLine() {
    assertThat(LinkFailures.detail("no JCudaDriver in java.library.path\nmore")).isEqualTo("no JCudaDriver in java.library.path");
    assertThat(LinkFailures.detail(null)).isEqualTo("no detail");
    assertThat(LinkFailures.detail(" ")).isEqualTo("no detail");
  }
}
