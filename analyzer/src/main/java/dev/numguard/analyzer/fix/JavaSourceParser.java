package dev.numguard.analyzer.fix;

import com.github.javaparser.JavaParser;
import com.github.javaparser.ParseResult;
import com.github.javaparser.ParserConfiguration;
import com.github.javaparser.Problem;
import com.github.javaparser.ast.CompilationUnit;
import java.util.stream.Collectors;

/**
 * JavaParser set up the way the fixer needs it: Java 21 syntax (records, sealed types, pattern
 * switches), no symbol resolution. A fresh parser per call, since JavaParser instances are not
 * thread-safe.
 */
final class JavaSourceParser {
    /** Why a text does not parse, as JavaParser puts it (first problems only). */
    static final class NotParseable extends Exception {
        private static final long serialVersionUID = 1L;

        NotParseable(String message) {
            super(message);
        }
    }

    private JavaSourceParser() {
    }

    static CompilationUnit parse(String text) throws NotParseable {
        ParserConfiguration configuration = new ParserConfiguration()
                .setLanguageLevel(ParserConfiguration.LanguageLevel.JAVA_21);
        ParseResult<CompilationUnit> result;
        try {
            result = new JavaParser(configuration).parse(text);
        } catch (StackOverflowError e) {
            throw new NotParseable("the file nests too deeply for the fixer's parser");
        }
        if (!result.isSuccessful() || result.getResult().isEmpty()) {
            throw new NotParseable(result.getProblems().stream().limit(3).map(Problem::getVerboseMessage)
                    .collect(Collectors.joining("; ")));
        }
        return result.getResult().get();
    }
}
