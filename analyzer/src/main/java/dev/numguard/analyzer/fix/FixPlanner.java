package dev.numguard.analyzer.fix;

import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.ImportDeclaration;
import com.github.javaparser.printer.lexicalpreservation.LexicalPreservingPrinter;
import dev.numguard.rules.Finding;
import dev.numguard.rules.Fix;
import dev.numguard.rules.TextEdit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Works out, in memory, what a set of fixes does to one file's text. Nothing is written here.
 *
 * <ol>
 *   <li>Fixes are taken widest first (by the stretch of text their edits span; ties in the
 *       engine's order, by position), so that a fix rewriting a whole formula wins over a fix of
 *       one of its parts, which it makes moot. A fix whose edits overlap an edit of a fix already
 *       taken, touch the same offset, overlap each other or run past the end of the file is
 *       skipped whole; the next round re-analyses and picks up what overlapped.</li>
 *   <li>The fully qualified names the taken fixes import are written by their simple name where
 *       {@link ImportPlanner} says that is safe, else kept qualified.</li>
 *   <li>Line breaks inside replacement texts are converted to the file's own (CRLF stays CRLF).</li>
 *   <li>The edits are applied to the text, then the new imports are inserted as whole lines at
 *       positions JavaParser reports, so every unchanged byte stays as it was. A new import goes
 *       in its sorted place when the existing imports are sorted, else after the last one; in a
 *       file without imports, after the package line and a blank line
 *       ({@code package p;\n\nimport a.B;\n} followed by the rest of the file as it was); in a
 *       file with neither, JavaParser's {@link LexicalPreservingPrinter} puts it at the top. New
 *       imports are added in alphabetical order.</li>
 *   <li>The result is parsed again; if it does not parse, the whole plan fails and nothing
 *       changes.</li>
 * </ol>
 */
public final class FixPlanner {
    private static final char BYTE_ORDER_MARK = '\uFEFF';
    /** Why a fix whose edits all lie inside an edit already taken is skipped: there is nothing left to fix. */
    public static final String SUPERSEDED = "superseded: a wider fix applied in this run rewrites the code it fixes";

    /**
     * Plans the fixes of {@code findings} (findings without a fix are ignored) against
     * {@code original}.
     */
    public FixPlan plan(String original, List<Finding> findings) {
        List<Finding> applied = new ArrayList<>();
        List<SkippedFix> skipped = new ArrayList<>();
        List<TextEdit> taken = new ArrayList<>();
        List<Finding> widestFirst = findings.stream().filter(f -> f.fix().isPresent())
                .sorted(Comparator.comparingInt((Finding f) -> reach(f.fix().get().edits())).reversed()).toList();
        for (Finding finding : widestFirst) {
            List<TextEdit> edits = finding.fix().get().edits();
            Optional<String> problem = whyNotApplicable(edits, taken, original.length());
            if (problem.isPresent()) {
                skipped.add(new SkippedFix(finding, problem.get()));
            } else {
                applied.add(finding);
                taken.addAll(edits);
            }
        }
        applied.sort(Comparator.comparingInt(findings::indexOf));
        skipped.sort(Comparator.comparingInt(s -> findings.indexOf(s.finding())));
        if (applied.isEmpty()) {
            return new FixPlan(original, original, applied, skipped, Optional.empty());
        }

        String bom = !original.isEmpty() && original.charAt(0) == BYTE_ORDER_MARK ? String.valueOf(BYTE_ORDER_MARK) : "";
        CompilationUnit originalUnit;
        try {
            originalUnit = JavaSourceParser.parse(original.substring(bom.length()));
        } catch (JavaSourceParser.NotParseable e) {
            return refused(original, findings, "the file does not parse, so no fix is applied: " + e.getMessage());
        }
        ImportPlanner importPlanner = new ImportPlanner(originalUnit);
        Map<String, ImportDecision> decisions = new TreeMap<>();
        for (Finding finding : applied) {
            for (String qualifiedName : finding.fix().get().imports()) {
                decisions.computeIfAbsent(qualifiedName, importPlanner::decide);
            }
        }

        String lineSeparator = LineEndings.dominant(original);
        StringBuilder text = new StringBuilder(original);
        List<TextEdit> ordered = new ArrayList<>();
        for (Finding finding : applied) {
            ordered.addAll(finding.fix().get().edits());
        }
        ordered.sort(Comparator.comparingInt(TextEdit::start).reversed());
        for (TextEdit edit : ordered) {
            text.replace(edit.start(), edit.end(), replacementText(edit.replacement(), decisions, lineSeparator));
        }

        List<String> newImports = decisions.entrySet().stream()
                .filter(entry -> entry.getValue() == ImportDecision.IMPORT_AND_SHORTEN)
                .map(Map.Entry::getKey)
                .collect(java.util.stream.Collectors.toCollection(TreeSet::new))
                .stream().toList();
        String fixed;
        try {
            fixed = newImports.isEmpty() ? text.toString() : bom + withImports(text.substring(bom.length()), newImports, lineSeparator);
            String body = fixed.substring(bom.length());
            String tidied = UnusedImports.removeBecameUnused(originalUnit, JavaSourceParser.parse(body), body);
            if (!tidied.equals(body)) {
                JavaSourceParser.parse(tidied);
                fixed = bom + tidied;
            }
        } catch (JavaSourceParser.NotParseable e) {
            return refused(original, findings, "the fixed file would not parse, so nothing is changed: " + e.getMessage());
        }
        return new FixPlan(original, fixed, applied, skipped, Optional.empty());
    }

    private static FixPlan refused(String original, List<Finding> findings, String reason) {
        List<SkippedFix> all = findings.stream().filter(f -> f.fix().isPresent())
                .map(f -> new SkippedFix(f, reason)).toList();
        return new FixPlan(original, original, List.of(), all, Optional.of(reason));
    }

    private static Optional<String> whyNotApplicable(List<TextEdit> edits, List<TextEdit> taken, int length) {
        for (TextEdit edit : edits) {
            if (edit.end() > length) {
                return Optional.of("its edit [" + edit.start() + ", " + edit.end() + ") runs past the end of the file ("
                        + length + " chars); the file changed since it was analysed?");
            }
        }
        for (int i = 0; i < edits.size(); i++) {
            for (int j = i + 1; j < edits.size(); j++) {
                if (overlap(edits.get(i), edits.get(j))) {
                    return Optional.of("its own edits overlap");
                }
            }
        }
        if (edits.stream().allMatch(edit -> taken.stream().anyMatch(other -> within(edit, other)))) {
            return Optional.of(SUPERSEDED);
        }
        for (TextEdit edit : edits) {
            for (TextEdit other : taken) {
                if (overlap(edit, other)) {
                    return Optional.of("it overlaps a fix applied in this run; run fix again to apply it");
                }
            }
        }
        return Optional.empty();
    }

    /** True when {@code edit} changes only text that {@code other} replaces (an insertion: strictly inside it). */
    private static boolean within(TextEdit edit, TextEdit other) {
        return edit.start() < edit.end()
                ? other.start() <= edit.start() && edit.end() <= other.end()
                : other.start() < edit.start() && edit.start() < other.end();
    }

    /** How much text a fix's edits span, from the first edit's start to the last one's end. */
    private static int reach(List<TextEdit> edits) {
        int start = edits.stream().mapToInt(TextEdit::start).min().orElse(0);
        int end = edits.stream().mapToInt(TextEdit::end).max().orElse(0);
        return end - start;
    }

    /** Two edits conflict when their ranges share a char or start at the same offset (order unclear). */
    private static boolean overlap(TextEdit a, TextEdit b) {
        return (a.start() < b.end() && b.start() < a.end()) || a.start() == b.start();
    }

    private static String replacementText(String replacement, Map<String, ImportDecision> decisions, String lineSeparator) {
        String text = replacement;
        for (Map.Entry<String, ImportDecision> entry : decisions.entrySet()) {
            if (entry.getValue() != ImportDecision.KEEP_QUALIFIED) {
                text = QualifiedNames.shorten(text, entry.getKey());
            }
        }
        return LineEndings.convert(text, lineSeparator);
    }

    /**
     * Adds single-type imports as text, with the file's line breaks: among or after the existing
     * imports ({@link #withImportsAmongExisting}), or after the package line set off by blank
     * lines ({@code package p;\n\nimport a.B;\n\n}), where the lexical-preserving printer would glue
     * them to the package line. Only a file with neither package nor imports goes through that
     * printer, which puts them at the top.
     */
    private static String withImports(String text, List<String> imports, String lineSeparator)
            throws JavaSourceParser.NotParseable {
        CompilationUnit unit = JavaSourceParser.parse(text);
        Optional<Integer> packageLine = unit.getPackageDeclaration()
                .flatMap(declaration -> declaration.getEnd()).map(position -> position.line);
        if (unit.getImports().isEmpty() && packageLine.isPresent()) {
            int afterPackageLine = offsetOfLine(text, packageLine.get() + 1);
            StringBuilder block = new StringBuilder(lineSeparator);
            if (afterPackageLine == text.length() && !text.endsWith("\n") && !text.endsWith("\r")) {
                block.append(lineSeparator);
            }
            for (String qualifiedName : imports) {
                block.append("import ").append(qualifiedName).append(';').append(lineSeparator);
            }
            int nextLineEnd = TextLines.nextLineStart(text, afterPackageLine);
            if (afterPackageLine < text.length()
                    && !text.substring(afterPackageLine, nextLineEnd < 0 ? text.length() : nextLineEnd).isBlank()) {
                block.append(lineSeparator); // code right under the package line: set the imports off from it too
            }
            return text.substring(0, afterPackageLine) + block + text.substring(afterPackageLine);
        }
        if (!unit.getImports().isEmpty()) {
            return withImportsAmongExisting(text, unit.getImports(), imports, lineSeparator);
        }
        LexicalPreservingPrinter.setup(unit);
        for (String qualifiedName : imports) {
            // Added to the list directly: CompilationUnit.addImport would drop it when a wildcard
            // import of the same package exists, leaving the name open to wildcard ambiguity.
            unit.getImports().add(new ImportDeclaration(qualifiedName, false, false));
        }
        return normaliseInsertedLineBreaks(text, LexicalPreservingPrinter.print(unit), lineSeparator);
    }

    /**
     * Inserts each import as a line of its own: before the existing import it sorts before, or
     * after the last import. Done on the text (positions from JavaParser) because the
     * lexical-preserving printer glues an import added at the front to the package line.
     * Wildcard imports of the same package do not absorb it: the name stays unambiguous.
     */
    private static String withImportsAmongExisting(String text, List<ImportDeclaration> existing, List<String> imports,
                                                   String lineSeparator) {
        TreeMap<Integer, List<String>> byPosition = new TreeMap<>(Comparator.reverseOrder());
        for (String qualifiedName : imports) {
            byPosition.computeIfAbsent(sortedPosition(existing, qualifiedName), k -> new ArrayList<>()).add(qualifiedName);
        }
        StringBuilder out = new StringBuilder(text);
        for (Map.Entry<Integer, List<String>> group : byPosition.entrySet()) {
            int index = group.getKey();
            int offset = index < existing.size()
                    ? offsetOfLine(text, existing.get(index).getBegin().orElseThrow().line)
                    : offsetOfLine(text, existing.get(existing.size() - 1).getEnd().orElseThrow().line + 1);
            StringBuilder lines = new StringBuilder();
            if (offset == text.length() && !text.endsWith("\n") && !text.endsWith("\r")) {
                lines.append(lineSeparator);
            }
            for (String qualifiedName : group.getValue()) {
                lines.append("import ").append(qualifiedName).append(';').append(lineSeparator);
            }
            out.insert(offset, lines);
        }
        return out.toString();
    }

    /**
     * Where a new single-type import goes: in its sorted place when the existing imports are
     * sorted (static ones first, then by name, as Error Prone's patch mode and most formatters
     * keep them), else after the last one, leaving a hand-made order alone.
     */
    private static int sortedPosition(List<ImportDeclaration> existing, String qualifiedName) {
        Comparator<ImportDeclaration> order = Comparator.comparing((ImportDeclaration i) -> !i.isStatic())
                .thenComparing(i -> i.getNameAsString());
        for (int i = 1; i < existing.size(); i++) {
            if (order.compare(existing.get(i - 1), existing.get(i)) > 0) {
                return existing.size();
            }
        }
        for (int i = 0; i < existing.size(); i++) {
            ImportDeclaration current = existing.get(i);
            if (!current.isStatic() && current.getNameAsString().compareTo(qualifiedName) > 0) {
                return i;
            }
        }
        return existing.size();
    }

    /** The offset where 1-based {@code line} starts, or the text's length when it has fewer lines. */
    private static int offsetOfLine(String text, int line) {
        if (line <= 1) {
            return 0;
        }
        int current = 1;
        for (int i = 0; i < text.length() && current < line; i++) {
            char c = text.charAt(i);
            if (c == '\n' || (c == '\r' && (i + 1 == text.length() || text.charAt(i + 1) != '\n'))) {
                current++;
                if (current == line) {
                    return i + 1;
                }
            }
        }
        return text.length();
    }

    /**
     * The printer inserts one contiguous run of text (the import lines); find it as the part
     * between the common prefix and suffix of before and after, and convert its line breaks.
     */
    static String normaliseInsertedLineBreaks(String before, String after, String lineSeparator) {
        int prefix = 0;
        int limit = Math.min(before.length(), after.length());
        while (prefix < limit && before.charAt(prefix) == after.charAt(prefix)) {
            prefix++;
        }
        int suffix = 0;
        while (suffix < limit - prefix
                && before.charAt(before.length() - 1 - suffix) == after.charAt(after.length() - 1 - suffix)) {
            suffix++;
        }
        int start = prefix;
        int end = after.length() - suffix;
        // Do not cut a CRLF pair in two: widen the run to take the whole pair.
        if (start > 0 && after.charAt(start - 1) == '\r') {
            start--;
        }
        if (end < after.length() && end > 0 && after.charAt(end) == '\n' && after.charAt(end - 1) == '\r') {
            end++;
        }
        return after.substring(0, start) + LineEndings.convert(after.substring(start, end), lineSeparator)
                + after.substring(end);
    }
}
