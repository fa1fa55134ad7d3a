package dev.numguard.rules.facts.objects;

import dev.numguard.rules.facts.FunctionTable;
import dev.numguard.rules.facts.Nodes;
import dev.numguard.rules.model.BinaryOp;
import dev.numguard.rules.model.Expr;
import dev.numguard.rules.model.MethodModel;
import dev.numguard.rules.model.NumericType;
import dev.numguard.rules.model.Stmt;
import dev.numguard.rules.model.TypeInfo;
import dev.numguard.rules.model.VarKind;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Methods of value objects that are plain arithmetic ({@code a.plus(b)}, {@code a.dividedBy(b)},
 * {@code a.sqrt()}), so that a formula written in a fluent number API reads as the formula. A method
 * counts when the analysed sources show its whole body is the operation on the wrapped number
 * ({@code Money plus(Money o) { return new Money(value + o.value); }}), or when the function table
 * names it ({@code value-add}, {@code value-subtract}, {@code value-multiply}, {@code value-divide},
 * {@code value-sqrt}, {@code value-pow}; ta4j's {@code Num} is built in). {@code BigDecimal} is
 * deliberately absent: its sums and differences are exact, so cancellation rules have nothing to say.
 */
final class ArithmeticMethods {
    /** An arithmetic method: a binary operator, or a Math function ({@code sqrt}, {@code pow}) of the receiver. */
    record Operation(BinaryOp op, String mathFunction, TypeInfo type) {
    }

    private static final Map<String, BinaryOp> OPERATORS = Map.of("value-add", BinaryOp.ADD,
            "value-subtract", BinaryOp.SUBTRACT, "value-multiply", BinaryOp.MULTIPLY, "value-divide", BinaryOp.DIVIDE);
    private static final TypeInfo DOUBLE = TypeInfo.scalar(NumericType.DOUBLE);

    private final Map<String, Operation> fromSources = new HashMap<>();
    private final DeclaredMethods declared;
    private final FunctionTable table;

    private ArithmeticMethods(DeclaredMethods declared, FunctionTable table) {
        this.declared = declared;
        this.table = table;
        declared.byKey().forEach((key, methods) -> methods.stream()
                .flatMap(d -> operation(d.method(), d.owner()).stream()).findFirst()
                .ifPresent(op -> fromSources.put(key, op)));
    }

    static ArithmeticMethods of(DeclaredMethods declared, FunctionTable table) {
        return new ArithmeticMethods(declared, table);
    }

    /** The operation {@code call} computes on its receiver (and argument), or empty. */
    Optional<Operation> of(Expr.Call call) {
        if (call.isStatic() || call.target() == null) {
            return Optional.empty();
        }
        String key = DeclaredMethods.key(call);
        if (!declared.under(key).isEmpty()) {           // an abstract method defers to the table
            return Optional.ofNullable(fromSources.get(key));
        }
        Optional<String> function = table.function(call.ownerType(), call.name());
        if (function.isEmpty()) {
            return Optional.empty();
        }
        int n = call.args().size();
        BinaryOp op = OPERATORS.get(function.get());
        if (op != null) {
            return n == 1 ? Optional.of(new Operation(op, null, DOUBLE)) : Optional.empty();
        }
        return function.get().equals("value-sqrt") && n == 0 ? Optional.of(new Operation(null, "sqrt", DOUBLE))
                : function.get().equals("value-pow") && n == 1 ? Optional.of(new Operation(null, "pow", DOUBLE))
                : Optional.empty();
    }

    /** {@code new Self(f OP other.f)} as the whole body of a one-parameter method of {@code owner}. */
    private static Optional<Operation> operation(MethodModel m, String owner) {
        if (m.isStatic() || m.parameters().size() != 1 || !sameType(m.parameters().get(0).type(), owner)
                || !sameType(m.returnType(), owner) || m.body() == null || m.body().statements().size() != 1
                || !(m.body().statements().get(0) instanceof Stmt.Return r)
                || !(r.value() instanceof Expr.Other created) || !created.kind().equals("new")
                || created.children().size() != 1
                || !(Nodes.stripCasts(created.children().get(0)) instanceof Expr.Binary b) || !b.op().isArithmetic()
                || b.op() == BinaryOp.REMAINDER || !b.type().isFloatingScalar()) {
            return Optional.empty();
        }
        if (!(Nodes.stripCasts(b.left()) instanceof Expr.VarRead mine) || mine.kind() != VarKind.FIELD || !mine.ownField()
                || !(Nodes.stripCasts(b.right()) instanceof Expr.VarRead theirs) || theirs.kind() != VarKind.FIELD
                || !theirs.id().equals(mine.id()) || Nodes.parameterIndex(theirs.qualifier(), m) != 0) {
            return Optional.empty();
        }
        return Optional.of(new Operation(b.op(), null, mine.type()));
    }

    private static boolean sameType(TypeInfo type, String owner) {
        String name = DeclaredMethods.normalised(type.name());
        String declaring = DeclaredMethods.normalised(owner);
        return type.isScalar() && (name.equals(declaring) || declaring.endsWith("." + name));
    }

}
