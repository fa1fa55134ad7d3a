package dev.numguard.rules.fixes;

import dev.numguard.rules.facts.MethodFacts;
import dev.numguard.rules.facts.Nodes;
import dev.numguard.rules.model.ClassModel;
import dev.numguard.rules.model.Expr;
import dev.numguard.rules.model.MethodModel;
import dev.numguard.rules.model.NumericType;
import dev.numguard.rules.model.VarKind;
import java.util.List;
import java.util.Optional;

/**
 * The arguments {@code n, element} of {@code Statistics.norm2(int, IntToDoubleFunction)} for the root of a
 * sum of squares a vector class returns by name ({@code Math.sqrt(getLengthSquared())}), where the class
 * being analysed is that vector and shows how to read it element by element: it declares an instance
 * {@code int size()} (or {@code length()}) and an instance {@code double get(int)} (or {@code getX(int)},
 * {@code getQuick(int)}, {@code getEntry(int)}). The receiver is the implicit {@code this} in an instance
 * method, or a local or parameter of the class's own type: {@code size(), this::get} or {@code v.size(), v::get}.
 */
public final class IndexedNorm {
    private static final List<String> SIZES = List.of("size", "length");
    private static final List<String> ACCESSORS = List.of("get", "getX", "getQuick", "getEntry");

    private IndexedNorm() {
    }

    /** The text {@code n, element}, or empty when the receiver's class does not show its elements. */
    public static Optional<String> arguments(Expr.Call squaredNorm, MethodFacts facts) {
        ClassModel clazz = facts.context().clazz();
        if (!squaredNorm.args().isEmpty()) {
            return Optional.empty();
        }
        String receiver;
        Expr target = squaredNorm.target() == null ? null : Nodes.stripCasts(squaredNorm.target());
        if (target == null) {
            if (facts.method().isStatic() || !squaredNorm.ownerType().equals(clazz.qualifiedName())) {
                return Optional.empty();
            }
            receiver = null;
        } else if (target instanceof Expr.VarRead v && v.kind() != VarKind.FIELD && v.qualifier() == null
                && v.type().isScalar() && v.type().name().equals(clazz.qualifiedName())) {
            receiver = v.name();
        } else {
            return Optional.empty();
        }
        Optional<String> size = SIZES.stream().filter(name -> declares(clazz, name, NumericType.INT, 0)).findFirst();
        Optional<String> accessor = ACCESSORS.stream().filter(name -> declares(clazz, name, NumericType.DOUBLE, 1)).findFirst();
        if (size.isEmpty() || accessor.isEmpty()) {
            return Optional.empty();
        }
        String prefix = receiver == null ? "" : receiver + ".";
        return Optional.of(prefix + size.get() + "(), " + (receiver == null ? "this" : receiver) + "::" + accessor.get());
    }

    /** An instance method {@code name} of {@code arity} int parameters returning {@code type}, the only one of that arity. */
    private static boolean declares(ClassModel clazz, String name, NumericType type, int arity) {
        List<MethodModel> candidates = clazz.methodsNamed(name).stream().filter(m -> m.parameters().size() == arity).toList();
        return candidates.size() == 1 && !candidates.get(0).isStatic() && candidates.get(0).returnType().isScalar()
                && candidates.get(0).returnType().numeric() == type
                && candidates.get(0).parameters().stream().allMatch(p -> p.type().isScalar() && p.type().numeric() == NumericType.INT);
    }
}
