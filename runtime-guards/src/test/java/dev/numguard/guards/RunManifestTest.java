package dev.numguard.guards;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.io.StringReader;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class RunManifestTest {

  private static final Clock FIXED =
      Clock.fixed(Instant.parse("2026-11-28T12:34:56.789Z"), ZoneOffset.UTC);

  @Test
  void capturesSeedStreamsAndTheRunningEnvironment() {
    Seeds seeds = Seeds.of(-9_000_000_000_000_000_123L);
    seeds.generator("init");
    seeds.generator("dropout");
    RunManifest manifest = seeds.manifest(FIXED);

    assertThat(manifest.seed()).isEqualTo(-9_000_000_000_000_000_123L);
    assertThat(manifest.streamNames()).containsExactly("dropout", "init");
    assertThat(manifest.javaVersion()).isEqualTo(System.getProperty("java.version"));
    assertThat(manifest.javaVendor()).isEqualTo(System.getProperty("java.vendor"));
    assertThat(manifest.javaVmName()).isEqualTo(System.getProperty("java.vm.name"));
    assertThat(manifest.javaVmVersion()).isEqualTo(System.getProperty("java.vm.version"));
    assertThat(manifest.osName()).isEqualTo(System.getProperty("os.name"));
    assertThat(manifest.osVersion()).isEqualTo(System.getProperty("os.version"));
    assertThat(manifest.osArch()).isEqualTo(System.getProperty("os.arch"));
    assertThat(manifest.availableProcessors())
        .isEqualTo(Runtime.getRuntime().availableProcessors());
    assertThat(manifest.createdAt()).isEqualTo(Instant.parse("2026-11-28T12:34:56.789Z"));
  }

  @Test
  void laterStreamsDoNotChangeAnEarlierManifest() {
    Seeds seeds = Seeds.of(1);
    seeds.derive("a");
    RunManifest manifest = seeds.manifest(FIXED);
    seeds.derive("b");
    assertThat(manifest.streamNames()).containsExactly("a");
    assertThat(seeds.manifest(FIXED).streamNames()).containsExactly("a", "b");
  }

  private static RunManifest hostile() {
    return new RunManifest(
        Long.MIN_VALUE,
        List.of("a,b", "tab\there", " leading space", "ünïcode", "quote\"back\\slash"),
        "17.0.15",
        "Vendor = \"Acme\": #1!",
        "VM\nwith newline",
        "v1",
        "Linux",
        "6.1",
        "amd64",
        2,
        Instant.parse("2026-11-28T12:34:56Z"));
  }

  @Test
  void propertiesTextHasFixedKeyOrderAndLoadsBackExactly() throws Exception {
    RunManifest manifest = hostile();
    String text = manifest.toPropertiesText();
    List<String> keys =
        text.lines().map(line -> line.substring(0, line.indexOf('='))).toList();
    assertThat(keys)
        .containsExactly(
            "seed",
            "streams",
            "java.version",
            "java.vendor",
            "java.vm.name",
            "java.vm.version",
            "os.name",
            "os.version",
            "os.arch",
            "processors",
            "created");
    assertThat(text).startsWith("seed=-9223372036854775808\n");
    assertThat(text).contains("processors=2\n").contains("created=2026-11-28T12\\:34\\:56Z\n");

    Properties loaded = new Properties();
    loaded.load(new StringReader(text));
    assertThat(loaded).isEqualTo(manifest.toProperties());
    assertThat(loaded.getProperty("java.vendor")).isEqualTo("Vendor = \"Acme\": #1!");
    assertThat(loaded.getProperty("java.vm.name")).isEqualTo("VM\nwith newline");
    assertThat(loaded.getProperty("streams"))
        .isEqualTo("a,b,tab\there, leading space,ünïcode,quote\"back\\slash");
    assertThat(RunManifest.parseProperties(text)).isEqualTo(manifest.entries());
  }

  @Test
  void jsonIsEscapedAndKeepsTheSeedLossless() {
    String json = hostile().toJson();
    assertThat(json)
        .isEqualTo(
            "{\n"
                + "  \"seed\": \"-9223372036854775808\",\n"
                + "  \"streams\": [\"a,b\", \"tab\\there\", \" leading space\", \"ünïcode\","
                + " \"quote\\\"back\\\\slash\"],\n"
                + "  \"java.version\": \"17.0.15\",\n"
                + "  \"java.vendor\": \"Vendor = \\\"Acme\\\": #1!\",\n"
                + "  \"java.vm.name\": \"VM\\nwith newline\",\n"
                + "  \"java.vm.version\": \"v1\",\n"
                + "  \"os.name\": \"Linux\",\n"
                + "  \"os.version\": \"6.1\",\n"
                + "  \"os.arch\": \"amd64\",\n"
                + "  \"processors\": 2,\n"
                + "  \"created\": \"2026-11-28T12:34:56Z\"\n"
                + "}\n");
  }

  @Test
  void entriesAreTheSameForEveryFormat() {
    Map<String, String> entries = hostile().entries();
    assertThat(entries)
        .contains(
            entry("seed", "-9223372036854775808"),
            entry("os.arch", "amd64"),
            entry("created", "2026-11-28T12:34:56Z"));
    assertThat(entries).hasSize(11);
  }
}
