package dev.numguard.rules.facts.objects;

import dev.numguard.rules.facts.FunctionTable;
import dev.numguard.rules.facts.Nodes;
import dev.numguard.rules.model.AssignOp;
import dev.numguard.rules.model.Expr;
import dev.numguard.rules.model.MethodModel;
import dev.numguard.rules.model.NumericType;
import dev.numguard.rules.model.Parameter;
import dev.numguard.rules.model.Stmt;
import dev.numguard.rules.model.VarId;
import dev.numguard.rules.model.VarKind;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The methods of container classes that read or write one element of an array the object holds,
 * decided by their bodies in the analysed sources: a getter {@code double dataAt(int i) { return
 * data[i]; }} and a setter {@code void setDataAt(int i, double v) { data[i] = v; }} (also through
 * another accessor: {@code get(r, c) { return get(r * cols + c); }}), or, for a container declared
 * outside the sources, by the function table ({@code element-get}, {@code element-set}).
 *
 * <p>A pair is one location only when it is sound: a getter and a setter of the same field and the
 * same number of indices are lowered only when every accessor of that field and arity indexes it by
 * the same expression of its index arguments; any other method of the class that writes the field's
 * elements ({@code addDataAt}) is a {@linkplain Kind#MUTATOR mutator} that clobbers what was stored.
 */
final class ElementAccessors {
    private static final int MAX_DELEGATION = 3;

    enum Kind { GET, SET, MUTATOR }

    /** What a method of {@code owner} called {@code name} with {@code arity} arguments does. */
    record Accessor(Kind kind, int indices) {
    }

    /** A method found in the sources with the element it reaches: a field and its index expression, rendered. */
    private record Found(Kind kind, VarId field, int indices, String element) {
    }

    private final Map<String, Found> found = new HashMap<>();
    private final Map<String, MethodModel> methods = new HashMap<>();
    private final Map<String, Accessor> accessors = new HashMap<>();
    private final FunctionTable table;

    private ElementAccessors(DeclaredMethods declared, FunctionTable table) {
        this.table = table;
        declared.byKey().forEach((key, methods) -> methods.stream()
                .map(DeclaredMethods.Declared::method).filter(m -> !m.isStatic() && !m.isConstructor())
                .findFirst().ifPresent(m -> this.methods.put(key, m)));
        Map<String, Set<String>> elementsByField = new HashMap<>();
        for (String k : methods.keySet()) {
            Found f = find(k, 0);
            if (f != null) {
                found.put(k, f);
                if (f.kind() != Kind.MUTATOR) {
                    elementsByField.computeIfAbsent(f.field() + "/" + f.indices(), x -> new HashSet<>()).add(f.element());
                }
            }
        }
        found.forEach((k, f) -> {
            boolean consistent = f.kind() == Kind.MUTATOR
                    || elementsByField.get(f.field() + "/" + f.indices()).size() == 1;
            if (consistent) {
                accessors.put(k, new Accessor(f.kind(), f.indices()));
            }
        });
    }

    static ElementAccessors of(DeclaredMethods declared, FunctionTable table) {
        return new ElementAccessors(declared, table);
    }

    /** What {@code call} does to an element of its receiver, or empty when it is no accessor. */
    Optional<Accessor> of(Expr.Call call) {
        if (call.isStatic() || call.target() == null) {
            return Optional.empty();
        }
        String key = DeclaredMethods.key(call);
        Accessor fromSources = accessors.get(key);
        if (fromSources != null || methods.containsKey(key)) {
            return Optional.ofNullable(fromSources);
        }
        Optional<String> function = table.function(call.ownerType(), call.name());
        int n = call.args().size();
        if (function.filter("element-get"::equals).isPresent() && n >= 1) {
            return Optional.of(new Accessor(Kind.GET, n));
        }
        return function.filter("element-set"::equals).isPresent() && n >= 2
                ? Optional.of(new Accessor(Kind.SET, n - 1)) : Optional.empty();
    }


    private Found find(String methodKey, int depth) {
        MethodModel m = methods.get(methodKey);
        if (m == null || depth > MAX_DELEGATION) {
            return null;
        }
        if (m.body().statements().size() != 1) {
            return writesElements(m) ? new Found(Kind.MUTATOR, null, 0, null) : null;
        }
        List<Parameter> ps = m.parameters();
        Stmt only = m.body().statements().get(0);
        boolean valueLast = !ps.isEmpty() && ps.get(ps.size() - 1).type().isFloatingScalar();
        if (only instanceof Stmt.Return r && r.value() != null && m.returnType().isFloatingScalar()
                && allIndices(ps, ps.size())) {
            return element(r.value(), m, ps.size(), depth, Kind.GET);
        }
        if (only instanceof Stmt.Assign a && a.op() == AssignOp.ASSIGN && valueLast && allIndices(ps, ps.size() - 1)
                && isParameter(a.value(), m, ps.size() - 1)) {
            Found target = element(a.target(), m, ps.size() - 1, depth, Kind.SET);
            if (target != null) {
                return target;
            }
        }
        if (only instanceof Stmt.ExprStmt es && es.expr() instanceof Expr.Call c && valueLast
                && allIndices(ps, ps.size() - 1) && !c.args().isEmpty()
                && isParameter(c.args().get(c.args().size() - 1), m, ps.size() - 1)) {
            Found delegate = delegated(c, m, depth);
            if (delegate != null && delegate.kind() == Kind.SET) {
                return delegate;
            }
        }
        return writesElements(m) ? new Found(Kind.MUTATOR, null, 0, null) : null;
    }

    /** The element {@code e} reads or writes: own field elements {@code f[i][j]} or another accessor's. */
    private Found element(Expr e, MethodModel m, int indices, int depth, Kind kind) {
        if (e instanceof Expr.Call c) {
            Found delegate = delegated(c, m, depth);
            return delegate != null && delegate.kind() == kind ? delegate : null;
        }
        List<String> rendered = new ArrayList<>();
        Expr base = e;
        while (base instanceof Expr.ArrayElement a) {
            rendered.add(0, render(a.index(), m));
            base = a.array();
        }
        if (rendered.isEmpty() || rendered.contains(null) || !(base instanceof Expr.VarRead f)
                || f.kind() != VarKind.FIELD || !f.ownField()) {
            return null;
        }
        return new Found(kind, f.id(), indices, String.join("][", rendered));
    }

    /** A call of another accessor of this object, its index arguments rendered in terms of ours. */
    private Found delegated(Expr.Call c, MethodModel m, int depth) {
        if (c.target() != null && !(c.target() instanceof Expr.Other o && o.kind().equals("this"))) {
            return null;
        }
        Found callee = find(DeclaredMethods.key(c), depth + 1);
        if (callee == null || callee.kind() == Kind.MUTATOR) {
            return null;
        }
        String element = callee.element();
        for (int i = 0; i < callee.indices(); i++) {
            String argument = render(c.args().get(i), m);
            if (argument == null) {
                return null;
            }
            element = element.replace(placeholder(i), "\u0000" + i);
        }
        for (int i = 0; i < callee.indices(); i++) {
            element = element.replace("\u0000" + i, render(c.args().get(i), m));
        }
        return new Found(callee.kind(), callee.field(), m.parameters().size() - (callee.kind() == Kind.SET ? 1 : 0),
                element);
    }

    /** An index expression over the parameters, own fields and literals, or null for anything else. */
    private static String render(Expr e, MethodModel m) {
        Expr x = Nodes.stripCasts(e);
        if (x instanceof Expr.Literal l) {
            return l.text();
        }
        if (x instanceof Expr.VarRead v) {
            int p = Nodes.parameterIndex(v, m);
            return p >= 0 ? placeholder(p) : v.kind() == VarKind.FIELD && v.ownField() ? "this." + v.name() : null;
        }
        if (x instanceof Expr.Binary b && b.op().isArithmetic()) {
            String l = render(b.left(), m);
            String r = render(b.right(), m);
            return l == null || r == null ? null : "(" + l + b.op().symbol() + r + ")";
        }
        return null;
    }

    private static String placeholder(int parameter) {
        return "\u27e8" + parameter + "\u27e9";
    }

    private static boolean allIndices(List<Parameter> ps, int count) {
        if (count < 1 || count > ps.size()) {
            return false;
        }
        for (int i = 0; i < count; i++) {
            NumericType t = ps.get(i).type().numeric();
            if (!ps.get(i).type().isScalar() || t != NumericType.INT && t != NumericType.LONG) {
                return false;
            }
        }
        return true;
    }

    private static boolean isParameter(Expr e, MethodModel m, int index) {
        return Nodes.parameterIndex(e, m) == index;
    }

    /** True when {@code m} writes an element of an array field of its own object. */
    private static boolean writesElements(MethodModel m) {
        if (m == null || m.body() == null) {
            return false;
        }
        boolean[] writes = {false};
        Nodes.visit(m.body(), s -> {
            if (s instanceof Stmt.Assign a && rootField(a.target())) {
                writes[0] = true;
            }
        }, e -> {
            if (e instanceof Expr.Unary u && u.op().assigns() && rootField(u.operand())) {
                writes[0] = true;
            }
        });
        return writes[0];
    }

    private static boolean rootField(Expr target) {
        if (!(target instanceof Expr.ArrayElement)) {
            return false;
        }
        Expr base = target;
        while (base instanceof Expr.ArrayElement a) {
            base = a.array();
        }
        return base instanceof Expr.VarRead f && f.kind() == VarKind.FIELD && f.ownField();
    }
}
