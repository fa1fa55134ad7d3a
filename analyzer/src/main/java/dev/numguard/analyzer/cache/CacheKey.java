package dev.numguard.analyzer.cache;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * What an analysis result depends on, reduced to a digest: a cached result is reused only when
 * its key's {@link #digest()} is equal.
 *
 * <p>The digest covers
 * <ul>
 *   <li>the numguard version (callers should include something that changes when numguard's own
 *       jars change, such as their size and modification time, so a rebuilt snapshot is not
 *       mistaken for the old one);</li>
 *   <li>the configuration, as name/value pairs (order does not matter);</li>
 *   <li>every source file's absolute path and a SHA-256 of its bytes (contents, not
 *       timestamps: touching a file does not invalidate the cache, editing it does);</li>
 *   <li>every classpath entry's path, size and modification time; for a folder, those of every
 *       file under it. Jars are not hashed: reading every dependency on every build would cost
 *       more than most analyses.</li>
 * </ul>
 * The per-file source hashes are also kept, so that a miss can say which files changed.
 *
 * @param digest the SHA-256 of everything above, hex
 * @param sourceHashes absolute source path to the SHA-256 of its contents, sorted by path
 */
public record CacheKey(String digest, SortedMap<String, String> sourceHashes) {
    public CacheKey {
        Objects.requireNonNull(digest, "digest");
        sourceHashes = new TreeMap<>(sourceHashes);
    }

    /** Starts a key. */
    public static Builder builder() {
        return new Builder();
    }

    /** Collects the inputs of a {@link CacheKey}. Not thread-safe. */
    public static final class Builder {
        private String version = "";
        private final SortedMap<String, String> configuration = new TreeMap<>();
        private final List<Path> sources = new ArrayList<>();
        private final List<Path> classpath = new ArrayList<>();

        private Builder() {
        }

        /** The numguard version (and anything else identifying the analysing code). */
        public Builder version(String numguardVersion) {
            this.version = Objects.requireNonNull(numguardVersion, "numguardVersion");
            return this;
        }

        /** One configuration setting; a later call with the same name replaces the value. */
        public Builder configuration(String name, String value) {
            configuration.put(Objects.requireNonNull(name, "name"), String.valueOf(value));
            return this;
        }

        /** Several configuration settings. */
        public Builder configuration(Map<String, String> settings) {
            settings.forEach(this::configuration);
            return this;
        }

        /** The source files analysed. Their order does not matter. */
        public Builder sources(List<Path> files) {
            sources.addAll(files);
            return this;
        }

        /** The classpath entries (jars and class folders). Their order matters, as on a classpath. */
        public Builder classpath(List<Path> entries) {
            classpath.addAll(entries);
            return this;
        }

        /**
         * Reads the sources and stats the classpath and computes the key.
         *
         * @throws IOException when a source file cannot be read
         */
        public CacheKey build() throws IOException {
            MessageDigest digest = sha256();
            field(digest, "version", version);
            configuration.forEach((name, value) -> field(digest, "config:" + name, value));
            SortedMap<String, String> sourceHashes = new TreeMap<>();
            for (Path source : sources) {
                Path absolute = source.toAbsolutePath().normalize();
                sourceHashes.put(absolute.toString(), hashContents(absolute));
            }
            sourceHashes.forEach((path, hash) -> field(digest, "source:" + path, hash));
            for (Path entry : classpath) {
                Path absolute = entry.toAbsolutePath().normalize();
                field(digest, "classpath", absolute.toString());
                for (String stat : stats(absolute)) {
                    field(digest, "stat", stat);
                }
            }
            return new CacheKey(HexFormat.of().formatHex(digest.digest()), sourceHashes);
        }

        /** Length-prefixed, so that no two different field lists produce the same byte stream. */
        private static void field(MessageDigest digest, String name, String value) {
            for (String part : new String[] {name, value}) {
                byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
                digest.update(Integer.toString(bytes.length).getBytes(StandardCharsets.US_ASCII));
                digest.update((byte) ':');
                digest.update(bytes);
            }
        }

        private static List<String> stats(Path entry) throws IOException {
            if (!Files.exists(entry)) {
                return List.of("missing");
            }
            if (!Files.isDirectory(entry)) {
                return List.of(stat(entry, entry));
            }
            try (Stream<Path> files = Files.walk(entry)) {
                List<Path> regular = files.filter(Files::isRegularFile).sorted().toList();
                List<String> stats = new ArrayList<>(regular.size());
                for (Path file : regular) {
                    stats.add(stat(entry, file));
                }
                return stats;
            }
        }

        private static String stat(Path root, Path file) throws IOException {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
            String name = root.equals(file) ? "" : root.relativize(file).toString().replace('\\', '/');
            return name + "|" + attributes.size() + "|" + attributes.lastModifiedTime().toMillis();
        }

        private static String hashContents(Path file) throws IOException {
            return HexFormat.of().formatHex(sha256().digest(Files.readAllBytes(file)));
        }
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
