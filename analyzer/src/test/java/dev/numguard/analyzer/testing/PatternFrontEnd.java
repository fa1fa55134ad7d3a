package dev.numguard.analyzer.testing;

import com.github.javaparser.JavaParser;
import com.github.javaparser.ParseResult;
import com.github.javaparser.ParserConfiguration;
import com.github.javaparser.Problem;
import com.github.javaparser.ast.CompilationUnit;
import dev.numguard.analyzer.engine.AnalysisProblem;
import dev.numguard.analyzer.engine.AnalysisResult;
import dev.numguard.analyzer.engine.FrontEnd;
import dev.numguard.rules.Finding;
import dev.numguard.rules.Fix;
import dev.numguard.rules.Rule;
import dev.numguard.rules.SourceSpan;
import dev.numguard.rules.TextEdit;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A tiny front end for tests of the engine, fixer, reports and CLI: files that JavaParser cannot
 * parse become problems; in the others, text patterns stand in for the {@link TestRules}.
 * It also records which files it was handed.
 */
public final class PatternFrontEnd implements FrontEnd {
    private static final Pattern LOG1P = Pattern.compile("Math\\.log\\(1 \\+ (\\w+)\\)");
    private static final Pattern SOFTMAX = Pattern.compile("naiveSoftmax\\((\\w+)\\)");
    private static final Pattern HACK = Pattern.compile("// HACK");

    public final List<Path> filesSeen = new ArrayList<>();

    @Override
    public AnalysisResult analyze(List<Path> javaFiles, java.nio.charset.Charset encoding, List<Path> classpath,
                                  List<Rule> rules, dev.numguard.analyzer.engine.ModelSettings settings,
                                  dev.numguard.analyzer.engine.ProgressListener progress) {
        List<Finding> findings = new ArrayList<>();
        List<AnalysisProblem> problems = new ArrayList<>();
        int analysed = 0;
        for (Path file : javaFiles) {
            filesSeen.add(file);
            String text;
            try {
                text = Files.readString(file, encoding);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            ParseResult<CompilationUnit> parsed = new JavaParser(new ParserConfiguration()
                    .setLanguageLevel(ParserConfiguration.LanguageLevel.JAVA_17)).parse(text);
            if (!parsed.isSuccessful()) {
                Problem first = parsed.getProblems().get(0);
                int line = first.getLocation().flatMap(l -> l.getBegin().getRange()).map(r -> r.begin.line).orElse(0);
                int column = first.getLocation().flatMap(l -> l.getBegin().getRange()).map(r -> r.begin.column).orElse(0);
                problems.add(new AnalysisProblem(file.toString(), line, column, "does not parse: " + first.getMessage()));
                continue;
            }
            analysed++;
            progress.progress("modelling", analysed, javaFiles.size());
            for (Rule rule : rules) {
                switch (rule.id()) {
                    case TestRules.LOG1P -> find(findings, rule, file, text, LOG1P, "Math.log1p($1)", List.of(), Fix.Safety.SAFE);
                    case TestRules.SOFTMAX -> find(findings, rule, file, text, SOFTMAX,
                            "dev.numguard.guards.StableMath.softmax($1)", List.of("dev.numguard.guards.StableMath"),
                            Fix.Safety.REVIEW);
                    case TestRules.HACK -> find(findings, rule, file, text, HACK, null, List.of(), Fix.Safety.SAFE);
                    default -> { }
                }
            }
        }
        return new AnalysisResult(findings, problems, analysed);
    }

    private static void find(List<Finding> findings, Rule rule, Path file, String text, Pattern pattern,
                             String replacement, List<String> imports, Fix.Safety safety) {
        Matcher matcher = pattern.matcher(text);
        while (matcher.find()) {
            SourceSpan span = Findings.span(text, matcher.start(), matcher.end());
            Optional<Fix> fix = replacement == null ? Optional.empty() : Optional.of(new Fix("Use " + replacement.replace("$1", "x"),
                    List.of(new TextEdit(matcher.start(), matcher.end(), matcher.group().replaceAll(pattern.pattern(), replacement))),
                    imports, safety));
            findings.add(new Finding(rule.id(), rule.metadata().defaultSeverity(), file.toString(), span,
                    rule.metadata().summary() + " (x = \"<1e-300>\")", fix));
        }
    }
}
