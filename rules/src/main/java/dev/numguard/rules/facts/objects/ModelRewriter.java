package dev.numguard.rules.facts.objects;

import dev.numguard.rules.model.ClassModel;
import dev.numguard.rules.model.Expr;
import dev.numguard.rules.model.FieldModel;
import dev.numguard.rules.model.MethodModel;
import dev.numguard.rules.model.Stmt;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Rebuilds a class bottom-up, letting {@link #expression} and {@link #statement} replace nodes
 * whose children are already rebuilt. A node none of whose descendants changed is returned as the
 * same object, so a method with nothing to rewrite keeps its identity (facts key on it).
 */
abstract class ModelRewriter {

    /** The replacement for {@code e} (its children already rewritten), or {@code e} itself. */
    abstract Expr expression(Expr e);

    /** The replacement for {@code s} (its parts already rewritten), or {@code s} itself. */
    abstract Stmt statement(Stmt s);

    final ClassModel rewrite(ClassModel clazz) {
        List<MethodModel> methods = map(clazz.methods(), this::method);
        List<FieldModel> fields = map(clazz.fields(), f -> {
            Expr init = expr(f.init());
            return init == f.init() ? f : new FieldModel(f.name(), f.type(), f.span(), init, f.isStatic(), f.isFinal());
        });
        return methods == clazz.methods() && fields == clazz.fields() ? clazz
                : new ClassModel(clazz.qualifiedName(), clazz.simpleName(), clazz.span(), fields, methods,
                        clazz.supertypes());
    }

    private MethodModel method(MethodModel m) {
        if (m.body() == null) {
            return m;
        }
        Stmt.Block body = (Stmt.Block) stmt(m.body());
        return body == m.body() ? m : new MethodModel(m.name(), m.span(), m.returnType(), m.parameters(), body,
                m.isStatic(), m.isPrivate(), m.isConstructor());
    }

    final Stmt stmt(Stmt s) {
        if (s == null) {
            return null;
        }
        Stmt rebuilt = rebuildStmt(s);
        return statement(rebuilt);
    }

    final Expr expr(Expr e) {
        if (e == null) {
            return null;
        }
        Expr rebuilt = rebuildExpr(e);
        return expression(rebuilt);
    }

    private Stmt rebuildStmt(Stmt s) {
        if (s instanceof Stmt.LocalDecl d) {
            Expr init = expr(d.init());
            return init == d.init() ? d : new Stmt.LocalDecl(d.span(), d.type(), d.name(), init, d.id());
        }
        if (s instanceof Stmt.Assign a) {
            Expr target = expr(a.target());
            Expr value = expr(a.value());
            return target == a.target() && value == a.value() ? a : new Stmt.Assign(a.span(), target, a.op(), value);
        }
        if (s instanceof Stmt.ExprStmt es) {
            Expr inner = expr(es.expr());
            return inner == es.expr() ? es : new Stmt.ExprStmt(es.span(), inner);
        }
        if (s instanceof Stmt.Loop l) {
            List<Stmt> init = map(l.init(), this::stmt);
            Expr condition = expr(l.condition());
            List<Stmt> update = map(l.update(), this::stmt);
            Stmt.LocalDecl element = (Stmt.LocalDecl) stmt(l.element());
            Expr iterable = expr(l.iterable());
            Stmt body = stmt(l.body());
            return init == l.init() && condition == l.condition() && update == l.update() && element == l.element()
                    && iterable == l.iterable() && body == l.body() ? l
                    : new Stmt.Loop(l.span(), l.kind(), init, condition, update, element, iterable, body);
        }
        if (s instanceof Stmt.If i) {
            Expr condition = expr(i.condition());
            Stmt then = stmt(i.then());
            Stmt otherwise = stmt(i.otherwise());
            return condition == i.condition() && then == i.then() && otherwise == i.otherwise() ? i
                    : new Stmt.If(i.span(), condition, then, otherwise);
        }
        if (s instanceof Stmt.Return r) {
            Expr value = expr(r.value());
            return value == r.value() ? r : new Stmt.Return(r.span(), value);
        }
        if (s instanceof Stmt.Block b) {
            List<Stmt> statements = map(b.statements(), this::stmt);
            return statements == b.statements() ? b : new Stmt.Block(b.span(), statements);
        }
        if (s instanceof Stmt.Other o) {
            List<Expr> exprs = map(o.exprs(), this::expr);
            List<Stmt> children = map(o.children(), this::stmt);
            return exprs == o.exprs() && children == o.children() ? o
                    : new Stmt.Other(o.span(), o.kind(), exprs, children);
        }
        throw new IllegalStateException("unknown node " + s);
    }

    private Expr rebuildExpr(Expr e) {
        if (e instanceof Expr.Literal l) {
            return l;
        }
        if (e instanceof Expr.MethodRef r) {
            return r;
        }
        if (e instanceof Expr.VarRead v) {
            Expr qualifier = expr(v.qualifier());
            return qualifier == v.qualifier() ? v : new Expr.VarRead(v.span(), v.type(), v.kind(), v.name(),
                    v.ownerType(), qualifier, v.ownField(), v.id());
        }
        if (e instanceof Expr.ArrayElement a) {
            Expr array = expr(a.array());
            Expr index = expr(a.index());
            return array == a.array() && index == a.index() ? a : new Expr.ArrayElement(a.span(), a.type(), array, index);
        }
        if (e instanceof Expr.Call c) {
            Expr target = expr(c.target());
            List<Expr> args = map(c.args(), this::expr);
            return target == c.target() && args == c.args() ? c
                    : new Expr.Call(c.span(), c.type(), target, c.ownerType(), c.name(), args, c.isStatic());
        }
        if (e instanceof Expr.Unary u) {
            Expr operand = expr(u.operand());
            return operand == u.operand() ? u : new Expr.Unary(u.span(), u.type(), u.op(), operand);
        }
        if (e instanceof Expr.Binary b) {
            Expr left = expr(b.left());
            Expr right = expr(b.right());
            return left == b.left() && right == b.right() ? b : new Expr.Binary(b.span(), b.type(), b.op(), left, right);
        }
        if (e instanceof Expr.Cast c) {
            Expr operand = expr(c.operand());
            return operand == c.operand() ? c : new Expr.Cast(c.span(), c.type(), operand);
        }
        if (e instanceof Expr.Conditional c) {
            Expr condition = expr(c.condition());
            Expr whenTrue = expr(c.whenTrue());
            Expr whenFalse = expr(c.whenFalse());
            return condition == c.condition() && whenTrue == c.whenTrue() && whenFalse == c.whenFalse() ? c
                    : new Expr.Conditional(c.span(), c.type(), condition, whenTrue, whenFalse);
        }
        if (e instanceof Expr.Lambda l) {
            Expr body = expr(l.body());
            Stmt.Block block = (Stmt.Block) stmt(l.blockBody());
            return body == l.body() && block == l.blockBody() ? l
                    : new Expr.Lambda(l.span(), l.type(), l.parameters(), body, block);
        }
        if (e instanceof Expr.Other o) {
            List<Expr> children = map(o.children(), this::expr);
            return children == o.children() ? o : new Expr.Other(o.span(), o.type(), o.kind(), children);
        }
        throw new IllegalStateException("unknown node " + e);
    }

    /** {@code items} mapped, or the very same list when no item changed. */
    private static <T> List<T> map(List<T> items, java.util.function.UnaryOperator<T> f) {
        List<T> out = null;
        for (int i = 0; i < items.size(); i++) {
            T item = items.get(i);
            T mapped = f.apply(item);
            if (mapped != item && out == null) {
                out = new ArrayList<>(items.subList(0, i));
            }
            if (out != null) {
                out.add(Objects.requireNonNull(mapped));
            }
        }
        return out == null ? items : out;
    }
}
