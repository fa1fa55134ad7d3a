package dev.numguard.analyzer.spoon;

import dev.numguard.analyzer.engine.AnalysisProblem;
import dev.numguard.analyzer.engine.AnalysisResult;
import dev.numguard.analyzer.engine.FrontEnd;
import dev.numguard.analyzer.engine.FileErrors;
import dev.numguard.analyzer.engine.LargeStackRunner;
import dev.numguard.analyzer.engine.ModelSettings;
import dev.numguard.analyzer.engine.ProgressListener;
import dev.numguard.rules.Finding;
import dev.numguard.rules.Rule;
import dev.numguard.rules.facts.ProjectFacts;
import dev.numguard.rules.model.SourceFileModel;
import dev.numguard.rules.running.FileAnalysis;
import dev.numguard.rules.running.RuleRunner;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.charset.Charset;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import spoon.Launcher;
import spoon.support.compiler.VirtualFile;
import spoon.reflect.CtModel;
import spoon.reflect.cu.SourcePosition;
import spoon.reflect.declaration.CtType;
import spoon.reflect.declaration.CtTypeMember;

/**
 * The Spoon front end: reads each file in the build's encoding, keeps files with syntax errors out (reporting
 * them), models the rest in chunks ({@link ModelChunks}: bounded memory, bounded time, duplicate
 * type names kept apart), lowers each file once into the numeric model and runs every rule over it.
 *
 * <p>Nothing is lost silently: every file given is either analysed or named in a problem with
 * the reason — a syntax error at its position, a model that could not be built, a file that took
 * longer than the budget, or the run running out of memory (then every file not yet analysed is
 * named and what was analysed is still returned).
 */
public final class SpoonFrontEnd implements FrontEnd {
    /** Files per model: about 1 GB of heap for typical sources at most. */
    static final int CHUNK_FILES = 400;
    /** Top-level types per model: keeps Spoon's per-package quadratic step to about a second. */
    static final int CHUNK_TYPES = 1_000;
    /** Top-level types per part of a file too large to model at once. */
    static final int PART_TYPES = CHUNK_TYPES / 2;
    /** What a chunk may take on top of one file's budget, per file, before it is modelled file by file. */
    private static final Duration CHUNK_ALLOWANCE_PER_FILE = Duration.ofMillis(500);

    @Override
    public AnalysisResult analyze(List<Path> javaFiles, Charset encoding, List<Path> classpath, List<Rule> rules,
                                  ModelSettings settings, ProgressListener progress) {
        Run run = lowerAll(javaFiles, encoding, classpath, rules, settings, progress);
        run.checkLowered();
        run.findings.sort(Comparator.comparing(Finding::file).thenComparingInt(f -> f.span().start())
                .thenComparing(Finding::ruleId));
        return new AnalysisResult(run.findings, run.problems, run.analysed);
    }

    /**
     * The model of each of {@code javaFiles} that could be lowered, in order (files with parse or
     * model problems are left out): what the rules see, for tests and tools built on the model.
     */
    public List<SourceFileModel> lower(List<Path> javaFiles, List<Path> classpath, ModelSettings settings) {
        return lowerAll(javaFiles, java.nio.charset.StandardCharsets.UTF_8, classpath, List.of(), settings,
                ProgressListener.NONE).lowered.stream().map(Lowered::model).toList();
    }

    private Run lowerAll(List<Path> javaFiles, Charset encoding, List<Path> classpath, List<Rule> rules,
                         ModelSettings settings, ProgressListener progress) {
        Run run = new Run(classpath.stream().filter(Files::exists).toList(), rules, settings, encoding, progress,
                javaFiles.size());
        List<ModelChunks.Unit> units = new ArrayList<>();
        for (Path file : javaFiles) {
            run.prepare(file).ifPresent(unit -> units.addAll(run.parts(unit)));
        }
        List<List<ModelChunks.Unit>> chunks = ModelChunks.plan(units, CHUNK_FILES, CHUNK_TYPES);
        for (int i = 0; i < chunks.size(); i++) {
            try {
                run.analyseChunk(chunks.get(i));
            } catch (OutOfMemoryError e) {
                // the chunk's model is garbage now; report every file not analysed and stop
                String reason = "not analysed: numguard ran out of memory (" + Runtime.getRuntime().maxMemory() / (1 << 20)
                        + " MB heap); give the JVM more (-Xmx) or analyse fewer files at once";
                for (List<ModelChunks.Unit> rest : chunks.subList(i, chunks.size())) {
                    for (ModelChunks.Unit unit : rest) {
                        if (!run.finished.contains(unit.given()) && !run.loweredFiles.contains(unit.given())) {
                            run.problem(unit.given(), reason);
                        }
                    }
                }
                break;
            }
        }
        return run;
    }

    /** A file lowered into the model, waiting for the rules. */
    private record Lowered(ModelChunks.Unit unit, SourceFileModel model) {
    }

    /** The state of one analysis. */
    private static final class Run {
        final List<Path> classpath;
        final List<Rule> rules;
        final ModelSettings settings;
        final Charset encoding;
        final ProgressListener progress;
        final int total;
        final SyntaxCheck syntaxCheck;
        final List<Finding> findings = new ArrayList<>();
        final List<AnalysisProblem> problems = new ArrayList<>();
        final Set<String> finished = new HashSet<>();
        /** Per file modelled in parts, how many parts are not analysed yet; absent means one part. */
        final Map<String, Integer> partsLeft = new HashMap<>();
        /** Every file (part) lowered so far, in order: rules run once all are, over one project of them. */
        final List<Lowered> lowered = new ArrayList<>();
        final Set<String> loweredFiles = new HashSet<>();
        int analysed;

        Run(List<Path> classpath, List<Rule> rules, ModelSettings settings, Charset encoding, ProgressListener progress,
            int total) {
            this.classpath = classpath;
            this.rules = rules;
            this.settings = settings;
            this.encoding = encoding;
            this.progress = progress;
            this.total = total;
            this.syntaxCheck = new SyntaxCheck(settings.release());
        }

        Optional<ModelChunks.Unit> prepare(Path file) {
            String given = file.toString();
            String text;
            try {
                text = SourceText.read(file, encoding);
            } catch (CharacterCodingException e) {
                problem(given, "not valid " + encoding.name() + "; set the sources' encoding (--encoding) or convert the file");
                return Optional.empty();
            } catch (IOException e) {
                problem(given, "cannot be read: " + FileErrors.inWords(e));
                return Optional.empty();
            }
            Optional<SyntaxCheck.Parsed> parsed;
            try {
                parsed = LargeStackRunner.callWithin("numguard-parse", settings.fileBudget(),
                        () -> syntaxCheck.check(given, text));
            } catch (RuntimeException | StackOverflowError e) {
                problem(given, "not analysed: the parser failed: " + e);
                return Optional.empty();
            }
            if (parsed.isEmpty()) {
                problem(given, overBudget("to parse"));
                return Optional.empty();
            }
            if (parsed.get().error().isPresent()) {
                problems.add(parsed.get().error().get());
                finished.add(given);
                return Optional.empty();
            }
            return Optional.of(new ModelChunks.Unit(given, canonical(file), text, parsed.get()));
        }

        /**
         * A file that declares more top-level types than one model holds is modelled in parts:
         * each part is the file's text with the other parts' types blanked out (newlines kept), so
         * offsets, lines and columns stay those of the file. The file counts as analysed once all
         * its parts are.
         */
        List<ModelChunks.Unit> parts(ModelChunks.Unit unit) {
            List<SyntaxCheck.TopLevelType> types = unit.parsed().topLevelTypes();
            if (types.size() <= PART_TYPES * 2 || unit.parsed().compact()) {
                return List.of(unit);
            }
            List<ModelChunks.Unit> parts = new ArrayList<>();
            for (int from = 0; from < types.size(); from += PART_TYPES) {
                List<SyntaxCheck.TopLevelType> kept = types.subList(from, Math.min(types.size(), from + PART_TYPES));
                char[] text = unit.text().toCharArray();
                for (SyntaxCheck.TopLevelType type : types) {
                    if (!kept.contains(type)) {
                        for (int i = Math.max(0, type.start()); i <= type.end() && i < text.length; i++) {
                            if (text[i] != '\n' && text[i] != '\r') {
                                text[i] = ' ';
                            }
                        }
                    }
                }
                parts.add(new ModelChunks.Unit(unit.given(), unit.key(), new String(text), unit.parsed().withOnly(kept)));
            }
            partsLeft.put(unit.given(), parts.size());
            return parts;
        }

        void analyseChunk(List<ModelChunks.Unit> chunk) {
            Duration budget = chunk.size() == 1 ? settings.fileBudget()
                    : settings.fileBudget().plus(CHUNK_ALLOWANCE_PER_FILE.multipliedBy(chunk.size()));
            Optional<Map<Path, List<CtType<?>>>> types;
            try {
                types = LargeStackRunner.callWithin("numguard-model", budget,
                        () -> typesByFile(buildModel(chunk, classpath, settings.release())));
            } catch (RuntimeException | StackOverflowError e) {
                if (chunk.size() > 1) {
                    // one file can make JDT give up on all of them: model each file alone to find it
                    chunk.forEach(unit -> analyseChunk(List.of(unit)));
                } else {
                    problem(chunk.get(0).given(), "not analysed: the Spoon model could not be built: " + e);
                }
                return;
            }
            if (types.isEmpty()) {
                if (chunk.size() > 1) {
                    chunk.forEach(unit -> analyseChunk(List.of(unit)));
                } else {
                    problem(chunk.get(0).given(), overBudget("to model"));
                }
                return;
            }
            for (ModelChunks.Unit unit : chunk) {
                List<CtType<?>> declared = types.get().getOrDefault(unit.key(), List.of());
                if (declared.isEmpty() && chunk.size() > 1 && declaresTypes(unit)) {
                    // Spoon can lose a file's types in a model with others (seen: a class whose static
                    // members another file imports ends up without a position); alone it keeps them
                    analyseChunk(List.of(unit));
                } else {
                    lowerFile(unit, declared);
                }
            }
        }

        private static boolean declaresTypes(ModelChunks.Unit unit) {
            return !unit.parsed().topLevelTypes().isEmpty() || unit.parsed().compact();
        }

        /** Lowers one file of a chunk; the chunk's Spoon model is garbage once all its files are lowered. */
        private void lowerFile(ModelChunks.Unit unit, List<CtType<?>> types) {
            if (types.isEmpty() && declaresTypes(unit)) {
                problem(unit.given(), "not analysed: the Spoon model holds none of the types this file declares");
                return;
            }
            Optional<SourceFileModel> model;
            try {
                model = LargeStackRunner.callWithin("numguard-lower", settings.fileBudget(),
                        () -> new SpoonLowering(unit.given(), unit.text(), unit.parsed().wrapper()).lower(types));
            } catch (RuntimeException | StackOverflowError e) {
                problem(unit.given(), "could not be analysed: " + e);
                return;
            }
            if (model.isEmpty()) {
                problem(unit.given(), overBudget("to check"));
                return;
            }
            lowered.add(new Lowered(unit, model.get()));
            loweredFiles.add(unit.given());
        }

        /** Runs the rules on every lowered file, with calls followed across all of them. */
        void checkLowered() {
            ProjectFacts project = ProjectFacts.of(lowered.stream().map(Lowered::model).toList());
            for (Lowered file : lowered) {
                checkFile(file.unit(), FileAnalysis.of(file.model(), project));
            }
        }

        private void checkFile(ModelChunks.Unit unit, FileAnalysis analysis) {
            Optional<List<Finding>> found;
            try {
                found = LargeStackRunner.callWithin("numguard-rules", settings.fileBudget(),
                        () -> RuleRunner.run(analysis, rules));
            } catch (RuntimeException | StackOverflowError e) {
                problem(unit.given(), "could not be analysed: " + e);
                return;
            }
            if (found.isEmpty()) {
                problem(unit.given(), overBudget("to check"));
                return;
            }
            findings.addAll(found.get());
            int left = partsLeft.merge(unit.given(), -1, Integer::sum);
            if (left <= 0 && !finished.contains(unit.given())) {
                finished.add(unit.given());
                analysed++;
            }
            progress.progress("analysing", finished.size(), total);
        }

        private String overBudget(String phase) {
            return "not analysed: took longer than " + settings.fileBudget().toSeconds() + " s " + phase
                    + " (the per-file budget; raise it with --file-timeout)";
        }

        /** A problem about the whole file, placed at its start (the nearest position known). */
        void problem(String given, String reason) {
            problems.add(new AnalysisProblem(given, 1, 1, reason));
            finished.add(given);
        }
    }

    private static CtModel buildModel(List<ModelChunks.Unit> chunk, List<Path> classpath, int release) {
        try {
            return newLauncher(chunk, classpath, classpath.isEmpty(), release).buildModel();
        } catch (RuntimeException strictFailure) {
            if (classpath.isEmpty()) {
                throw strictFailure;
            }
            // an incomplete classpath makes JDT give up; model what resolves and leave the rest unresolved
            return newLauncher(chunk, classpath, true, release).buildModel();
        }
    }

    private static Launcher newLauncher(List<ModelChunks.Unit> chunk, List<Path> classpath, boolean noClasspath,
                                        int release) {
        Launcher launcher = new Launcher();
        for (ModelChunks.Unit unit : chunk) {
            // the text that was read and checked once, not the file again (it may have changed since)
            launcher.addInputResource(new VirtualFile(unit.parsed().wrapper().around(SyntaxCheck.parsable(unit.text())),
                    unit.key().toString()));
        }
        var environment = launcher.getEnvironment();
        environment.setNoClasspath(noClasspath);
        environment.setComplianceLevel(release);
        environment.setCommentEnabled(true);
        environment.setAutoImports(false);
        environment.setIgnoreDuplicateDeclarations(true);
        // JDT has already accepted every file (SyntaxCheck); Spoon's own identifier check is
        // stricter than the JLS (it rejects letters outside the BMP, e.g. 𝑥) and must not veto it
        environment.setIgnoreSyntaxErrors(true);
        environment.setEncoding(java.nio.charset.StandardCharsets.UTF_8);
        if (!classpath.isEmpty()) {
            environment.setSourceClasspath(classpath.stream().map(Path::toString).toArray(String[]::new));
        }
        return launcher;
    }

    private static Map<Path, List<CtType<?>>> typesByFile(CtModel model) {
        Map<Path, List<CtType<?>>> byFile = new HashMap<>();
        for (CtType<?> type : model.getAllTypes()) {
            fileOf(type).ifPresent(file -> byFile.computeIfAbsent(file, k -> new ArrayList<>()).add(type));
        }
        for (List<CtType<?>> types : byFile.values()) {
            types.sort(Comparator.comparingInt(t -> t.getPosition().getSourceStart()));
        }
        return byFile;
    }

    /**
     * The file a type was declared in. The implicit class of a compact source file (Java 25) has
     * no position of its own; its members have.
     */
    private static Optional<Path> fileOf(CtType<?> type) {
        if (hasFile(type.getPosition())) {
            return Optional.of(canonical(type.getPosition().getFile().toPath()));
        }
        for (CtTypeMember member : type.getTypeMembers()) {
            if (!member.isImplicit() && hasFile(member.getPosition())) {
                return Optional.of(canonical(member.getPosition().getFile().toPath()));
            }
        }
        return Optional.empty();
    }

    private static boolean hasFile(SourcePosition position) {
        return position != null && position.isValidPosition() && position.getFile() != null;
    }

    private static Path canonical(Path file) {
        try {
            return file.toRealPath();
        } catch (IOException e) {
            return file.toAbsolutePath().normalize();
        }
    }
}
