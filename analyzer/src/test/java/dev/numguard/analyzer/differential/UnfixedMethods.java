package dev.numguard.analyzer.differential;

import com.github.javaparser.JavaParser;
import com.github.javaparser.ParseResult;
import com.github.javaparser.ParserConfiguration;
import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.comments.Comment;
import com.github.javaparser.ast.expr.MethodCallExpr;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Tells which methods of a fixture the fix left alone. A fixed file may fix some findings and not
 * others (a finding with no automatic fix keeps its code); a method whose body and whose
 * same-class callees, transitively, are unchanged (comments aside) still has the original's
 * behaviour, so hostile inputs are expected to break it in both versions.
 */
final class UnfixedMethods {

    private static final JavaParser PARSER = new JavaParser(
            new ParserConfiguration().setLanguageLevel(ParserConfiguration.LanguageLevel.JAVA_17));

    private final Map<String, List<String>> before;
    private final Map<String, List<String>> after;
    private final Map<String, Set<String>> callees;

    private UnfixedMethods(CompilationUnit positive, CompilationUnit fixed) {
        this.before = bodiesByName(positive);
        this.after = bodiesByName(fixed);
        this.callees = positive.findAll(MethodDeclaration.class).stream()
                .collect(Collectors.toMap(MethodDeclaration::getNameAsString, UnfixedMethods::calledNames,
                        (a, b) -> {
                            Set<String> union = new HashSet<>(a);
                            union.addAll(b);
                            return union;
                        }));
    }

    /** Reads both versions of a pair. */
    static UnfixedMethods of(FixturePair pair) {
        return new UnfixedMethods(parse(pair.positive()), parse(pair.fixed()));
    }

    /**
     * Whether the fix changed neither {@code method} nor any method of the class it calls, directly
     * or not (methods are matched by name, so every overload counts).
     */
    boolean unchanged(Method method) {
        Deque<String> work = new ArrayDeque<>(List.of(method.getName()));
        Set<String> seen = new HashSet<>();
        while (!work.isEmpty()) {
            String name = work.pop();
            if (!seen.add(name) || !before.containsKey(name)) {
                continue;
            }
            if (!before.get(name).equals(after.get(name))) {
                return false;
            }
            work.addAll(callees.getOrDefault(name, Set.of()));
        }
        return true;
    }

    private static Map<String, List<String>> bodiesByName(CompilationUnit unit) {
        return unit.findAll(MethodDeclaration.class).stream()
                .collect(Collectors.groupingBy(MethodDeclaration::getNameAsString,
                        Collectors.mapping(UnfixedMethods::withoutComments, Collectors.toList())));
    }

    private static String withoutComments(MethodDeclaration method) {
        MethodDeclaration copy = method.clone();
        copy.getAllContainedComments().forEach(Comment::remove);
        copy.removeComment();
        return copy.toString();
    }

    private static Set<String> calledNames(MethodDeclaration method) {
        return method.findAll(MethodCallExpr.class).stream()
                .filter(call -> call.getScope().isEmpty() || call.getScope().get().isThisExpr()
                        || call.getScope().get().isNameExpr())
                .map(MethodCallExpr::getNameAsString)
                .collect(Collectors.toSet());
    }

    private static CompilationUnit parse(Path source) {
        String text;
        try {
            text = Files.readString(source, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + source, e);
        }
        ParseResult<CompilationUnit> result = PARSER.parse(text);
        return result.getResult().orElseThrow(() -> new IllegalStateException(source + " does not parse: "
                + result.getProblems()));
    }
}
