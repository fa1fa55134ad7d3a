package dev.numguard.analyzer.baseline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.numguard.analyzer.fix.AtomicFileWriter;
import dev.numguard.rules.Finding;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Recorded findings that {@code check} accepts as known debt: only findings not in the baseline
 * are reported as new and fail the build.
 *
 * <p>The file is JSON, sorted by file, line and rule so that it diffs well under version control:
 * <pre>{@code
 * {
 *   "numguardBaseline" : 1,
 *   "entries" : [ {
 *     "ruleId" : "NaiveSoftmax", "file" : "src/main/java/a/Model.java",
 *     "fingerprint" : "3f0c…", "occurrence" : 0, "line" : 41, "message" : "…"
 *   } ]
 * }
 * }</pre>
 * Matching is by {@link BaselineEntry identity} (rule, file, fingerprint of the flagged text,
 * occurrence index), never by line number; see {@link FindingFingerprinter}.
 */
public final class Baseline {
    /** The format version written into the file; a file with another version is refused. */
    public static final int FORMAT_VERSION = 1;

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final List<BaselineEntry> entries;

    private Baseline(List<BaselineEntry> entries) {
        List<BaselineEntry> sorted = new ArrayList<>(entries);
        sorted.sort(Comparator.comparing(BaselineEntry::file)
                .thenComparingInt(BaselineEntry::line)
                .thenComparing(BaselineEntry::ruleId)
                .thenComparingInt(BaselineEntry::occurrence));
        this.entries = List.copyOf(sorted);
    }

    /** A baseline that records exactly {@code findings}. */
    public static Baseline of(List<Finding> findings, FindingFingerprinter fingerprinter) {
        return new Baseline(fingerprinter.entriesFor(findings));
    }

    /** A baseline with the given entries. */
    public static Baseline ofEntries(List<BaselineEntry> entries) {
        return new Baseline(entries);
    }

    /** The empty baseline: every finding is new. */
    public static Baseline empty() {
        return new Baseline(List.of());
    }

    /** The entries, sorted by file, line, rule and occurrence. */
    public List<BaselineEntry> entries() {
        return entries;
    }

    /**
     * Splits {@code findings} into new and baselined ones. Each baseline entry matches at most one
     * finding. The result keeps the order of {@code findings}.
     */
    public BaselineMatch match(List<Finding> findings, FindingFingerprinter fingerprinter) {
        List<BaselineEntry> current = fingerprinter.entriesFor(findings);
        Set<BaselineEntry.MatchKey> recorded = new HashSet<>();
        entries.forEach(entry -> recorded.add(entry.key()));
        Set<BaselineEntry.MatchKey> matched = new HashSet<>();
        List<Finding> newFindings = new ArrayList<>();
        List<Finding> baselined = new ArrayList<>();
        for (int i = 0; i < findings.size(); i++) {
            BaselineEntry.MatchKey key = current.get(i).key();
            if (recorded.contains(key) && matched.add(key)) {
                baselined.add(findings.get(i));
            } else {
                newFindings.add(findings.get(i));
            }
        }
        List<BaselineEntry> stale = entries.stream().filter(entry -> !matched.contains(entry.key())).toList();
        return new BaselineMatch(newFindings, baselined, stale);
    }

    /**
     * Reads a baseline file.
     *
     * @throws IOException when the file cannot be read, is not valid JSON, lacks a field, or has
     *     another format version
     */
    public static Baseline read(Path file) throws IOException {
        JsonNode root = JSON.readTree(file.toFile());
        if (root == null || !root.isObject()) {
            throw new IOException(file + ": not a numguard baseline (expected a JSON object)");
        }
        int version = root.path("numguardBaseline").asInt(-1);
        if (version != FORMAT_VERSION) {
            throw new IOException(file + ": unsupported baseline format version " + root.path("numguardBaseline")
                    + " (this numguard reads version " + FORMAT_VERSION + ")");
        }
        List<BaselineEntry> entries = new ArrayList<>();
        for (JsonNode node : root.path("entries")) {
            entries.add(new BaselineEntry(
                    required(node, "ruleId", file).asText(),
                    required(node, "file", file).asText(),
                    required(node, "fingerprint", file).asText(),
                    required(node, "occurrence", file).asInt(),
                    node.path("line").asInt(0),
                    node.path("message").asText("")));
        }
        return new Baseline(entries);
    }

    private static JsonNode required(JsonNode node, String field, Path file) throws IOException {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw new IOException(file + ": baseline entry without \"" + field + "\": " + node);
        }
        return value;
    }

    /**
     * Writes the baseline to {@code file}, creating parent folders, atomically (a reader never
     * sees half a file).
     */
    public void write(Path file) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        root.put("numguardBaseline", FORMAT_VERSION);
        ArrayNode array = root.putArray("entries");
        for (BaselineEntry entry : entries) {
            ObjectNode node = array.addObject();
            node.put("ruleId", entry.ruleId());
            node.put("file", entry.file());
            node.put("fingerprint", entry.fingerprint());
            node.put("occurrence", entry.occurrence());
            node.put("line", entry.line());
            node.put("message", entry.message());
        }
        AtomicFileWriter.writeUtf8(file, JSON.writeValueAsString(root) + System.lineSeparator());
    }
}
