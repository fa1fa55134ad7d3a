package dev.numguard.guards.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

class BackendSelectionTest {

  private static Properties properties(String... keyValues) {
    Properties p = new Properties();
    for (int i = 0; i < keyValues.length; i += 2) {
      p.setProperty(keyValues[i], keyValues[i + 1]);
    }
    return p;
  }

  @Test
  void parsesBackendNamesCaseInsensitively() {
    assertThat(BackendKind.parse("cpu")).isEqualTo(BackendKind.CPU);
    assertThat(BackendKind.parse(" CUDA ")).isEqualTo(BackendKind.CUDA);
    assertThat(BackendKind.parse("Auto")).isEqualTo(BackendKind.AUTO);
    assertThatThrownBy(() -> BackendKind.parse("gpu"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'gpu'")
        .hasMessageContaining("cpu, cuda, auto");
  }

  @Test
  void systemPropertyWinsOverEnvironmentWhichWinsOverDefault() {
    Map<String, String> env = Map.of(Backends.ENVIRONMENT_VARIABLE, "cpu");
    assertThat(Backends.configuredKind(properties(Backends.PROPERTY, "cuda"), env)).isEqualTo(BackendKind.CUDA);
    assertThat(Backends.configuredKind(properties(), env)).isEqualTo(BackendKind.CPU);
    assertThat(Backends.configuredKind(properties(Backends.PROPERTY, "  "), env)).isEqualTo(BackendKind.CPU);
    assertThat(Backends.configuredKind(properties(), Map.of())).isEqualTo(BackendKind.AUTO);
    assertThatThrownBy(() -> Backends.configuredKind(properties(Backends.PROPERTY, "tpu"), Map.of()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void minimumCudaBatchIsConfigurable() {
    assertThat(Backends.minCudaElements(properties())).isEqualTo(AutoBatchOps.DEFAULT_MIN_CUDA_ELEMENTS);
    assertThat(Backends.minCudaElements(properties(Backends.MIN_CUDA_ELEMENTS_PROPERTY, "4096"))).isEqualTo(4096);
    assertThatThrownBy(() -> Backends.minCudaElements(properties(Backends.MIN_CUDA_ELEMENTS_PROPERTY, "-1")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(Backends.MIN_CUDA_ELEMENTS_PROPERTY);
  }

  @Test
  void cpuIsAlwaysAvailable() {
    assertThat(Backends.cpu().kind()).isEqualTo(BackendKind.CPU);
    assertThat(Backends.of(BackendKind.CPU)).isSameAs(Backends.cpu());
    assertThat(Backends.of(BackendKind.AUTO).kind()).isEqualTo(BackendKind.AUTO);
  }

  @Test
  void withoutCudaAutoRunsLargeBatchesOnTheCpuAndSaysWhy() {
    CudaAvailability availability = Backends.cudaAvailability();
    assumeFalse(availability.available(), "a CUDA device is present: " + availability.reason());

    assertThat(availability.reason()).isNotBlank().doesNotContain("\n");
    AutoBatchOps auto = new AutoBatchOps(0);
    assertThat(auto.choose(1L << 30)).isEqualTo(BackendKind.CPU);

    float[] x = {1000f, 1001f, 1002f};
    float[] out = new float[3];
    auto.softmaxRows(x, 1, 3, out);
    assertThat(out[2]).isCloseTo(0.66524096f, org.assertj.core.data.Offset.offset(1e-7f));
  }

  @Test
  void withoutTheDriverTheReasonNamesLibcuda() {
    CudaAvailability availability = Backends.cudaAvailability();
    assumeFalse(availability.available(), "a CUDA device is present");
    assumeFalse(Path.of("/usr/lib/x86_64-linux-gnu/libcuda.so.1").toFile().exists(), "the NVIDIA driver is installed");
    assertThat(availability.reason()).contains("libcuda.so.1").contains("NVIDIA driver");
  }

  @Test
  void forcingCudaWhereItCannotRunThrowsWithTheReason() {
    CudaAvailability availability = Backends.cudaAvailability();
    assumeFalse(availability.available(), "a CUDA device is present");
    assertThatThrownBy(Backends::cuda)
        .isInstanceOf(BackendUnavailableException.class)
        .hasMessageContaining("requested")
        .hasMessageContaining(availability.reason());
    assertThatThrownBy(() -> Backends.of(BackendKind.CUDA)).isInstanceOf(BackendUnavailableException.class);
  }

  @Test
  void autoUsesCudaOnlyForLargeBatchesWhenAvailable() {
    RecordingOps fakeCuda = new RecordingOps();
    AutoBatchOps auto = new AutoBatchOps(
        Backends.cpu(), () -> CudaAvailability.available(fakeCuda, "fake device"), 1000);
    assertThat(auto.choose(999)).isEqualTo(BackendKind.CPU);
    assertThat(auto.choose(1000)).isEqualTo(BackendKind.CUDA);

    float[] small = new float[10 * 10];
    auto.softmaxRows(small, 10, 10, small);
    assertThat(fakeCuda.calls).hasValue(0);
    float[] large = new float[10 * 100];
    auto.logSumExpRows(large, 10, 100, new float[10]);
    assertThat(fakeCuda.calls).hasValue(1);
    auto.unscaleAndCheckFinite(0.5f, new float[600], new float[600]);
    assertThat(fakeCuda.calls).hasValue(2);
  }

  @Test
  void autoFallsBackSilentlyAfterOneLogLine() {
    Logger julLogger = Logger.getLogger("dev.numguard.guards.batch");
    List<LogRecord> records = new ArrayList<>();
    Handler handler = new Handler() {
      @Override
      public void publish(LogRecord record) {
        records.add(record);
      }

      @Override
      public void flush() {}

      @Override
      public void close() {}
    };
    julLogger.addHandler(handler);
    try {
      AutoBatchOps auto = new AutoBatchOps(
          Backends.cpu(), () -> CudaAvailability.unavailable("no device in this test"), 0);
      for (int i = 0; i < 5; i++) {
        assertThat(auto.choose(1 << 20)).isEqualTo(BackendKind.CPU);
        auto.logSumExpRows(new double[4], 2, 2, new double[2]);
      }
    } finally {
      julLogger.removeHandler(handler);
    }
    // at most one line per JVM: another test may have logged it already
    assertThat(records).hasSizeLessThanOrEqualTo(1);
    records.forEach(r -> assertThat(r.getMessage() + r.getParameters()[0]).contains("CPU"));
  }

  @Test
  void withoutJCudaOnTheClassPathEverythingStillRunsOnTheCpu() throws Exception {
    URL mainClasses = Path.of("target/classes").toUri().toURL();
    try (URLClassLoader isolated = new URLClassLoader(new URL[] {mainClasses}, ClassLoader.getPlatformClassLoader())) {
      assertThatThrownBy(() -> Class.forName("jcuda.driver.JCudaDriver", false, isolated))
          .isInstanceOf(ClassNotFoundException.class);
      Class<?> backends = Class.forName(Backends.class.getName(), true, isolated);
      Object availability = backends.getMethod("cudaAvailability").invoke(null);
      assertThat(availability.getClass().getMethod("reason").invoke(availability))
          .isEqualTo("JCuda (org.jcuda:jcuda) is not on the class path");

      Class<?> autoClass = Class.forName(AutoBatchOps.class.getName(), true, isolated);
      Object auto = autoClass.getConstructor(long.class).newInstance(0L);
      double[] x = {1000, 1000};
      double[] lse = new double[1];
      autoClass.getMethod("logSumExpRows", double[].class, int.class, int.class, double[].class)
          .invoke(auto, x, 1, 2, lse);
      assertThat(lse[0]).isEqualTo(1000 + Math.log(2));
      assertThat(autoClass.getMethod("choose", long.class).invoke(auto, 1L << 30).toString()).isEqualTo("CPU");
    }
  }

  /** A stand-in CUDA backend that counts calls and computes on the CPU. */
  private static final class RecordingOps implements BatchOps {
    final AtomicInteger calls = new AtomicInteger();
    private final BatchOps cpu = Backends.cpu();

    @Override
    public BackendKind kind() {
      return BackendKind.CUDA;
    }

    @Override
    public void softmaxRows(float[] x, int rows, int cols, float[] out) {
      calls.incrementAndGet();
      cpu.softmaxRows(x, rows, cols, out);
    }

    @Override
    public void logSoftmaxRows(float[] x, int rows, int cols, float[] out) {
      calls.incrementAndGet();
      cpu.logSoftmaxRows(x, rows, cols, out);
    }

    @Override
    public void logSumExpRows(float[] x, int rows, int cols, float[] out) {
      calls.incrementAndGet();
      cpu.logSumExpRows(x, rows, cols, out);
    }

    @Override
    public void crossEntropyRows(float[] logits, int rows, int cols, int[] targets, float[] losses) {
      calls.incrementAndGet();
      cpu.crossEntropyRows(logits, rows, cols, targets, losses);
    }

    @Override
    public void softmaxRows(double[] x, int rows, int cols, double[] out) {
      calls.incrementAndGet();
      cpu.softmaxRows(x, rows, cols, out);
    }

    @Override
    public void logSoftmaxRows(double[] x, int rows, int cols, double[] out) {
      calls.incrementAndGet();
      cpu.logSoftmaxRows(x, rows, cols, out);
    }

    @Override
    public void logSumExpRows(double[] x, int rows, int cols, double[] out) {
      calls.incrementAndGet();
      cpu.logSumExpRows(x, rows, cols, out);
    }

    @Override
    public void crossEntropyRows(double[] logits, int rows, int cols, int[] targets, double[] losses) {
      calls.incrementAndGet();
      cpu.crossEntropyRows(logits, rows, cols, targets, losses);
    }

    @Override
    public void meanVarianceRows(float[] x, int rows, int cols, float[] means, float[] variances) {
      calls.incrementAndGet();
      cpu.meanVarianceRows(x, rows, cols, means, variances);
    }

    @Override
    public void meanVarianceRows(double[] x, int rows, int cols, double[] means, double[] variances) {
      calls.incrementAndGet();
      cpu.meanVarianceRows(x, rows, cols, means, variances);
    }

    @Override
    public void layerNormRows(float[] x, int rows, int cols, float eps, float[] gamma, float[] beta, float[] out) {
      calls.incrementAndGet();
      cpu.layerNormRows(x, rows, cols, eps, gamma, beta, out);
    }

    @Override
    public void layerNormRows(double[] x, int rows, int cols, double eps, double[] gamma, double[] beta, double[] out) {
      calls.incrementAndGet();
      cpu.layerNormRows(x, rows, cols, eps, gamma, beta, out);
    }

    @Override
    public boolean unscaleAndCheckFinite(float inverseScale, float[]... gradients) {
      calls.incrementAndGet();
      return cpu.unscaleAndCheckFinite(inverseScale, gradients);
    }
  }
}
