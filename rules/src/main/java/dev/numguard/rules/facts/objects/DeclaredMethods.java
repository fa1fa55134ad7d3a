package dev.numguard.rules.facts.objects;

import dev.numguard.rules.model.ClassModel;
import dev.numguard.rules.model.Expr;
import dev.numguard.rules.model.MethodModel;
import dev.numguard.rules.model.SourceFileModel;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The methods with a body the analysed sources declare, by owner, name and arity: the key a call
 * resolves to ({@link #key(Expr.Call)}), with its generic arguments dropped and nested classes written
 * with a dot. Built once per project for the object lowering; overloads of one arity share a key, in
 * declaration order.
 */
final class DeclaredMethods {
    /** A method and the qualified name of the class declaring it. */
    record Declared(String owner, MethodModel method) {
    }

    private final Map<String, List<Declared>> byKey = new HashMap<>();

    DeclaredMethods(List<SourceFileModel> files) {
        for (SourceFileModel file : files) {
            for (ClassModel clazz : file.classes()) {
                for (MethodModel m : clazz.methods()) {
                    if (m.body() != null) {
                        byKey.computeIfAbsent(key(clazz.qualifiedName(), m.name(), m.parameters().size()),
                                k -> new ArrayList<>()).add(new Declared(clazz.qualifiedName(), m));
                    }
                }
            }
        }
    }

    /** Every key, with the methods declared under it. */
    Map<String, List<Declared>> byKey() {
        return byKey;
    }

    /** The methods under {@code key}; empty when the sources declare none with a body. */
    List<Declared> under(String key) {
        return byKey.getOrDefault(key, List.of());
    }

    /** The key of the methods {@code call} can invoke. */
    static String key(Expr.Call call) {
        return key(call.ownerType(), call.name(), call.args().size());
    }

    static String key(String owner, String name, int arity) {
        return normalised(owner) + "#" + name + "/" + arity;
    }

    /** A type name without generic arguments, nested classes written with a dot. */
    static String normalised(String typeName) {
        int generic = typeName.indexOf('<');
        return (generic < 0 ? typeName : typeName.substring(0, generic)).replace('$', '.');
    }
}
