package dev.numguard.rules.model;

import dev.numguard.rules.SourceSpan;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * An expression of the numeric model. Parentheses are not nodes: an expression's span excludes
 * the parentheses around it. A cast is a node whose span starts at its opening parenthesis.
 * Every node carries the exact span of its source text and its static type.
 */
public sealed interface Expr permits Expr.Literal, Expr.VarRead, Expr.ArrayElement, Expr.Call, Expr.Unary,
        Expr.Binary, Expr.Cast, Expr.Conditional, Expr.Lambda, Expr.MethodRef, Expr.Other {

    SourceSpan span();

    TypeInfo type();

    /** The direct sub-expressions, in source order (a lambda's block body is not included). */
    List<Expr> children();

    /**
     * A literal.
     *
     * @param text the literal as written, e.g. {@code 1.0f}
     * @param value its value: a {@link Number}, {@link Boolean}, {@link Character}, {@link String},
     *     or {@code null} for the {@code null} literal
     */
    record Literal(SourceSpan span, TypeInfo type, String text, Object value) implements Expr {
        public List<Expr> children() {
            return List.of();
        }

        /** The numeric value, or NaN when the literal is not a number. */
        public double numericValue() {
            return value instanceof Number number ? number.doubleValue()
                    : value instanceof Character c ? c : Double.NaN;
        }
    }

    /**
     * A read of a local variable, parameter or field.
     *
     * @param ownerType for fields, the qualified name of the declaring type ({@code java.lang.Math}
     *     for {@code Math.E}); {@code null} for locals and parameters or when unresolved
     * @param qualifier the object a field is read from, or {@code null} for {@code this}, an
     *     implicit receiver or a static field
     * @param ownField for fields, whether the field belongs to the class being analysed and is read
     *     from {@code this} (explicitly or implicitly)
     * @param id the declaration read: for a field always {@code VarId.field(ownerType, name)}; for
     *     a local or parameter the front end's resolution of its declaration
     */
    record VarRead(SourceSpan span, TypeInfo type, VarKind kind, String name, String ownerType, Expr qualifier,
                   boolean ownField, VarId id) implements Expr {
        public VarRead {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(name, "name");
            if (kind == VarKind.FIELD && name.equals("length") && qualifier != null
                    && qualifier.type().arrayDimensions() > 0) {
                id = VarId.field(VarId.ARRAY_OWNER, name);      // front ends disagree on who declares it
            } else if (kind == VarKind.FIELD || id == null) {
                id = kind == VarKind.FIELD ? VarId.field(ownerType, name) : new VarId(kind, name, null, -1);
            }
        }

        /** A read whose declaration is not resolved (fields are: by owner and name). */
        public VarRead(SourceSpan span, TypeInfo type, VarKind kind, String name, String ownerType, Expr qualifier,
                       boolean ownField) {
            this(span, type, kind, name, ownerType, qualifier, ownField, null);
        }

        public List<Expr> children() {
            return qualifier == null ? List.of() : List.of(qualifier);
        }
    }

    /** {@code array[index]}. */
    record ArrayElement(SourceSpan span, TypeInfo type, Expr array, Expr index) implements Expr {
        public List<Expr> children() {
            return List.of(array, index);
        }
    }

    /**
     * A method call.
     *
     * @param target the receiver, or {@code null} for static calls and implicit {@code this}
     * @param ownerType the qualified name of the type declaring the method, resolved even for
     *     statically imported methods ({@code java.lang.Math} for {@code exp(x)} after
     *     {@code import static java.lang.Math.exp}); {@code "?"} when unknown
     * @param isStatic whether the method is static
     */
    record Call(SourceSpan span, TypeInfo type, Expr target, String ownerType, String name, List<Expr> args,
                boolean isStatic) implements Expr {
        public Call {
            Objects.requireNonNull(ownerType, "ownerType");
            Objects.requireNonNull(name, "name");
            args = List.copyOf(args);
        }

        public List<Expr> children() {
            List<Expr> all = new ArrayList<>();
            if (target != null) {
                all.add(target);
            }
            all.addAll(args);
            return all;
        }
    }

    /** A unary operation, including increments and decrements. */
    record Unary(SourceSpan span, TypeInfo type, UnaryOp op, Expr operand) implements Expr {
        public List<Expr> children() {
            return List.of(operand);
        }
    }

    /** A binary operation. */
    record Binary(SourceSpan span, TypeInfo type, BinaryOp op, Expr left, Expr right) implements Expr {
        public List<Expr> children() {
            return List.of(left, right);
        }
    }

    /** {@code (T) operand}; {@link #type()} is the target type. */
    record Cast(SourceSpan span, TypeInfo type, Expr operand) implements Expr {
        public List<Expr> children() {
            return List.of(operand);
        }
    }

    /** {@code condition ? whenTrue : whenFalse}. */
    record Conditional(SourceSpan span, TypeInfo type, Expr condition, Expr whenTrue, Expr whenFalse)
            implements Expr {
        public List<Expr> children() {
            return List.of(condition, whenTrue, whenFalse);
        }
    }

    /**
     * A lambda. Exactly one of {@code body} (expression lambda) and {@code blockBody} is non-null.
     *
     * @param parameters the parameter names in order
     */
    record Lambda(SourceSpan span, TypeInfo type, List<String> parameters, Expr body, Stmt.Block blockBody)
            implements Expr {
        public Lambda {
            parameters = List.copyOf(parameters);
        }

        public List<Expr> children() {
            return body == null ? List.of() : List.of(body);
        }
    }

    /**
     * A method reference such as {@code Math::exp} or {@code Double::sum}.
     *
     * @param ownerType qualified name of the type declaring the method, {@code "?"} when unknown
     */
    record MethodRef(SourceSpan span, TypeInfo type, String ownerType, String name) implements Expr {
        public List<Expr> children() {
            return List.of();
        }
    }

    /**
     * Any other expression: object and array creation, {@code this}, {@code instanceof}, class
     * literals, assignments used as values, switch expressions. Its sub-expressions are kept so that
     * rules still see what is inside.
     *
     * @param kind a short description, e.g. {@code new-array}, {@code new}, {@code this},
     *     {@code assignment}, {@code type}
     */
    record Other(SourceSpan span, TypeInfo type, String kind, List<Expr> children) implements Expr {
        public Other {
            Objects.requireNonNull(kind, "kind");
            children = List.copyOf(children);
        }
    }
}
