package dev.numguard.guards.batch;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The PTX module of the CUDA backend, shipped in the jar as {@value #RESOURCE}. Built from {@code
 * src/main/cuda/kernels.cu} by nvcc (see the runtime-guards POM), with its ISA version lowered to
 * {@value #SHIPPED_ISA_VERSION} so that CUDA 12 drivers load it. Reading it needs no GPU and no
 * JCuda.
 */
public final class KernelPtx {

  /** Class-path location of the PTX module. */
  public static final String RESOURCE = "/dev/numguard/guards/batch/kernels.ptx";

  /** The PTX ISA version the shipped module declares; CUDA 12.0 and later drivers accept it. */
  public static final String SHIPPED_ISA_VERSION = "8.0";

  /** The row operations, each a kernel per launch shape ({@code warp}, {@code block}) and precision. */
  static final List<String> ROW_OPERATIONS =
      Collections.unmodifiableList(Arrays.asList("softmax", "logsumexp", "moments", "layernorm"));

  /** The element types of the row kernels, as kernel-name suffixes. */
  static final List<String> PRECISIONS = Collections.unmodifiableList(Arrays.asList("f32", "f64"));

  /** The float gradient kernel of loss scaling. */
  public static final String UNSCALE_KERNEL = "unscale_check_f32";

  /** Every kernel the CUDA backend launches; the module must define each of them. */
  public static final List<String> KERNEL_NAMES = kernelNames();

  /** The entry name of a row kernel, e.g. {@code softmax_warp_f32}. */
  public static String rowKernel(String operation, boolean warpPerRow, String precision) {
    return operation + (warpPerRow ? "_warp_" : "_block_") + precision;
  }

  private static List<String> kernelNames() {
    List<String> names = new ArrayList<>();
    for (String precision : PRECISIONS) {
      for (String operation : ROW_OPERATIONS) {
        names.add(rowKernel(operation, true, precision));
        names.add(rowKernel(operation, false, precision));
      }
    }
    names.add(UNSCALE_KERNEL);
    return Collections.unmodifiableList(names);
  }

  private static final Pattern ENTRY = Pattern.compile("^\\.visible \\.entry (\\w+)\\(", Pattern.MULTILINE);
  private static final Pattern VERSION = Pattern.compile("^\\.version (\\d+\\.\\d+)$", Pattern.MULTILINE);
  private static final Pattern TARGET = Pattern.compile("^\\.target (\\w+)", Pattern.MULTILINE);

  private KernelPtx() {}

  /**
   * The PTX text, NUL-terminated as the CUDA driver's {@code cuModuleLoadData} requires.
   *
   * @throws IllegalStateException if the resource is missing from the class path
   */
  public static byte[] nulTerminatedBytes() {
    byte[] text = text().getBytes(StandardCharsets.US_ASCII);
    byte[] withNul = new byte[text.length + 1];
    System.arraycopy(text, 0, withNul, 0, text.length);
    return withNul;
  }

  /**
   * The PTX text.
   *
   * @throws IllegalStateException if the resource is missing from the class path
   */
  public static String text() {
    try (InputStream in = KernelPtx.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("the PTX module " + RESOURCE + " is missing from the class path");
      }
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      byte[] buffer = new byte[8192];
      for (int n; (n = in.read(buffer)) > 0; ) {
        bytes.write(buffer, 0, n);
      }
      return new String(bytes.toByteArray(), StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the PTX module " + RESOURCE, e);
    }
  }

  /** The names of the kernels ({@code .visible .entry}) the PTX text defines, in order. */
  public static List<String> entryNames(String ptx) {
    List<String> names = new ArrayList<>();
    Matcher m = ENTRY.matcher(ptx);
    while (m.find()) {
      names.add(m.group(1));
    }
    return names;
  }

  /** The {@code .version} the PTX text declares, or the empty string if it declares none. */
  public static String isaVersion(String ptx) {
    Matcher m = VERSION.matcher(ptx);
    return m.find() ? m.group(1) : "";
  }

  /** The {@code .target} the PTX text declares (for example {@code sm_75}), or the empty string. */
  public static String target(String ptx) {
    Matcher m = TARGET.matcher(ptx);
    return m.find() ? m.group(1) : "";
  }
}
