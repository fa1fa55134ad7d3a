package dev.numguard.guards;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
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
 * @param seed the seed every stream was derived from
 * @param streamNames the names of the streams derived before the manifest was taken, sorted
 * @param javaVersion {@code java.version}
 * @param javaVendor {@code java.vendor}
 * @param javaVmName {@code java.vm.name}
 * @param javaVmVersion {@code java.vm.version}
 * @param osName {@code os.name}
 * @param osVersion {@code os.version}
 * @param osArch {@code os.arch}
 * @param availableProcessors {@link Runtime#availableProcessors()}
 * @param createdAt when the manifest was taken
 */
public record RunManifest(
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

  /** Property absent from the running JVM. */
  private static final String UNKNOWN = "unknown";

  /** Checks for nulls and copies the stream names. */
  public RunManifest {
    streamNames = List.copyOf(streamNames);
    Objects.requireNonNull(javaVersion, "javaVersion");
    Objects.requireNonNull(javaVendor, "javaVendor");
    Objects.requireNonNull(javaVmName, "javaVmName");
    Objects.requireNonNull(javaVmVersion, "javaVmVersion");
    Objects.requireNonNull(osName, "osName");
    Objects.requireNonNull(osVersion, "osVersion");
    Objects.requireNonNull(osArch, "osArch");
    Objects.requireNonNull(createdAt, "createdAt");
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

  private static String property(String key) {
    String value = System.getProperty(key);
    return value == null ? UNKNOWN : value;
  }

  private static void appendPropertyValue(StringBuilder out, String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        case '\f' -> out.append("\\f");
        case '=', ':', '#', '!' -> out.append('\\').append(c);
        case ' ' -> out.append(i == 0 ? "\\ " : " "); // a leading space would be dropped on load
        default -> {
          if (c < 0x20 || c > 0x7e) {
            out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
  }

  private static void appendJsonString(StringBuilder out, String value) {
    out.append('"');
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        case '\b' -> out.append("\\b");
        case '\f' -> out.append("\\f");
        default -> {
          if (c < 0x20) {
            out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }
}
