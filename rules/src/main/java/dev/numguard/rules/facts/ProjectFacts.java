package dev.numguard.rules.facts;

import dev.numguard.rules.facts.objects.ObjectLowering;
import dev.numguard.rules.model.ClassModel;
import dev.numguard.rules.model.Expr;
import dev.numguard.rules.model.MethodModel;
import dev.numguard.rules.model.SourceFileModel;
import dev.numguard.rules.model.Stmt;
import dev.numguard.rules.model.TypeInfo;
import java.util.ArrayDeque;
import dev.numguard.rules.model.VarId;
import dev.numguard.rules.model.VarKind;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Every class of the analysed source set, with the facts of each computed once: the index that
 * resolves a call to the method it invokes in another class or file ({@link #callee}) and that
 * holds each method's {@link MethodSummary}, computed lazily, once, and cycle-safe.
 *
 * <p>The Spoon front end builds one for the whole source set (all files are lowered first); under
 * javac only one compilation unit is visible, so the project is that file.
 */
public final class ProjectFacts {
    private final Map<SourceFileModel, List<ClassFacts>> classesByFile = new IdentityHashMap<>();
    private final Map<String, List<ClassFacts>> classesByName = new HashMap<>();
    private final Map<MethodModel, MethodSummary> summaries = new IdentityHashMap<>();
    private final Map<MethodModel, ClassFacts> owners = new IdentityHashMap<>();
    private final Map<String, List<ClassFacts>> classesByType = new HashMap<>();
    private CallSites callSites;
    private final Map<String, Object> derived = new HashMap<>();
    private final Map<String, List<MethodFacts>> subtypeMethods = new HashMap<>();
    private final List<ClassFacts> allClasses = new ArrayList<>();
    private Map<VarId, List<FieldReduction>> fieldReductions;

    private ProjectFacts(List<SourceFileModel> files) {
        ObjectLowering objects = ObjectLowering.of(files);        // numbers kept in objects, as arrays and operators
        for (SourceFileModel file : files) {
            List<ClassFacts> classes = new ArrayList<>();
            for (ClassModel model : file.classes()) {
                ClassModel clazz = objects.lower(model);
                ClassFacts facts = new ClassFacts(file, clazz, this);
                classes.add(facts);
                allClasses.add(facts);
                classesByName.computeIfAbsent(clazz.qualifiedName(), k -> new ArrayList<>()).add(facts);
                classesByType.computeIfAbsent(CallSites.typeKey(clazz.qualifiedName()), k -> new ArrayList<>()).add(facts);
                clazz.methods().forEach(m -> owners.put(m, facts));
            }
            classesByFile.put(file, List.copyOf(classes));
        }
    }

    /** The project of {@code files} (the whole analysed source set). */
    public static ProjectFacts of(List<SourceFileModel> files) {
        return new ProjectFacts(files);
    }

    /** The facts of each class of {@code file}, in its order; empty when the file is not part of this project. */
    public List<ClassFacts> classesOf(SourceFileModel file) {
        return classesByFile.getOrDefault(file, List.of());
    }

    /** The classes called {@code qualifiedName} (more than one only when the source set declares it twice). */
    public List<ClassFacts> classesNamed(String qualifiedName) {
        return classesByName.getOrDefault(qualifiedName, List.of());
    }

    /**
     * The classes of the type named {@code typeName} as a type use names it ({@code Outer$Inner} or
     * {@code Outer.Inner}, with or without type arguments).
     */
    public List<ClassFacts> classesOfType(String typeName) {
        return classesByType.getOrDefault(CallSites.typeKey(typeName), List.of());
    }

    /**
     * A result derived from the whole project once and shared (e.g. which classes compute a
     * softmax); {@code key} names it.
     */
    @SuppressWarnings("unchecked")
    public <T> T derived(String key, Function<ProjectFacts, T> compute) {
        if (!derived.containsKey(key)) {
            derived.put(key, compute.apply(this));
        }
        return (T) derived.get(key);
    }

    /** Every class of the project, file by file. */
    public List<ClassFacts> classes() {
        return List.copyOf(allClasses);
    }

    /**
     * True when {@code clazz} is the type named {@code typeName} or extends or implements it,
     * directly or through supertypes declared in the project (class-hierarchy analysis over the
     * analysed sources: a supertype outside them ends the chain, but still counts when named).
     */
    public boolean isSubtype(ClassFacts clazz, String typeName) {
        String wanted = CallSites.typeKey(typeName);
        ArrayDeque<ClassFacts> work = new ArrayDeque<>(List.of(clazz));
        Set<ClassFacts> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        while (!work.isEmpty()) {
            ClassFacts next = work.poll();
            if (!seen.add(next)) {
                continue;
            }
            if (CallSites.typeKey(next.clazz().qualifiedName()).equals(wanted)) {
                return true;
            }
            for (String supertype : next.clazz().supertypes()) {
                if (CallSites.typeKey(supertype).equals(wanted)) {
                    return true;
                }
                work.addAll(classesOfType(supertype));
            }
        }
        return false;
    }

    /**
     * Every method with a body named {@code name} with {@code arity} parameters in the classes of the
     * project that are {@code typeName} or its subtypes ({@link #isSubtype}): the candidates a call
     * on that type can invoke under class-hierarchy analysis (static ones included: callers that
     * dispatch virtually leave them out). Computed once per type, name and arity.
     */
    public List<MethodFacts> methodsOfSubtypes(String typeName, String name, int arity) {
        return subtypeMethods.computeIfAbsent(typeName + "#" + name + "/" + arity, key -> {
            List<MethodFacts> found = new ArrayList<>();
            for (ClassFacts clazz : classes()) {
                if (clazz.clazz().methodsNamed(name).isEmpty() || !isSubtype(clazz, typeName)) {
                    continue;
                }
                for (MethodModel m : clazz.clazz().methodsNamed(name)) {
                    if (m.body() != null && m.parameters().size() == arity) {
                        found.add(clazz.facts(m));
                    }
                }
            }
            return List.copyOf(found);
        });
    }

    /** Every call, construction and field write of the project, indexed once on first request. */
    public CallSites callSites() {
        if (callSites == null) {
            callSites = new CallSites(classes());
        }
        return callSites;
    }

    /**
     * The facts of the method with a body that {@code call}, made from {@code caller}, invokes: in
     * the caller's class for an unqualified call or one whose owner is unknown, in the declaring
     * type the front end resolved otherwise (another class or file of the project). Overloads are
     * told apart by arity and by the numeric kind and dimensions of the arguments; when more than
     * one method fits, or none has a body here, the result is empty.
     */
    public Optional<MethodFacts> callee(Expr.Call call, ClassFacts caller) {
        List<ClassFacts> owners = call.ownerType().equals("?") || call.ownerType().equals(caller.clazz().qualifiedName())
                ? List.of(caller) : classesNamed(call.ownerType());
        if (call.ownerType().equals("?") && call.target() != null
                && !(call.target() instanceof Expr.Other o && o.kind().equals("this"))) {
            return Optional.empty();
        }
        List<MethodFacts> fitting = new ArrayList<>();
        for (ClassFacts owner : owners) {
            for (MethodModel m : owner.clazz().methodsNamed(call.name())) {
                if (m.body() != null && fits(m, call)) {
                    fitting.add(owner.facts(m));
                }
            }
        }
        return fitting.size() == 1 ? Optional.of(fitting.get(0)) : Optional.empty();
    }

    /** The summary of what the method invoked by {@code call} computes, when it is in this project. */
    public Optional<MethodSummary> summary(Expr.Call call, ClassFacts caller) {
        return callee(call, caller).map(this::summary);
    }

    /**
     * The summary of {@code method}, computed on first request. A method whose summary is asked
     * for while it is being computed (recursion) is summarised as computing nothing known.
     */
    public MethodSummary summary(MethodFacts method) {
        MethodSummary known = summaries.get(method.method());
        if (known != null) {
            return known;
        }
        summaries.put(method.method(), MethodSummary.nothing(method.method()));
        MethodSummary computed = Summaries.of(method);
        summaries.put(method.method(), computed);
        return computed;
    }

    /**
     * Every accumulation into the field {@code field} ({@code VarId.field(declaringType, name)}) made
     * by a method (not a constructor) of any class of the project: a field declared in a base class
     * and multiplied up in a subclass is found here. Indexed once, on first request, from the
     * reductions each method's facts already hold.
     */
    public List<FieldReduction> fieldReductions(VarId field) {
        if (fieldReductions == null) {
            Map<VarId, List<FieldReduction>> index = new HashMap<>();
            for (List<ClassFacts> classes : new java.util.TreeMap<>(classesByName).values()) {   // a stable order
                for (ClassFacts clazz : classes) {
                    for (MethodModel m : clazz.clazz().methods()) {
                        if (m.body() == null || m.isConstructor()) {
                            continue;
                        }
                        MethodFacts facts = clazz.facts(m);
                        for (Reduction r : facts.reductions()) {
                            if (r.variableKind() == VarKind.FIELD && r.update() instanceof Stmt.Assign a
                                    && Nodes.stripCasts(a.target()) instanceof Expr.VarRead target) {
                                index.computeIfAbsent(target.id(), k -> new ArrayList<>()).add(new FieldReduction(r, facts));
                            }
                        }
                    }
                }
            }
            fieldReductions = index;
        }
        return fieldReductions.getOrDefault(field, List.of());
    }

    /** The class facts that own {@code method}, or null when it is not part of this project. */
    ClassFacts ownerOf(MethodModel method) {
        return owners.get(method);
    }

    private static boolean fits(MethodModel m, Expr.Call call) {
        if (m.parameters().size() != call.args().size()) {
            return false;
        }
        for (int i = 0; i < call.args().size(); i++) {
            TypeInfo declared = m.parameters().get(i).type();
            TypeInfo given = call.args().get(i).type();
            if (declared.arrayDimensions() != given.arrayDimensions() && !given.name().equals("?")
                    && !declared.name().equals("?")) {
                return false;
            }
        }
        return true;
    }
}
