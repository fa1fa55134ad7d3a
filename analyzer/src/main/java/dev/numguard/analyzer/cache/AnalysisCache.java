package dev.numguard.analyzer.cache;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.numguard.analyzer.engine.AnalysisResult;
import dev.numguard.analyzer.fix.AtomicFileWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A one-entry analysis cache kept in a JSON file: the {@link CacheKey} of the last run and its
 * {@link AnalysisResult}. A run whose key has the same digest reuses the result and skips the
 * analysis; any other run analyses and replaces the entry.
 *
 * <p>One entry is enough because a build analyses the same module over and over; the cache file
 * lives in that module's build folder. A missing, unreadable or corrupt cache file (for example
 * one written by another numguard format) is a miss, never an error. Writes go to a temporary
 * sibling that is then moved into place, so concurrent builds of different modules never share a
 * file and a reader never sees half a file. An instance holds no state besides the path and is
 * safe to use from several threads on different files.
 */
public final class AnalysisCache {
    /** Bumped whenever the file layout changes; files with another version are ignored. */
    static final int FORMAT_VERSION = 1;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;

    /** A cache stored in {@code file} (created on the first {@link #store}). */
    public AnalysisCache(Path file) {
        this.file = file.toAbsolutePath();
    }

    /** The cache file. */
    public Path file() {
        return file;
    }

    /** Looks {@code key} up: a hit when the stored entry has the same digest and is readable. */
    public CacheLookup lookup(CacheKey key) {
        JsonNode root;
        try {
            root = JSON.readTree(file.toFile());
        } catch (NoSuchFileException e) {
            return CacheLookup.miss("no cached analysis yet", List.of());
        } catch (IOException e) {
            if (!Files.exists(file)) {
                return CacheLookup.miss("no cached analysis yet", List.of());
            }
            return CacheLookup.miss("the cache file is unreadable (" + e.getMessage() + ")", List.of());
        }
        if (root == null || root.path("numguardAnalysisCache").asInt(-1) != FORMAT_VERSION) {
            return CacheLookup.miss("the cache file has another format", List.of());
        }
        if (!key.digest().equals(root.path("digest").asText())) {
            List<String> changed = changedFiles(root.path("sourceHashes"), key.sourceHashes());
            String reason = changed.isEmpty()
                    ? "the classpath, configuration or numguard version changed"
                    : changed.size() + (changed.size() == 1 ? " source file" : " source files") + " changed";
            return CacheLookup.miss(reason, changed);
        }
        try {
            return CacheLookup.hit(AnalysisResultJson.fromJson(root.path("result")));
        } catch (IllegalArgumentException e) {
            return CacheLookup.miss("the cached result is damaged (" + e.getMessage() + ")", List.of());
        }
    }

    /** Replaces the cache entry with {@code result} under {@code key}. */
    public void store(CacheKey key, AnalysisResult result) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        root.put("numguardAnalysisCache", FORMAT_VERSION);
        root.put("digest", key.digest());
        ObjectNode hashes = root.putObject("sourceHashes");
        key.sourceHashes().forEach(hashes::put);
        root.set("result", AnalysisResultJson.toJson(result));
        String text;
        try {
            text = JSON.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IOException("cannot encode the analysis result", e);
        }
        AtomicFileWriter.writeUtf8(file, text);
    }

    private static List<String> changedFiles(JsonNode cachedHashes, Map<String, String> currentHashes) {
        Map<String, String> cached = new TreeMap<>();
        cachedHashes.fields().forEachRemaining(entry -> cached.put(entry.getKey(), entry.getValue().asText()));
        Set<String> paths = new HashSet<>(cached.keySet());
        paths.addAll(currentHashes.keySet());
        List<String> changed = new ArrayList<>();
        for (String path : sorted(paths)) {
            if (!String.valueOf(cached.get(path)).equals(String.valueOf(currentHashes.get(path)))) {
                changed.add(path);
            }
        }
        return changed;
    }

    private static List<String> sorted(Set<String> paths) {
        List<String> list = new ArrayList<>(paths);
        list.sort(null);
        return list;
    }
}
