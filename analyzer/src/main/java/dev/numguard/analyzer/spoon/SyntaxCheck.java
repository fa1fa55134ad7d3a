package dev.numguard.analyzer.spoon;

import dev.numguard.analyzer.engine.AnalysisProblem;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jdt.core.compiler.CategorizedProblem;
import org.eclipse.jdt.core.compiler.CharOperation;
import org.eclipse.jdt.internal.compiler.CompilationResult;
import org.eclipse.jdt.internal.compiler.DefaultErrorHandlingPolicies;
import org.eclipse.jdt.internal.compiler.ast.CompilationUnitDeclaration;
import org.eclipse.jdt.internal.compiler.ast.TypeDeclaration;
import org.eclipse.jdt.internal.compiler.batch.CompilationUnit;
import org.eclipse.jdt.internal.compiler.impl.CompilerOptions;
import org.eclipse.jdt.internal.compiler.parser.Parser;
import org.eclipse.jdt.internal.compiler.problem.DefaultProblemFactory;
import org.eclipse.jdt.internal.compiler.problem.ProblemReporter;

/**
 * Parses one file on its own, before the Spoon model is built, with the parser Spoon itself uses
 * (Eclipse JDT) at the chosen language level: so a file is a syntax problem exactly when the
 * model's own parser rejects it at that level, never for a stricter reason. JDT inside Spoon is
 * lenient with broken files (it models what it can) or fails for the whole model, so a broken
 * file is found here, reported with its line, column and JDT's words, and kept out of the model.
 *
 * <p>The parse also yields what planning the models needs: the package and the top-level types.
 */
final class SyntaxCheck {
    private final CompilerOptions options;

    /** @param release the Java release to parse at (8 to 25) */
    SyntaxCheck(int release) {
        String level = release <= 8 ? "1." + release : Integer.toString(release);
        Map<String, String> settings = new HashMap<>();
        settings.put(CompilerOptions.OPTION_Source, level);
        settings.put(CompilerOptions.OPTION_Compliance, level);
        settings.put(CompilerOptions.OPTION_TargetPlatform, level);
        options = new CompilerOptions(settings);
    }

    /**
     * How the text is given to Spoon: as it is, or, for a snippet of bare statements (a template, a
     * notebook cell), as the body of one method of one class, analysed as if written so; and without
     * the identifier-ignorable characters inside words ({@code ignored}: their offsets in the text,
     * ascending), which javac skips (JLS 3.8) and JDT rejects.
     */
    record Wrapper(String prefix, String suffix, List<Integer> ignored) {
        static final Wrapper NONE = new Wrapper("", "", List.of());

        /** A snippet's wrapper; its class is named after the file so that snippets never clash. */
        static Wrapper snippet(String file) {
            return new Wrapper("class " + snippetClass(file) + " { void snippet() {\n", "\n} }", List.of());
        }

        static String snippetClass(String file) {
            return "Snippet_" + Integer.toUnsignedString(file.hashCode(), 36);
        }

        /** The same wrapper that also leaves out the identifier-ignorable characters inside the words of {@code text}. */
        Wrapper ignoring(String text) {
            List<Integer> offsets = new ArrayList<>();
            boolean inWord = false;
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (Character.isIdentifierIgnorable(c)) {
                    if (inWord) {
                        offsets.add(i);
                    }
                } else {
                    inWord = Character.isJavaIdentifierPart(c);
                }
            }
            return new Wrapper(prefix, suffix, List.copyOf(offsets));
        }

        String around(String text) {
            if (ignored.isEmpty()) {
                return prefix + text + suffix;
            }
            StringBuilder kept = new StringBuilder(prefix);
            int from = 0;
            for (int offset : ignored) {
                kept.append(text, from, offset);
                from = offset + 1;
            }
            return kept.append(text, from, text.length()).append(suffix).toString();
        }

        /** The offset in the text of {@code parsedOffset}, an offset in {@link #around} of it; -1 inside the wrapper. */
        int textOffset(int parsedOffset, int textLength) {
            int offset = parsedOffset - prefix.length();
            for (int ignoredOffset : ignored) {
                if (ignoredOffset <= offset) {
                    offset++;
                } else {
                    break;
                }
            }
            return offset >= 0 && offset <= textLength ? offset : -1;
        }

        /** How long {@link #around} of a text of {@code textLength} characters is. */
        int parsedLength(int textLength) {
            return prefix.length() + textLength - ignored.size() + suffix.length();
        }
    }

    /** What the parse found: the first error, or the facts the model planning needs. */
    record Parsed(Optional<AnalysisProblem> error, String packageName, List<TopLevelType> topLevelTypes, boolean compact,
                  Wrapper wrapper) {
        /** The fully qualified names of the top-level types. */
        List<String> qualifiedNames() {
            return topLevelTypes.stream().map(type -> packageName.isEmpty() ? type.name() : packageName + "." + type.name())
                    .toList();
        }

        /** The same file with only {@code types} of its top-level types (a part of a file too large to model at once). */
        Parsed withOnly(List<TopLevelType> types) {
            return new Parsed(error, packageName, List.copyOf(types), compact, wrapper);
        }
    }

    /**
     * A top-level type and where its declaration (with its doc comment) starts and ends.
     *
     * @param end the offset of its last character (inclusive, as JDT counts)
     */
    record TopLevelType(String name, int start, int end) {
    }

    Parsed check(String file, String text) {
        Parsed plain = check(file, text, Wrapper.NONE);
        if (plain.error().isEmpty()) {
            return plain;
        }
        Wrapper ignoring = Wrapper.NONE.ignoring(parsable(text));
        if (!ignoring.ignored().isEmpty()) {
            Parsed withoutIgnorables = check(file, text, ignoring);
            if (withoutIgnorables.error().isEmpty()) {
                return withoutIgnorables;
            }
        }
        return holdsBareStatements(file, text) ? snippet(file, text) : plain;
    }

    /** Parses the text as {@code wrapper} gives it to the parser. */
    private Parsed check(String file, String text, Wrapper wrapper) {
        CompilationResult result = new CompilationResult(unit(file, wrapper.around(parsable(text))), 0, 1,
                options.maxProblemsPerUnit);
        CompilationUnitDeclaration declaration;
        try {
            declaration = parse(result);
        } catch (StackOverflowError e) {
            return failed(new AnalysisProblem(file, 1, 1, "nested too deeply for the parser's stack"));
        }
        Optional<CategorizedProblem> error = firstError(result);
        if (error.isPresent()) {
            return failed(positioned(file, text, wrapper.textOffset(error.get().getSourceStart(), text.length()),
                    error.get()));
        }
        String packageName = declaration.currentPackage == null ? ""
                : CharOperation.toString(declaration.currentPackage.tokens);
        List<TopLevelType> types = new ArrayList<>();
        boolean compact = false;
        if (declaration.types != null) {
            for (TypeDeclaration type : declaration.types) {
                compact |= type.isImplicitType();
                if (!declaration.isPackageInfo()) {
                    types.add(new TopLevelType(new String(type.name),
                            wrapper.textOffset(type.declarationSourceStart, text.length()),
                            wrapper.textOffset(type.declarationSourceEnd, text.length())));
                }
            }
        }
        return new Parsed(Optional.empty(), packageName, List.copyOf(types), compact, wrapper);
    }

    private static Parsed snippet(String file, String text) {
        return new Parsed(Optional.empty(), "",
                List.of(new TopLevelType(Wrapper.snippetClass(file), 0, Math.max(0, text.length() - 1))), false,
                Wrapper.snippet(file));
    }

    private CompilationUnitDeclaration parse(CompilationResult result) {
        ProblemReporter reporter = new ProblemReporter(DefaultErrorHandlingPolicies.proceedWithAllProblems(), options,
                new DefaultProblemFactory(Locale.ENGLISH));
        return new Parser(reporter, false).parse(result.compilationUnit, result);
    }

    private static CompilationUnit unit(String file, String text) {
        return new CompilationUnit(text.toCharArray(), file, "UTF-8");
    }

    private static Optional<CategorizedProblem> firstError(CompilationResult result) {
        CategorizedProblem[] problems = result.getProblems();
        if (problems != null) {
            for (CategorizedProblem problem : problems) {
                if (problem.isError()) {
                    return Optional.of(problem);
                }
            }
        }
        return Optional.empty();
    }

    /** A snippet of statements (a template, a notebook cell) is valid Java once it is a method's body. */
    private boolean holdsBareStatements(String file, String text) {
        String wrapped = Wrapper.snippet(file).around(parsable(text));
        CompilationResult result = new CompilationResult(unit(file, wrapped), 0, 1, options.maxProblemsPerUnit);
        try {
            parse(result);
        } catch (StackOverflowError e) {
            return false;
        }
        return firstError(result).isEmpty();
    }

    /**
     * The text as the parsers are given it: a byte order mark is not Java (javac and JDT reject
     * it in text) but only a marker of the encoding, so it becomes a blank, which keeps offsets.
     */
    static String parsable(String text) {
        return text.startsWith("\uFEFF") ? " " + text.substring(1) : text;
    }

    private static Parsed failed(AnalysisProblem problem) {
        return new Parsed(Optional.of(problem), "", List.of(), false, Wrapper.NONE);
    }

    /** The problem at JDT's line, with the column counted from that line's start (1-based). */
    private static AnalysisProblem positioned(String file, String text, int offset, CategorizedProblem problem) {
        int start = Math.max(0, Math.min(offset, text.length()));
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < start; i++) {
            char c = text.charAt(i);
            if (c == '\n' || c == '\r' && (i + 1 == text.length() || text.charAt(i + 1) != '\n')) {
                line++;
                lineStart = i + 1;
            }
        }
        return new AnalysisProblem(file, line, start - lineStart + 1, "syntax error: " + problem.getMessage());
    }
}
