package dev.numguard.analyzer.spoon;

import com.github.javaparser.JavaParser;
import com.github.javaparser.ParseResult;
import com.github.javaparser.ParserConfiguration;
import com.github.javaparser.Problem;
import com.github.javaparser.ast.CompilationUnit;
import dev.numguard.analyzer.engine.AnalysisProblem;
import java.util.Optional;

/**
 * Parses one file on its own to find syntax errors before the Spoon model is built: JDT inside
 * Spoon is lenient with broken files (it models what it can) or fails for the whole model, so a
 * broken file is found here, reported, and kept out of the model.
 */
final class SyntaxCheck {
    private final ParserConfiguration configuration = new ParserConfiguration()
            .setLanguageLevel(ParserConfiguration.LanguageLevel.JAVA_17);

    /** The first syntax error of {@code text}, or empty when it parses. */
    Optional<AnalysisProblem> check(String file, String text) {
        ParseResult<CompilationUnit> result;
        try {
            result = new JavaParser(configuration).parse(text);
        } catch (StackOverflowError e) {
            return Optional.of(new AnalysisProblem(file, 0, 0, "too deeply nested to parse"));
        }
        if (result.isSuccessful()) {
            return Optional.empty();
        }
        Problem first = result.getProblems().isEmpty() ? null : result.getProblems().get(0);
        if (first == null) {
            return Optional.of(new AnalysisProblem(file, 0, 0, "does not parse"));
        }
        int line = first.getLocation().flatMap(l -> l.getBegin().getRange()).map(r -> r.begin.line).orElse(0);
        int column = first.getLocation().flatMap(l -> l.getBegin().getRange()).map(r -> r.begin.column).orElse(0);
        String message = first.getMessage().lines().findFirst().orElse("syntax error");
        return Optional.of(new AnalysisProblem(file, line, column, "syntax error: " + message));
    }
}
