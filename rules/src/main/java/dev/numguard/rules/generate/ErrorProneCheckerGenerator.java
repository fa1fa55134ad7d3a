package dev.numguard.rules.generate;

import dev.numguard.rules.Rule;
import dev.numguard.rules.RuleMetadata;
import dev.numguard.rules.RuleRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.RoundEnvironment;
import javax.annotation.processing.SupportedAnnotationTypes;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Element;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.TypeElement;

/**
 * Writes the Error Prone face of every registered rule from its {@link dev.numguard.rules.RuleInfo},
 * so that no checker is written (or kept equal) by hand. Each rule gets its own class, named by
 * its id, because Error Prone identifies a check by its class's {@code @BugPattern}: that keeps
 * {@code -Xep:RuleId:OFF} and per-check severities working, and {@code @AutoService} registers it.
 *
 * <p>It emits source text only and links against nothing of Error Prone, so it can live beside
 * the rules it reads; the {@code errorprone} module names it as an annotation processor.
 */
@SupportedAnnotationTypes("dev.numguard.rules.generate.GenerateErrorProneCheckers")
public final class ErrorProneCheckerGenerator extends AbstractProcessor {
    /** Where the generated docs pages are published; a checker's {@code link} points into it. */
    static final String DOCS_BASE = "https://numguard.dev/";

    @Override
    public SourceVersion getSupportedSourceVersion() {
        return SourceVersion.latestSupported();
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
        for (Element element : round.getElementsAnnotatedWith(GenerateErrorProneCheckers.class)) {
            String pkg = ((PackageElement) element).getQualifiedName().toString();
            String adapter = element.getAnnotation(GenerateErrorProneCheckers.class).adapter();
            for (Rule rule : RuleRegistry.all()) {
                write(pkg + "." + rule.id(), checkerSource(pkg, adapter, rule), element);
            }
        }
        return true;
    }

    /** The source of {@code rule}'s checker in package {@code pkg}. */
    static String checkerSource(String pkg, String adapter, Rule rule) {
        RuleMetadata m = rule.metadata();
        String severity = switch (m.defaultSeverity()) {
            case ERROR -> "ERROR";
            case WARNING -> "WARNING";
            case INFO -> "SUGGESTION";
        };
        return "package " + pkg + ";\n\n"
                + "/** Error Prone face of numguard's {@link " + rule.getClass().getName() + "} rule. */\n"
                + "@javax.annotation.processing.Generated(\"" + ErrorProneCheckerGenerator.class.getName() + "\")\n"
                + "@com.google.auto.service.AutoService(com.google.errorprone.bugpatterns.BugChecker.class)\n"
                + "@com.google.errorprone.BugPattern(\n"
                + "        name = \"" + m.id() + "\",\n"
                + "        summary = \"" + javaString(m.summary()) + "\",\n"
                + "        severity = com.google.errorprone.BugPattern.SeverityLevel." + severity + ",\n"
                + "        linkType = com.google.errorprone.BugPattern.LinkType.CUSTOM,\n"
                + "        link = \"" + DOCS_BASE + m.docsPath() + "\")\n"
                + "public final class " + m.id() + " extends " + adapter + " {\n"
                + "    /** For the service loader, which finds the checkers; Error Prone itself uses the other constructor. */\n"
                + "    public " + m.id() + "() {\n"
                + "        this(com.google.errorprone.ErrorProneFlags.empty());\n"
                + "    }\n\n"
                + "    /** With the {@code -XepOpt:Numguard:…} flags, which Error Prone passes to this constructor first. */\n"
                + "    public " + m.id() + "(com.google.errorprone.ErrorProneFlags flags) {\n"
                + "        super(new " + rule.getClass().getName() + "(), flags);\n"
                + "    }\n"
                + "}\n";
    }

    private static String javaString(String text) {
        StringBuilder out = new StringBuilder();
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    private void write(String qualifiedName, String source, Element origin) {
        try (Writer out = processingEnv.getFiler().createSourceFile(qualifiedName, origin).openWriter()) {
            out.write(source);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + qualifiedName, e);
        }
    }
}
