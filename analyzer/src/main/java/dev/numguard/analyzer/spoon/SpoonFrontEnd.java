package dev.numguard.analyzer.spoon;

import dev.numguard.analyzer.engine.AnalysisProblem;
import dev.numguard.analyzer.engine.AnalysisResult;
import dev.numguard.analyzer.engine.FrontEnd;
import dev.numguard.rules.Finding;
import dev.numguard.rules.Rule;
import dev.numguard.rules.analysis.RuleRunner;
import dev.numguard.rules.model.SourceFileModel;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import spoon.Launcher;
import spoon.reflect.CtModel;
import spoon.reflect.declaration.CtType;

/**
 * The Spoon front end: reads each file in the build's encoding, keeps files with syntax errors out (reporting
 * them), builds one Spoon model of the rest (with the classpath when given, without one
 * otherwise), lowers each file once into the numeric model and runs every rule over it.
 */
public final class SpoonFrontEnd implements FrontEnd {
    private final SyntaxCheck syntaxCheck = new SyntaxCheck();

    @Override
    public AnalysisResult analyze(List<Path> javaFiles, java.nio.charset.Charset encoding, List<Path> classpath,
                                  List<Rule> rules, dev.numguard.analyzer.engine.ProgressListener progress) {
        List<AnalysisProblem> problems = new ArrayList<>();
        Map<Path, String> texts = new LinkedHashMap<>();
        Map<Path, Path> givenPaths = new HashMap<>();
        for (Path file : javaFiles) {
            String text;
            try {
                text = SourceText.read(file, encoding);
            } catch (CharacterCodingException e) {
                problems.add(new AnalysisProblem(file.toString(), 0, 0, "not valid " + encoding.name()));
                continue;
            } catch (IOException e) {
                problems.add(new AnalysisProblem(file.toString(), 0, 0, "cannot be read: " + e.getMessage()));
                continue;
            }
            var syntaxError = syntaxCheck.check(file.toString(), text);
            if (syntaxError.isPresent()) {
                problems.add(syntaxError.get());
                continue;
            }
            Path key = canonical(file);
            texts.put(key, text);
            givenPaths.put(key, file);
        }
        if (texts.isEmpty()) {
            return new AnalysisResult(List.of(), problems, 0);
        }
        List<Path> usableClasspath = classpath.stream().filter(java.nio.file.Files::exists).toList();
        Map<Path, List<CtType<?>>> typesByFile = new HashMap<>();
        try {
            typesByFile.putAll(typesByFile(buildModel(texts.keySet(), usableClasspath, encoding, progress)));
        } catch (RuntimeException | StackOverflowError wholeModelFailure) {
            // one file can make JDT give up on all of them: model each file alone to find it
            for (Path file : new ArrayList<>(texts.keySet())) {
                try {
                    typesByFile.putAll(typesByFile(buildModel(List.of(file), usableClasspath, encoding, dev.numguard.analyzer.engine.ProgressListener.NONE)));
                } catch (RuntimeException | StackOverflowError e) {
                    problems.add(new AnalysisProblem(givenPaths.get(file).toString(), 0, 0,
                            "the Spoon model could not be built: " + e));
                    texts.remove(file);
                }
            }
        }
        List<Finding> findings = new ArrayList<>();
        int analysed = 0;
        for (Map.Entry<Path, String> entry : texts.entrySet()) {
            String given = givenPaths.get(entry.getKey()).toString();
            try {
                SourceFileModel model = new SpoonLowering(given, entry.getValue())
                        .lower(typesByFile.getOrDefault(entry.getKey(), List.of()));
                findings.addAll(RuleRunner.run(model, rules));
                analysed++;
            } catch (RuntimeException | StackOverflowError e) {
                problems.add(new AnalysisProblem(given, 0, 0, "could not be analysed: " + e));
            }
        }
        findings.sort(Comparator.comparing(Finding::file).thenComparingInt(f -> f.span().start())
                .thenComparing(Finding::ruleId));
        return new AnalysisResult(findings, problems, analysed);
    }

    private static CtModel buildModel(Iterable<Path> files, List<Path> classpath, java.nio.charset.Charset encoding,
                                      dev.numguard.analyzer.engine.ProgressListener progress) {
        try {
            return newLauncher(files, classpath, classpath.isEmpty(), encoding, progress).buildModel();
        } catch (RuntimeException strictFailure) {
            if (classpath.isEmpty()) {
                throw strictFailure;
            }
            // an incomplete classpath makes JDT give up; model what resolves and leave the rest unresolved
            return newLauncher(files, classpath, true, encoding, progress).buildModel();
        }
    }

    private static Launcher newLauncher(Iterable<Path> files, List<Path> classpath, boolean noClasspath,
                                        java.nio.charset.Charset encoding,
                                        dev.numguard.analyzer.engine.ProgressListener progress) {
        Launcher launcher = new Launcher();
        for (Path file : files) {
            launcher.addInputResource(file.toString());
        }
        var environment = launcher.getEnvironment();
        environment.setNoClasspath(noClasspath);
        environment.setComplianceLevel(17);
        environment.setCommentEnabled(true);
        environment.setAutoImports(false);
        environment.setIgnoreDuplicateDeclarations(true);
        environment.setEncoding(encoding);
        environment.setSpoonProgress(new spoon.support.compiler.SpoonProgress() {
            @Override
            public void step(Process process, String task, int done, int total) {
                // JDT compiles and Spoon models one compilation unit at a time: the bulk of the run
                progress.progress(process == Process.COMPILE ? "compiling" : "modelling", done, total);
            }
        });
        if (!classpath.isEmpty()) {
            environment.setSourceClasspath(classpath.stream().map(Path::toString).toArray(String[]::new));
        }
        return launcher;
    }

    private static Map<Path, List<CtType<?>>> typesByFile(CtModel model) {
        Map<Path, List<CtType<?>>> byFile = new HashMap<>();
        for (CtType<?> type : model.getAllTypes()) {
            if (type.getPosition() == null || type.getPosition().getFile() == null) {
                continue;
            }
            byFile.computeIfAbsent(canonical(type.getPosition().getFile().toPath()), k -> new ArrayList<>()).add(type);
        }
        for (List<CtType<?>> types : byFile.values()) {
            types.sort(Comparator.comparingInt(t -> t.getPosition().getSourceStart()));
        }
        return byFile;
    }

    private static Path canonical(Path file) {
        try {
            return file.toRealPath();
        } catch (IOException e) {
            return file.toAbsolutePath().normalize();
        }
    }
}
