package dev.numguard.analyzer.facts;

import dev.numguard.analyzer.engine.ModelSettings;
import dev.numguard.analyzer.spoon.SpoonFrontEnd;
import dev.numguard.rules.facts.ClassFacts;
import dev.numguard.rules.facts.MethodFacts;
import dev.numguard.rules.facts.ProjectFacts;
import dev.numguard.rules.model.MethodModel;
import dev.numguard.rules.model.SourceFileModel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Java sources written to a folder, lowered by the Spoon front end into one project of facts. */
final class LoweredProject {
    private final ProjectFacts project;
    private final List<SourceFileModel> files;

    private LoweredProject(List<SourceFileModel> files) {
        this.files = files;
        this.project = ProjectFacts.of(files);
    }

    /** Writes each source (a compilation unit whose first type names the file) under {@code dir} and lowers them. */
    static LoweredProject of(Path dir, String... sources) {
        List<Path> paths = new ArrayList<>();
        try {
            for (String source : sources) {
                String name = source.replaceAll("(?s).*?(?:class|interface|enum|record)\\s+(\\w+).*", "$1");
                paths.add(Files.writeString(dir.resolve(name + ".java"), source, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<SourceFileModel> models = new SpoonFrontEnd().lower(paths, List.of(), ModelSettings.defaults());
        if (models.size() != sources.length) {
            throw new AssertionError("only " + models.size() + " of " + sources.length + " sources lowered");
        }
        return new LoweredProject(models);
    }

    ProjectFacts project() {
        return project;
    }

    List<SourceFileModel> files() {
        return files;
    }

    ClassFacts clazz(String qualifiedName) {
        List<ClassFacts> found = project.classesNamed(qualifiedName);
        if (found.size() != 1) {
            throw new AssertionError("no single class " + qualifiedName);
        }
        return found.get(0);
    }

    /** The facts of the only method called {@code name} in class {@code qualifiedName}. */
    MethodFacts method(String qualifiedName, String name) {
        ClassFacts owner = clazz(qualifiedName);
        List<MethodModel> named = owner.clazz().methodsNamed(name);
        if (named.size() != 1) {
            throw new AssertionError("no single method " + qualifiedName + "." + name);
        }
        return owner.facts(named.get(0));
    }
}
