package dev.numguard.rules.idioms.norms;

import dev.numguard.rules.facts.ClassFacts;
import dev.numguard.rules.facts.MathCalls;
import dev.numguard.rules.facts.MethodFacts;
import dev.numguard.rules.facts.Nodes;
import dev.numguard.rules.model.BinaryOp;
import dev.numguard.rules.model.Expr;
import dev.numguard.rules.model.FieldModel;
import dev.numguard.rules.model.UnaryOp;
import dev.numguard.rules.model.VarKind;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The value of a compile-time constant: a literal, {@code Math.PI}/{@code Math.E}, a final field
 * of the analysed project initialised with a literal ({@code static final double ONE = 1.0}, also
 * from an interface of constants), and products, quotients, sums and negations of these.
 */
public final class Constants {
    private static final int MAX_DEPTH = 4;
    private static final Pattern CONSTANT_NAME = Pattern.compile("[A-Z][A-Z0-9_]*");

    private Constants() {
    }

    /** The value of {@code e} when it is a constant. */
    public static OptionalDouble value(Expr e, MethodFacts facts) {
        return value(e, facts, 0);
    }

    private static OptionalDouble value(Expr e, MethodFacts facts, int depth) {
        Expr x = Nodes.stripCasts(e);
        if (depth > MAX_DEPTH) {
            return OptionalDouble.empty();
        }
        if (x instanceof Expr.Literal l && !Double.isNaN(l.numericValue())) {
            return OptionalDouble.of(l.numericValue());
        }
        if (x instanceof Expr.Unary u && u.op() == UnaryOp.NEGATE) {
            OptionalDouble v = value(u.operand(), facts, depth + 1);
            return v.isPresent() ? OptionalDouble.of(-v.getAsDouble()) : v;
        }
        if (x instanceof Expr.Binary b && b.op() != BinaryOp.REMAINDER) {
            OptionalDouble l = value(b.left(), facts, depth + 1);
            OptionalDouble r = value(b.right(), facts, depth + 1);
            if (l.isEmpty() || r.isEmpty()) {
                return OptionalDouble.empty();
            }
            return switch (b.op()) {
                case ADD -> OptionalDouble.of(l.getAsDouble() + r.getAsDouble());
                case SUBTRACT -> OptionalDouble.of(l.getAsDouble() - r.getAsDouble());
                case MULTIPLY -> OptionalDouble.of(l.getAsDouble() * r.getAsDouble());
                case DIVIDE -> OptionalDouble.of(l.getAsDouble() / r.getAsDouble());
                default -> OptionalDouble.empty();
            };
        }
        if (x instanceof Expr.VarRead v && v.kind() == VarKind.FIELD) {
            if (v.ownerType() != null && MathCalls.isMathOwner(v.ownerType())) {
                return v.name().equals("PI") ? OptionalDouble.of(Math.PI)
                        : v.name().equals("E") ? OptionalDouble.of(Math.E) : OptionalDouble.empty();
            }
            Optional<FieldModel> field = field(v, facts.context());
            return field.isPresent() && field.get().init() != null
                    ? value(field.get().init(), facts, depth + 1) : OptionalDouble.empty();
        }
        return OptionalDouble.empty();
    }

    /** Whether {@code e} reads a constant field of the project (final, or an interface's), whatever its value. */
    public static boolean isNamedConstant(Expr e, MethodFacts facts) {
        return Nodes.stripCasts(e) instanceof Expr.VarRead v && v.kind() == VarKind.FIELD
                && field(v, facts.context()).filter(FieldModel::isStatic).isPresent();
    }

    /**
     * Whether {@code e} reads a constant field: one of the project ({@link #isNamedConstant}), or a
     * field named in upper case by the Java convention for constants ({@code TWO}, {@code HALF})
     * whose declaration the front end did not resolve (a static import from a library, or one it
     * could not attribute); a field of the project that is not constant is not taken on its name.
     */
    public static boolean isConstantField(Expr e, MethodFacts facts) {
        return isNamedConstant(e, facts) || Nodes.stripCasts(e) instanceof Expr.VarRead v && v.kind() == VarKind.FIELD
                && CONSTANT_NAME.matcher(v.name()).matches() && field(v, facts.context()).isEmpty()
                && facts.context().clazz().field(v.name()).isEmpty();
    }

    /** A final (or upper-case static: an interface's constant) field {@code v} reads, in its class or the project. */
    private static Optional<FieldModel> field(Expr.VarRead v, ClassFacts context) {
        Stream<ClassFacts> owners = v.ownerType() == null || v.ownerType().equals(context.clazz().qualifiedName())
                ? Stream.of(context) : context.project().classesNamed(v.ownerType()).stream();
        return owners.flatMap(c -> c.clazz().field(v.name()).stream())
                .filter(f -> f.isFinal() || f.isStatic() && f.name().equals(f.name().toUpperCase()))
                .findFirst();
    }
}
