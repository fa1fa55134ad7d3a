package dev.numguard.guards;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;

/**
 * What must be logged for a run to be reproducible: the seed, the named random streams drawn from
 * it, the Java runtime, the operating system and the processor count, with the time the manifest was
 * taken. Created by {@link Seeds#manifest()}.
 *
 * <p>It writes itself as Java properties text ({@link #toPropertiesText()}, readable with {@link
 * Properties#load(java.io.Reader)}) and as a JSON object ({@link #toJson()}), both with the same
 * keys in a fixed order, so two manifests can be compared with {@code diff}.
 *
 * <p>Components:
 * <br>{@code seed}: the seed every stream was derived from
 * <br>{@code streamNames}: the names of the streams derived before the manifest was taken, sorted
 * <br>{@code javaVersion}: {@code java.version}
 * <br>{@code javaVendor}: {@code java.vendor}
 * <br>{@code javaVmName}: {@code java.vm.name}
 * <br>{@code javaVmVersion}: {@code java.vm.version}
 * <br>{@code osName}: {@code os.name}
 * <br>{@code osVersion}: {@code os.version}
 * <br>{@code osArch}: {@code os.arch}
 * <br>{@code availableProcessors}: {@link Runtime#availableProcessors()}
 * <br>{@code createdAt}: when the manifest was taken
 */
public final class RunManifest {

  /** Property absent from the running JVM. */
  private static final String UNKNOWN = "unknown";

  private final long seed;
  private final List<String> streamNames;
  private final String javaVersion;
  private final String javaVendor;
  private final String javaVmName;
  private final String javaVmVersion;
  private final String osName;
  private final String osVersion;
  private final String osArch;
  private final int availableProcessors;
  private final Instant createdAt;

  /** Checks for nulls and copies the stream names. */
  public RunManifest(
      long seed,
      List<String> streamNames,
      String javaVersion,
      String javaVendor,
      String javaVmName,
      String javaVmVersion,
      String osName,
      String osVersion,
      String osArch,
      int availableProcessors,
      Instant createdAt) {
    this.seed = seed;
    this.streamNames = Collections.unmodifiableList(new ArrayList<>(streamNames));
    this.javaVersion = Objects.requireNonNull(javaVersion, "javaVersion");
    this.javaVendor = Objects.requireNonNull(javaVendor, "javaVendor");
    this.javaVmName = Objects.requireNonNull(javaVmName, "javaVmName");
    this.javaVmVersion = Objects.requireNonNull(javaVmVersion, "javaVmVersion");
    this.osName = Objects.requireNonNull(osName, "osName");
    this.osVersion = Objects.requireNonNull(osVersion, "osVersion");
    this.osArch = Objects.requireNonNull(osArch, "osArch");
    this.availableProcessors = availableProcessors;
    this.createdAt = Objects.requireNonNull(createdAt, "createdAt");
  }

  /** The seed every stream was derived from. */
  public long seed() {
    return seed;
  }

  /** The names of the streams derived before the manifest was taken, sorted; unmodifiable. */
  public List<String> streamNames() {
    return streamNames;
  }

  /** {@code java.version}. */
  public String javaVersion() {
    return javaVersion;
  }

  /** {@code java.vendor}. */
  public String javaVendor() {
    return javaVendor;
  }

  /** {@code java.vm.name}. */
  public String javaVmName() {
    return javaVmName;
  }

  /** {@code java.vm.version}. */
  public String javaVmVersion() {
    return javaVmVersion;
  }

  /** {@code os.name}. */
  public String osName() {
    return osName;
  }

  /** {@code os.version}. */
  public String osVersion() {
    return osVersion;
  }

  /** {@code os.arch}. */
  public String osArch() {
    return osArch;
  }

  /** {@link Runtime#availableProcessors()}. */
  public int availableProcessors() {
    return availableProcessors;
  }

  /** When the manifest was taken. */
  public Instant createdAt() {
    return createdAt;
  }

  /**
   * Reads the environment of the running JVM.
   *
   * @param seed the seed
   * @param streamNames the stream names
   * @param clock stamps the manifest
   * @return the manifest; system properties the JVM does not define read as {@code "unknown"}
   */
  public static RunManifest capture(long seed, List<String> streamNames, Clock clock) {
    Objects.requireNonNull(clock, "clock");
    return new RunManifest(
        seed,
        streamNames,
        property("java.version"),
        property("java.vendor"),
        property("java.vm.name"),
        property("java.vm.version"),
        property("os.name"),
        property("os.version"),
        property("os.arch"),
        Runtime.getRuntime().availableProcessors(),
        clock.instant());
  }

  /**
   * The manifest as ordered key/value pairs: {@code seed}, {@code streams} (comma-separated; a name
   * that itself contains a comma stays distinct only in {@link #toJson()}),
   * {@code java.version}, {@code java.vendor}, {@code java.vm.name}, {@code java.vm.version}, {@code
   * os.name}, {@code os.version}, {@code os.arch}, {@code processors}, {@code created} (ISO-8601
   * UTC).
   */
  public Map<String, String> entries() {
    Map<String, String> entries = new LinkedHashMap<>();
    entries.put("seed", Long.toString(seed));
    entries.put("streams", String.join(",", streamNames));
    entries.put("java.version", javaVersion);
    entries.put("java.vendor", javaVendor);
    entries.put("java.vm.name", javaVmName);
    entries.put("java.vm.version", javaVmVersion);
    entries.put("os.name", osName);
    entries.put("os.version", osVersion);
    entries.put("os.arch", osArch);
    entries.put("processors", Integer.toString(availableProcessors));
    entries.put("created", createdAt.toString());
    return entries;
  }

  /** The {@link #entries()} as {@link Properties}. */
  public Properties toProperties() {
    Properties properties = new Properties();
    properties.putAll(entries());
    return properties;
  }

  /**
   * The {@link #entries()} as Java properties text, one {@code key=value} line each in a fixed
   * order, escaped so that {@link Properties#load(java.io.Reader)} reads back exactly these values.
   */
  public String toPropertiesText() {
    StringBuilder text = new StringBuilder();
    for (Map.Entry<String, String> entry : entries().entrySet()) {
      text.append(entry.getKey()).append('=');
      appendPropertyValue(text, entry.getValue());
      text.append('\n');
    }
    return text.toString();
  }

  /**
   * The manifest as a JSON object with the keys of {@link #entries()}; {@code streams} is an array
   * and {@code processors} a number. The seed is written as a decimal string because JSON parsers
   * that read numbers as doubles (JavaScript's among them) would silently round a 64-bit seed.
   */
  public String toJson() {
    StringBuilder json = new StringBuilder("{\n");
    json.append("  \"seed\": ");
    appendJsonString(json, Long.toString(seed));
    json.append(",\n  \"streams\": [");
    for (int i = 0; i < streamNames.size(); i++) {
      if (i > 0) {
        json.append(", ");
      }
      appendJsonString(json, streamNames.get(i));
    }
    json.append("]");
    for (Map.Entry<String, String> entry : entries().entrySet()) {
      String key = entry.getKey();
      if (key.equals("seed") || key.equals("streams")) {
        continue;
      }
      json.append(",\n  ");
      appendJsonString(json, key);
      json.append(": ");
      if (key.equals("processors")) {
        json.append(availableProcessors);
      } else {
        appendJsonString(json, entry.getValue());
      }
    }
    return json.append("\n}\n").toString();
  }

  /**
   * Reads properties text written by {@link #toPropertiesText()} back into a map (a convenience for
   * comparing the manifests of two runs).
   *
   * @param text properties text
   * @return the key/value pairs
   */
  public static Map<String, String> parseProperties(String text) {
    Properties properties = new Properties();
    try {
      properties.load(new StringReader(Objects.requireNonNull(text, "text")));
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a StringReader does not fail
    }
    Map<String, String> map = new LinkedHashMap<>();
    for (String key : properties.stringPropertyNames()) {
      map.put(key, properties.getProperty(key));
    }
    return map;
  }

  @Override
  public boolean equals(Object other) {
    if (!(other instanceof RunManifest)) {
      return false;
    }
    RunManifest o = (RunManifest) other;
    return seed == o.seed
        && availableProcessors == o.availableProcessors
        && streamNames.equals(o.streamNames)
        && javaVersion.equals(o.javaVersion)
        && javaVendor.equals(o.javaVendor)
        && javaVmName.equals(o.javaVmName)
        && javaVmVersion.equals(o.javaVmVersion)
        && osName.equals(o.osName)
        && osVersion.equals(o.osVersion)
        && osArch.equals(o.osArch)
        && createdAt.equals(o.createdAt);
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        seed,
        streamNames,
        javaVersion,
        javaVendor,
        javaVmName,
        javaVmVersion,
        osName,
        osVersion,
        osArch,
        availableProcessors,
        createdAt);
  }

  @Override
  public String toString() {
    return "RunManifest["
        + "seed=" + seed
        + ", streamNames=" + streamNames
        + ", javaVersion=" + javaVersion
        + ", javaVendor=" + javaVendor
        + ", javaVmName=" + javaVmName
        + ", javaVmVersion=" + javaVmVersion
        + ", osName=" + osName
        + ", osVersion=" + osVersion
        + ", osArch=" + osArch
        + ", availableProcessors=" + availableProcessors
        + ", createdAt=" + createdAt
        + "]";
  }

  private static String property(String key) {
    String value = System.getProperty(key);
    return value == null ? UNKNOWN : value;
  }

  private static void appendPropertyValue(StringBuilder out, String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '\\':
          out.append("\\\\");
          break;
        case '\n':
          out.append("\\n");
          break;
        case '\r':
          out.append("\\r");
          break;
        case '\t':
          out.append("\\t");
          break;
        case '\f':
          out.append("\\f");
          break;
        case '=':
        case ':':
        case '#':
        case '!':
          out.append('\\').append(c);
          break;
        case ' ':
          out.append(i == 0 ? "\\ " : " "); // a leading space would be dropped on load
          break;
        default:
          if (c < 0x20 || c > 0x7e) {
            out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
          } else {
            out.append(c);
          }
      }
    }
  }

  private static void appendJsonString(StringBuilder out, String value) {
    out.append('"');
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '"':
          out.append("\\\"");
          break;
        case '\\':
          out.append("\\\\");
          break;
        case '\n':
          out.append("\\n");
          break;
        case '\r':
          out.append("\\r");
          break;
        case '\t':
          out.append("\\t");
          break;
        case '\b':
          out.append("\\b");
          break;
        case '\f':
          out.append("\\f");
          break;
        default:
          if (c < 0x20) {
            out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
          } else {
            out.append(c);
          }
      }
    }
    out.append('"');
  }
}
