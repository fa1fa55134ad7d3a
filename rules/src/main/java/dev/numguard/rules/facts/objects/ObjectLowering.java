package dev.numguard.rules.facts.objects;

import dev.numguard.rules.facts.FunctionTable;
import dev.numguard.rules.model.AssignOp;
import dev.numguard.rules.model.ClassModel;
import dev.numguard.rules.model.Expr;
import dev.numguard.rules.model.NumericType;
import dev.numguard.rules.model.SourceFileModel;
import dev.numguard.rules.model.Stmt;
import dev.numguard.rules.model.TypeInfo;
import dev.numguard.rules.model.VarKind;
import java.util.List;
import java.util.Optional;

/**
 * Lowers numbers kept in objects into the numeric model, so every rule and fact sees them as it sees
 * arrays and operators: an element getter called on a local or parameter ({@code m.get(i, j)})
 * becomes the element read {@code m[(i, j)]}, a setter statement ({@code m.set(i, j, v)}) the element
 * write {@code m[(i, j)] = v}, a call of another method that writes the container's elements a write
 * of an unknown element (so nothing stored before is taken to survive it), and an arithmetic method of
 * a value object ({@code a.minus(b.multipliedBy(b))}) the operator it computes ({@code a - b * b}).
 * Spans stay those of the calls, so findings point at the source as written.
 *
 * <p>Runs on the model, after either front end and before any fact is computed, so both front ends
 * agree by construction. What counts as an accessor or an arithmetic method: {@link ElementAccessors},
 * {@link ArithmeticMethods}.
 */
public final class ObjectLowering {
    /** The kind of the index of a lowered element access with more than one index argument. */
    public static final String INDEX_TUPLE = "index-tuple";
    private final ElementAccessors accessors;
    private final ArithmeticMethods arithmetic;

    private ObjectLowering(List<SourceFileModel> files, FunctionTable table) {
        DeclaredMethods declared = new DeclaredMethods(files);
        this.accessors = ElementAccessors.of(declared, table);
        this.arithmetic = ArithmeticMethods.of(declared, table);
    }

    /** The lowering for the project of {@code files}, with the standard function table. */
    public static ObjectLowering of(List<SourceFileModel> files) {
        return new ObjectLowering(files, FunctionTable.standard());
    }

    /** {@code clazz} lowered; the very same object when nothing in it is an object access or operation. */
    public ClassModel lower(ClassModel clazz) {
        return new ModelRewriter() {
            @Override
            Expr expression(Expr e) {
                return e instanceof Expr.Call call ? lowered(call) : e;
            }

            @Override
            Stmt statement(Stmt s) {
                return s instanceof Stmt.ExprStmt es && es.expr() instanceof Expr.Call call ? written(es, call) : s;
            }
        }.rewrite(clazz);
    }

    private Expr lowered(Expr.Call call) {
        Optional<ElementAccessors.Accessor> accessor = accessors.of(call);
        if (accessor.isPresent() && accessor.get().kind() == ElementAccessors.Kind.GET && isTracked(call.target())
                && accessor.get().indices() == call.args().size()) {
            return element(call, call.args(), call.type());
        }
        return arithmetic.of(call).map(op -> op.op() != null
                ? (Expr) new Expr.Binary(call.span(), op.type(), op.op(), call.target(), call.args().get(0))
                : new Expr.Call(call.span(), op.type(), null, "java.lang.Math", op.mathFunction(),
                        concat(call.target(), call.args()), true)).orElse(call);
    }

    private Stmt written(Stmt.ExprStmt statement, Expr.Call call) {
        Optional<ElementAccessors.Accessor> accessor = accessors.of(call);
        if (accessor.isEmpty() || !isTracked(call.target())) {
            return statement;
        }
        int n = call.args().size();
        if (accessor.get().kind() == ElementAccessors.Kind.SET && accessor.get().indices() == n - 1) {
            Expr value = call.args().get(n - 1);
            return new Stmt.Assign(statement.span(), element(call, call.args().subList(0, n - 1), value.type()),
                    AssignOp.ASSIGN, value);
        }
        if (accessor.get().kind() == ElementAccessors.Kind.MUTATOR) {
            Expr unknownIndex = new Expr.Other(call.span(), TypeInfo.UNKNOWN, "unknown-index", List.of());
            Expr element = new Expr.ArrayElement(call.span(), TypeInfo.UNKNOWN, call.target(), unknownIndex);
            // the value is unknown; the arguments stay visible, the receiver is not read as the element's old value
            Expr unknown = new Expr.Other(call.span(), TypeInfo.UNKNOWN, "element-rewritten", call.args());
            return new Stmt.Assign(statement.span(), element, AssignOp.ASSIGN, unknown);
        }
        return statement;
    }

    /**
     * {@code receiver[index]} spanning the call; several indices are one index tuple (an
     * {@code Expr.Other} of kind {@value #INDEX_TUPLE}), so a matrix element is tracked like an element
     * of a one-dimensional array, by receiver and index expressions.
     */
    private static Expr element(Expr.Call call, List<Expr> indices, TypeInfo type) {
        Expr index = indices.size() == 1 ? indices.get(0)
                : new Expr.Other(call.span(), TypeInfo.scalar(NumericType.INT), INDEX_TUPLE, indices);
        return new Expr.ArrayElement(call.span(), type, call.target(), index);
    }

    /** A container the flow facts can follow: a local variable or a parameter. */
    private static boolean isTracked(Expr receiver) {
        return receiver instanceof Expr.VarRead v && (v.kind() == VarKind.LOCAL || v.kind() == VarKind.PARAMETER);
    }

    private static List<Expr> concat(Expr first, List<Expr> rest) {
        java.util.ArrayList<Expr> all = new java.util.ArrayList<>();
        all.add(first);
        all.addAll(rest);
        return all;
    }
}
