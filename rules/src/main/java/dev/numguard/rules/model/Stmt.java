package dev.numguard.rules.model;

import dev.numguard.rules.SourceSpan;
import java.util.List;
import java.util.Objects;

/**
 * A statement of the numeric model. The span of a statement that ends with a semicolon includes
 * the semicolon; a block's span includes its braces. Comments are not statements.
 */
public sealed interface Stmt permits Stmt.LocalDecl, Stmt.Assign, Stmt.ExprStmt, Stmt.Loop, Stmt.If, Stmt.Return,
        Stmt.Block, Stmt.Other {

    SourceSpan span();

    /**
     * A local variable declaration with at most one variable ({@code double a = 0, b;} is lowered
     * into two declarations sharing the span of the whole statement).
     *
     * @param init the initializer, or {@code null}
     * @param id the variable declared ({@link VarId#local}, at the offset of {@code name})
     */
    record LocalDecl(SourceSpan span, TypeInfo type, String name, Expr init, VarId id) implements Stmt {
        public LocalDecl {
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(name, "name");
            id = id == null ? new VarId(VarKind.LOCAL, name, null, -1) : id;
        }

        /** A declaration whose name offset is not known. */
        public LocalDecl(SourceSpan span, TypeInfo type, String name, Expr init) {
            this(span, type, name, init, null);
        }
    }

    /**
     * {@code target = value} or a compound assignment {@code target op= value}.
     *
     * @param target a {@link Expr.VarRead} or {@link Expr.ArrayElement} (the location written)
     */
    record Assign(SourceSpan span, Expr target, AssignOp op, Expr value) implements Stmt {
        public Assign {
            Objects.requireNonNull(target, "target");
            Objects.requireNonNull(op, "op");
            Objects.requireNonNull(value, "value");
        }
    }

    /** An expression evaluated for its effect: a call, {@code i++}, … */
    record ExprStmt(SourceSpan span, Expr expr) implements Stmt {
    }

    /**
     * A loop. For {@link LoopKind#FOR}: {@code init}, {@code condition}, {@code update}; for
     * {@link LoopKind#FOR_EACH}: {@code element} and {@code iterable}; for the while loops:
     * {@code condition}. Unused parts are empty lists or {@code null}.
     */
    record Loop(SourceSpan span, LoopKind kind, List<Stmt> init, Expr condition, List<Stmt> update,
                LocalDecl element, Expr iterable, Stmt body) implements Stmt {
        public Loop {
            Objects.requireNonNull(kind, "kind");
            init = List.copyOf(init);
            update = List.copyOf(update);
            Objects.requireNonNull(body, "body");
        }

        /**
         * The induction variable: the enhanced-for element; for a counted {@code for}, the variable
         * both declared or assigned in the init and incremented in the update; for a {@code while},
         * a variable compared in the condition and incremented at the top level of the body.
         * {@code null} when there is none.
         */
        public String inductionVariable() {
            return switch (kind) {
                case FOR_EACH -> element.name();
                case FOR -> update.stream().map(Loop::incremented).filter(Objects::nonNull)
                        .filter(name -> init.stream().anyMatch(s -> defines(s, name)))
                        .findFirst().orElse(null);
                case WHILE, DO_WHILE -> whileInduction();
            };
        }

        /** What an enhanced-for iterates over; {@link IterationSource#NONE} for the other loops. */
        public IterationSource source() {
            return kind == LoopKind.FOR_EACH ? IterationSource.of(iterable) : IterationSource.NONE;
        }

        private String whileInduction() {
            if (!(body instanceof Block block) || condition == null) {
                return null;
            }
            for (Stmt s : block.statements()) {
                String name = incremented(s);
                if (name != null && mentions(condition, name)) {
                    return name;
                }
            }
            return null;
        }

        private static boolean defines(Stmt s, String name) {
            return s instanceof LocalDecl d && d.name().equals(name)
                    || s instanceof Assign a && a.target() instanceof Expr.VarRead v && v.name().equals(name);
        }

        private static boolean mentions(Expr e, String name) {
            if (e instanceof Expr.VarRead v && v.name().equals(name) && v.kind() != VarKind.FIELD) {
                return true;
            }
            return e.children().stream().anyMatch(c -> mentions(c, name));
        }

        /** The variable {@code s} increments or decrements ({@code i++}, {@code i += k}), or null. */
        private static String incremented(Stmt s) {
            if (s instanceof ExprStmt es && es.expr() instanceof Expr.Unary u && u.op().assigns()
                    && u.operand() instanceof Expr.VarRead v) {
                return v.name();
            }
            if (s instanceof Assign a && (a.op() == AssignOp.ADD || a.op() == AssignOp.SUBTRACT)
                    && a.target() instanceof Expr.VarRead v) {
                return v.name();
            }
            return null;
        }
    }

    /** {@code if (condition) then else otherwise}; {@code otherwise} may be null. */
    record If(SourceSpan span, Expr condition, Stmt then, Stmt otherwise) implements Stmt {
    }

    /** {@code return value;} ({@code value} may be null). */
    record Return(SourceSpan span, Expr value) implements Stmt {
    }

    /** {@code { statements }}. */
    record Block(SourceSpan span, List<Stmt> statements) implements Stmt {
        public Block {
            statements = List.copyOf(statements);
        }
    }

    /**
     * Any other statement (try, switch, synchronized, throw, break, labelled, local class, …),
     * with the expressions and statements inside it so that rules still see nested code.
     */
    record Other(SourceSpan span, String kind, List<Expr> exprs, List<Stmt> children) implements Stmt {
        public Other {
            Objects.requireNonNull(kind, "kind");
            exprs = List.copyOf(exprs);
            children = List.copyOf(children);
        }
    }
}
