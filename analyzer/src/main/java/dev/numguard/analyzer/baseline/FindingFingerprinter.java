package dev.numguard.analyzer.baseline;

import dev.numguard.analyzer.engine.AnalysisRun;
import dev.numguard.analyzer.engine.ProjectPaths;
import dev.numguard.rules.Finding;
import dev.numguard.rules.SourceSpan;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Turns findings into {@link BaselineEntry baseline entries} whose identity does not depend on
 * line numbers.
 *
 * <p>A finding is identified by its rule id, its file (relative to a base folder), a hash of the
 * source text of its span with whitespace normalised (dropped where it does not separate two
 * words), and its occurrence
 * index among the findings of the same file, rule and text, counted in source order. Adding,
 * removing or moving code elsewhere in the file therefore leaves the identity unchanged;
 * reformatting the flagged expression across lines does too. Editing the flagged expression
 * itself gives a new identity, which is intended: changed code is reviewed again.
 *
 * <p>When the span is empty the text of its line is used instead. When the file cannot be read
 * or the span lies outside it (the file changed after analysis), the rule's message stands in for
 * the source text, so fingerprinting never fails. Files are read once per fingerprinter; an
 * instance is not thread-safe.
 */
public final class FindingFingerprinter {
    private final Path baseDir;
    private final Charset encoding;
    private final Map<String, Optional<String>> sourceByFile = new HashMap<>();
    private final Function<String, Optional<String>> knownSources;

    /**
     * @param baseDir the folder that baseline paths are relative to (usually the project's base
     *     directory); findings outside it keep their absolute path
     * @param encoding the source files' encoding
     */
    public FindingFingerprinter(Path baseDir, Charset encoding) {
        this(baseDir, encoding, file -> Optional.empty());
    }

    /**
     * A fingerprinter that takes a finding's source text from {@code run} (the text that was
     * analysed, so a file edited since then cannot shift the fingerprints) and reads only files the
     * run does not hold.
     */
    public static FindingFingerprinter forRun(Path baseDir, AnalysisRun run) {
        return new FindingFingerprinter(baseDir, run.encoding(), run::source);
    }

    private FindingFingerprinter(Path baseDir, Charset encoding, Function<String, Optional<String>> knownSources) {
        this.baseDir = baseDir.toAbsolutePath().normalize();
        this.encoding = Objects.requireNonNull(encoding, "encoding");
        this.knownSources = knownSources;
    }

    /** A fingerprinter for UTF-8 sources. */
    public FindingFingerprinter(Path baseDir) {
        this(baseDir, StandardCharsets.UTF_8);
    }

    /**
     * The entries for {@code findings}, in the same order. Occurrence indexes are assigned by
     * source position (then line, then column) within each (file, rule, fingerprint) group, so the
     * order of {@code findings} does not matter.
     */
    public List<BaselineEntry> entriesFor(List<Finding> findings) {
        List<String> relativeFiles = new ArrayList<>(findings.size());
        List<String> fingerprints = new ArrayList<>(findings.size());
        for (Finding finding : findings) {
            relativeFiles.add(relativePath(finding.file()));
            fingerprints.add(fingerprint(finding));
        }
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < findings.size(); i++) {
            order.add(i);
        }
        order.sort(Comparator.<Integer>comparingInt(i -> findings.get(i).span().start())
                .thenComparingInt(i -> findings.get(i).span().line())
                .thenComparingInt(i -> findings.get(i).span().column()));
        Map<List<String>, Integer> seen = new HashMap<>();
        BaselineEntry[] entries = new BaselineEntry[findings.size()];
        for (int i : order) {
            Finding finding = findings.get(i);
            List<String> group = List.of(finding.ruleId(), relativeFiles.get(i), fingerprints.get(i));
            int occurrence = seen.merge(group, 1, Integer::sum) - 1;
            entries[i] = new BaselineEntry(finding.ruleId(), relativeFiles.get(i), fingerprints.get(i),
                    occurrence, finding.span().line(), finding.message());
        }
        return List.of(entries);
    }

    /** The file's path relative to the base folder, with {@code /} separators. */
    /** A baseline path (relative to the base folder) as an absolute path. */
    public String absolutePath(String relativeFile) {
        return baseDir.resolve(relativeFile).normalize().toString();
    }

    public String relativePath(String file) {
        Path path = Path.of(file);
        return ProjectPaths.relative(baseDir, path.isAbsolute() ? file : baseDir.resolve(path).toString());
    }

    private String fingerprint(Finding finding) {
        String text = flaggedText(finding).orElse(finding.message());
        return sha256(finding.ruleId() + '\u0000' + normalizeWhitespace(text));
    }

    private Optional<String> flaggedText(Finding finding) {
        Optional<String> source = sourceByFile.computeIfAbsent(finding.file(), this::read);
        if (source.isEmpty()) {
            return Optional.empty();
        }
        String text = source.get();
        SourceSpan span = finding.span();
        if (span.end() > text.length()) {
            return Optional.empty();
        }
        if (span.end() > span.start()) {
            return Optional.of(text.substring(span.start(), span.end()));
        }
        return lineText(text, span.line());
    }

    private Optional<String> read(String file) {
        Optional<String> known = knownSources.apply(file);
        if (known.isPresent()) {
            return known;
        }
        Path path = Path.of(file);
        Path absolute = path.isAbsolute() ? path : baseDir.resolve(path);
        try {
            return Optional.of(Files.readString(absolute, encoding));
        } catch (IOException | UncheckedIOException e) {
            return Optional.empty();
        }
    }

    private static Optional<String> lineText(String text, int line) {
        if (line < 1) {
            return Optional.empty();
        }
        List<String> lines = text.lines().toList();
        return line <= lines.size() ? Optional.of(lines.get(line - 1)) : Optional.empty();
    }

    /**
     * Drops whitespace that does not separate two word characters and collapses the rest to one
     * space, so {@code log( a +b )} and {@code log(a + b)} normalise alike while {@code new T}
     * stays apart from {@code newT}.
     */
    static String normalizeWhitespace(String text) {
        return text.strip()
                .replaceAll("\\s+", " ")
                .replaceAll("(?<=[^\\w$]) | (?=[^\\w$])", "");
    }

    private static String sha256(String text) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

}
