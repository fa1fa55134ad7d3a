package dev.numguard.rules.running;

import dev.numguard.rules.facts.ClassFacts;
import dev.numguard.rules.facts.ProjectFacts;
import dev.numguard.rules.model.SourceFileModel;
import java.util.List;

/**
 * A lowered file with the shared facts of each of its classes. Built once per file and handed to
 * every rule, by the Spoon front end for all rules at once and, under javac, by whichever numguard
 * checker reaches the file first (the others reuse it), so no checker recomputes the analyses.
 *
 * @param model the lowered file
 * @param classes the facts of each class of {@code model}, in its order
 */
public record FileAnalysis(SourceFileModel model, List<ClassFacts> classes) {
    public FileAnalysis {
        classes = List.copyOf(classes);
    }

    /**
     * The analysis of {@code model} alone (calls are followed into this file only); facts are
     * computed lazily, on first use by a rule.
     */
    public static FileAnalysis of(SourceFileModel model) {
        return of(model, ProjectFacts.of(List.of(model)));
    }

    /** The analysis of {@code model} as one file of {@code project}, whose calls are followed across files. */
    public static FileAnalysis of(SourceFileModel model, ProjectFacts project) {
        return new FileAnalysis(model, project.classesOf(model));
    }
}
