package dev.numguard.rules.facts;

import dev.numguard.rules.SourceSpan;
import dev.numguard.rules.model.Expr;
import dev.numguard.rules.model.MethodModel;
import dev.numguard.rules.model.Stmt;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/** Walks the model: every statement and expression under a node, in source order. */
public final class Nodes {
    private Nodes() {
    }

    /** Every statement under {@code root}, {@code root} first, lambda block bodies included. */
    public static List<Stmt> statements(Stmt root) {
        List<Stmt> out = new ArrayList<>();
        visit(root, out::add, e -> { });
        return out;
    }

    /** Every expression under {@code root} (sub-expressions and lambda bodies included). */
    public static List<Expr> expressions(Stmt root) {
        List<Expr> out = new ArrayList<>();
        visit(root, s -> { }, out::add);
        return out;
    }

    /** {@code root} and every expression under it, lambda block bodies included. */
    public static List<Expr> expressions(Expr root) {
        List<Expr> out = new ArrayList<>();
        visitExpr(root, s -> { }, out::add);
        return out;
    }

    /** Visits statements and expressions in source order. */
    public static void visit(Stmt s, Consumer<Stmt> onStmt, Consumer<Expr> onExpr) {
        if (s == null) {
            return;
        }
        onStmt.accept(s);
        if (s instanceof Stmt.LocalDecl d) {
            visitExpr(d.init(), onStmt, onExpr);
        } else if (s instanceof Stmt.Assign a) {
            visitExpr(a.target(), onStmt, onExpr);
            visitExpr(a.value(), onStmt, onExpr);
        } else if (s instanceof Stmt.ExprStmt e) {
            visitExpr(e.expr(), onStmt, onExpr);
        } else if (s instanceof Stmt.Loop l) {
            l.init().forEach(i -> visit(i, onStmt, onExpr));
            visitExpr(l.condition(), onStmt, onExpr);
            l.update().forEach(u -> visit(u, onStmt, onExpr));
            if (l.element() != null) {
                visit(l.element(), onStmt, onExpr);
            }
            visitExpr(l.iterable(), onStmt, onExpr);
            visit(l.body(), onStmt, onExpr);
        } else if (s instanceof Stmt.If i) {
            visitExpr(i.condition(), onStmt, onExpr);
            visit(i.then(), onStmt, onExpr);
            visit(i.otherwise(), onStmt, onExpr);
        } else if (s instanceof Stmt.Return r) {
            visitExpr(r.value(), onStmt, onExpr);
        } else if (s instanceof Stmt.Block b) {
            b.statements().forEach(c -> visit(c, onStmt, onExpr));
        } else if (s instanceof Stmt.Other o) {
            o.exprs().forEach(e -> visitExpr(e, onStmt, onExpr));
            o.children().forEach(c -> visit(c, onStmt, onExpr));
        }
    }

    private static void visitExpr(Expr e, Consumer<Stmt> onStmt, Consumer<Expr> onExpr) {
        if (e == null) {
            return;
        }
        onExpr.accept(e);
        for (Expr child : e.children()) {
            visitExpr(child, onStmt, onExpr);
        }
        if (e instanceof Expr.Lambda lambda && lambda.blockBody() != null) {
            visit(lambda.blockBody(), onStmt, onExpr);
        }
    }

    /** The value of the only {@code return} with a value in {@code method}, when there is exactly one. */
    public static Optional<Expr> singleReturnValue(MethodModel method) {
        if (method.body() == null) {
            return Optional.empty();
        }
        List<Expr> values = new ArrayList<>();
        for (Stmt s : statements(method.body())) {
            if (s instanceof Stmt.Return r && r.value() != null) {
                values.add(r.value());
            }
        }
        return values.size() == 1 ? Optional.of(values.get(0)) : Optional.empty();
    }

    /** Strips casts: {@code (float) Math.exp(x)} is {@code Math.exp(x)} to the matchers. */
    public static Expr stripCasts(Expr e) {
        Expr current = e;
        while (current instanceof Expr.Cast cast) {
            current = cast.operand();
        }
        return current;
    }

    /** True when {@code e} reads the local or parameter {@code name}. */
    public static boolean isLocal(Expr e, String name) {
        return stripCasts(e) instanceof Expr.VarRead v && v.kind() != dev.numguard.rules.model.VarKind.FIELD
                && v.name().equals(name);
    }

    /** The position of the parameter of {@code method} that {@code e} reads (casts aside), or -1. */
    public static int parameterIndex(Expr e, MethodModel method) {
        if (stripCasts(e) instanceof Expr.VarRead v && v.kind() == dev.numguard.rules.model.VarKind.PARAMETER) {
            for (int i = 0; i < method.parameters().size(); i++) {
                if (method.parameters().get(i).name().equals(v.name())) {
                    return i;
                }
            }
        }
        return -1;
    }

    /** True when the local, parameter or field {@code name} is read anywhere in {@code e}. */
    public static boolean mentions(Expr e, String name) {
        return expressions(e).stream().anyMatch(x -> x instanceof Expr.VarRead v && v.name().equals(name));
    }

    /** True when {@code outer} contains {@code inner}'s span. */
    public static boolean contains(SourceSpan outer, SourceSpan inner) {
        return outer.contains(inner);
    }

    /** Structural equality of two expressions, ignoring spans, types and casts. */
    public static boolean sameShape(Expr a, Expr b) {
        Expr x = stripCasts(a);
        Expr y = stripCasts(b);
        if (x.getClass() != y.getClass()) {
            return false;
        }
        boolean headEqual = true;
        if (x instanceof Expr.Literal l) {
            Expr.Literal m = (Expr.Literal) y;
            headEqual = l.numericValue() == m.numericValue() || String.valueOf(l.value()).equals(String.valueOf(m.value()));
        } else if (x instanceof Expr.VarRead v) {
            headEqual = v.name().equals(((Expr.VarRead) y).name()) && v.kind() == ((Expr.VarRead) y).kind();
        } else if (x instanceof Expr.Call c) {
            headEqual = c.name().equals(((Expr.Call) y).name()) && c.ownerType().equals(((Expr.Call) y).ownerType());
        } else if (x instanceof Expr.Unary u) {
            headEqual = u.op() == ((Expr.Unary) y).op();
        } else if (x instanceof Expr.Binary bin) {
            headEqual = bin.op() == ((Expr.Binary) y).op();
        } else if (x instanceof Expr.MethodRef r) {
            headEqual = r.name().equals(((Expr.MethodRef) y).name());
        } else if (x instanceof Expr.Other o) {
            headEqual = o.kind().equals(((Expr.Other) y).kind());
        }
        if (!headEqual || x.children().size() != y.children().size()) {
            return false;
        }
        for (int i = 0; i < x.children().size(); i++) {
            if (!sameShape(x.children().get(i), y.children().get(i))) {
                return false;
            }
        }
        return true;
    }
}
