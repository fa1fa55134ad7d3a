package dev.numguard.rules.facts;

import dev.numguard.rules.model.Expr;
import dev.numguard.rules.model.Stmt;
import dev.numguard.rules.model.VarId;
import dev.numguard.rules.model.VarKind;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Where values enter methods, objects and fields across the analysed tree: every call (by method
 * name and number of arguments), every construction {@code new T(..)} (by type) and every write of
 * a field (by field), each with the method that holds it. Built in one pass over all method bodies
 * of the project, once ({@link ProjectFacts#callSites()}), so that following a value from a
 * parameter to its callers costs a look-up, not a search.
 */
public final class CallSites {
    /** A call, construction or field write and the method whose body holds it. */
    public record Site<T>(MethodFacts where, T node) {
    }

    private final Map<String, List<Site<Expr.Call>>> calls = new HashMap<>();
    private final Map<String, List<Site<Expr.Other>>> creations = new HashMap<>();
    private final Map<VarId, List<Site<Expr>>> fieldWrites = new HashMap<>();

    CallSites(List<ClassFacts> classes) {
        for (ClassFacts clazz : classes) {
            for (MethodFacts method : clazz.methodsWithBodies()) {
                Nodes.visit(method.method().body(), s -> {
                    if (s instanceof Stmt.Assign a && a.target() instanceof Expr.VarRead field
                            && field.kind() == VarKind.FIELD) {
                        fieldWrites.computeIfAbsent(field.id(), k -> new ArrayList<>()).add(new Site<>(method, a.value()));
                    }
                }, e -> {
                    if (e instanceof Expr.Call call) {
                        calls.computeIfAbsent(key(call.name(), call.args().size()), k -> new ArrayList<>())
                                .add(new Site<>(method, call));
                    } else if (e instanceof Expr.Other creation && creation.kind().equals("new")) {
                        creations.computeIfAbsent(typeKey(creation.type().name()), k -> new ArrayList<>())
                                .add(new Site<>(method, creation));
                    }
                });
            }
        }
    }

    /** The calls of the tree to a method called {@code name} with {@code arity} arguments, whatever their receiver. */
    public List<Site<Expr.Call>> callsNamed(String name, int arity) {
        return calls.getOrDefault(key(name, arity), List.of());
    }

    /**
     * The constructions {@code new T(..)} of the tree with {@code T} the class called
     * {@code qualifiedName} (a nested class's {@code Outer$Inner} and {@code Outer.Inner} are the same).
     */
    public List<Site<Expr.Other>> creationsOf(String qualifiedName) {
        return creations.getOrDefault(typeKey(qualifiedName), List.of());
    }

    /** The values assigned to {@code field} (a field's id) in the tree, its initializer included. */
    public List<Site<Expr>> writesOf(VarId field) {
        return fieldWrites.getOrDefault(field, List.of());
    }

    /** The same name for a nested class whichever way a front end spells it, without type arguments. */
    static String typeKey(String typeName) {
        int generic = typeName.indexOf('<');
        return (generic < 0 ? typeName : typeName.substring(0, generic)).replace('$', '.');
    }

    private static String key(String name, int arity) {
        return name + "/" + arity;
    }
}
