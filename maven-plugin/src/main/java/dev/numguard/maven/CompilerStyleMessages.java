package dev.numguard.maven;

import dev.numguard.analyzer.engine.AnalysisProblem;
import dev.numguard.rules.Finding;

/**
 * Formats findings and problems the way maven-compiler-plugin prints javac diagnostics,
 * {@code /abs/path/File.java:[line,col] message}, which IDEs and CI log viewers turn into links.
 * Messages are kept on one line so that each log record stays one diagnostic.
 */
final class CompilerStyleMessages {
    private CompilerStyleMessages() {
    }

    /** {@code /abs/File.java:[12,9] [NaiveSoftmax] exp overflows …}. */
    static String finding(Finding finding) {
        return location(finding.file(), finding.span().line(), finding.span().column())
                + " [" + finding.ruleId() + "] " + oneLine(finding.message());
    }

    /** {@code /abs/File.java:[3,5] numguard could not analyse this file: ';' expected}. */
    static String problem(AnalysisProblem problem) {
        return location(problem.file(), problem.line(), problem.column())
                + " numguard could not analyse this file: " + oneLine(problem.message());
    }

    /** {@code /abs/File.java:[12,9]}; without a known line, just the path. */
    static String location(String file, int line, int column) {
        if (line <= 0) {
            return file;
        }
        return file + ":[" + line + "," + Math.max(column, 1) + "]";
    }

    private static String oneLine(String message) {
        return message.strip().replaceAll("\\s*\\R\\s*", " ");
    }
}
