package dev.numguard.rules.facts;

import dev.numguard.rules.SourceSpan;
import dev.numguard.rules.model.ClassModel;
import dev.numguard.rules.model.Expr;
import dev.numguard.rules.model.MethodModel;
import dev.numguard.rules.model.SourceFileModel;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * What a rule sees of one class: the file, the class, and the shared analyses, computed once per
 * class and shared by all rules.
 */
public final class ClassFacts {
    private final SourceFileModel file;
    private final ClassModel clazz;
    private final ProjectFacts project;
    private final Map<MethodModel, MethodFacts> facts = new IdentityHashMap<>();
    private final Map<String, Object> derived = new HashMap<>();
    private FieldAccumulators fieldAccumulators;

    ClassFacts(SourceFileModel file, ClassModel clazz, ProjectFacts project) {
        this.file = Objects.requireNonNull(file, "file");
        this.clazz = Objects.requireNonNull(clazz, "clazz");
        this.project = Objects.requireNonNull(project, "project");
    }

    /** Every class of the analysed source set (under javac: of this compilation unit). */
    public ProjectFacts project() {
        return project;
    }

    /**
     * The facts of the method {@code call} invokes, in this class or in another class or file of
     * the project (see {@link ProjectFacts#callee}).
     */
    public Optional<MethodFacts> callee(Expr.Call call) {
        return project.callee(call, this);
    }

    /** What the method {@code call} invokes computes from its inputs, when it is in the project. */
    public Optional<MethodSummary> summary(Expr.Call call) {
        return project.summary(call, this);
    }

    public SourceFileModel file() {
        return file;
    }

    public ClassModel clazz() {
        return clazz;
    }

    /** The source text of {@code span}. */
    public String text(SourceSpan span) {
        return file.text(span);
    }

    /** The source text of {@code e}. */
    public String text(Expr e) {
        return file.text(e.span());
    }

    /** The facts of every method of this class that has a body, in source order. */
    public List<MethodFacts> methodsWithBodies() {
        return clazz.methods().stream().filter(m -> m.body() != null).map(this::facts).toList();
    }

    /**
     * A result derived from this class once and shared, e.g. one rule's findings that another
     * rule builds on; {@code key} names it.
     */
    @SuppressWarnings("unchecked")
    public <T> T derived(String key, Function<ClassFacts, T> compute) {
        if (!derived.containsKey(key)) {
            derived.put(key, compute.apply(this));
        }
        return (T) derived.get(key);
    }

    /** Definitions, reductions and loops of {@code method}, computed once. */
    public MethodFacts facts(MethodModel method) {
        return facts.computeIfAbsent(method, m -> new MethodFacts(m, this));
    }

    /** Fields of this class used as accumulators across its methods. */
    public FieldAccumulators fieldAccumulators() {
        if (fieldAccumulators == null) {
            fieldAccumulators = new FieldAccumulators(this);
        }
        return fieldAccumulators;
    }

    /** The method of this class that {@code call} invokes, when it has a body here. */
    public Optional<MethodModel> helper(Expr.Call call) {
        if (call.target() != null && !(call.target() instanceof Expr.Other o && o.kind().equals("this"))) {
            return Optional.empty();
        }
        if (!call.ownerType().equals("?") && !call.ownerType().equals(clazz.qualifiedName())) {
            return Optional.empty();
        }
        return clazz.methodsNamed(call.name()).stream()
                .filter(m -> m.parameters().size() == call.args().size() && m.body() != null)
                .findFirst();
    }

    /** The whitespace that starts the line holding {@code offset}. */
    public String indentationAt(int offset) {
        int lineStart = lineStart(offset);
        int i = lineStart;
        while (i < file.text().length() && (file.text().charAt(i) == ' ' || file.text().charAt(i) == '\t')) {
            i++;
        }
        return file.text().substring(lineStart, i);
    }

    /** The offset of the start of the line holding {@code offset}. */
    public int lineStart(int offset) {
        int i = offset;
        while (i > 0 && file.text().charAt(i - 1) != '\n' && file.text().charAt(i - 1) != '\r') {
            i--;
        }
        return i;
    }

    /** The line separator the file uses ({@code \n} when it has none). */
    public String lineSeparator() {
        String text = file.text();
        int n = text.indexOf('\n');
        return n > 0 && text.charAt(n - 1) == '\r' ? "\r\n" : "\n";
    }
}
