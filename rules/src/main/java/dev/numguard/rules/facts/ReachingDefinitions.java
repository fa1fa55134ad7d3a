package dev.numguard.rules.facts;

import dev.numguard.rules.model.AssignOp;
import dev.numguard.rules.model.Expr;
import dev.numguard.rules.model.LoopKind;
import dev.numguard.rules.model.MethodModel;
import dev.numguard.rules.model.Parameter;
import dev.numguard.rules.model.Stmt;
import dev.numguard.rules.model.VarId;
import dev.numguard.rules.model.VarKind;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Flow-sensitive reaching definitions over one method body, per program point: for every read of
 * a variable, an array element or a field, the definitions that can reach it. Locations are keyed
 * by {@link VarId}: a plain write to a local, a parameter or a field of {@code this} replaces the
 * earlier ones (a strong update); a write to an element ({@code a[k] = v}) or to a field of
 * another object adds to them (a weak update: other elements keep their values). Branches are
 * joined, loops iterated to a fixed point, {@code break} and {@code continue} carried to the end
 * and the head of their loop (or switch), and {@code return} and {@code throw} end a path.
 * Assignments inside expressions ({@code s += (h[i] = exp(v[i]))}) define their target where they
 * are evaluated. A lambda body sees the definitions where the lambda is written and defines nothing
 * outside it. Each parameter has one definition on entry (no value).
 */
final class ReachingDefinitions {
    private static final int MAX_LOOP_PASSES = 4;

    private final Map<Expr, List<Definition>> atRead = new IdentityHashMap<>();
    private final List<Definition> all = new ArrayList<>();
    private final Map<Object, Definition> byPlace = new IdentityHashMap<>();
    private final Deque<Escapes> targets = new ArrayDeque<>();
    private Stmt current;

    ReachingDefinitions(MethodModel method) {
        State state = new State();
        for (Parameter p : method.parameters()) {
            record(state, p, () -> new Definition(p.name(), null, AssignOp.ASSIGN, null, false, p.id()), true);
        }
        if (method.body() != null) {
            stmt(method.body(), state);
        }
    }

    /** The definitions reaching {@code read} (a variable read or an array element of this method). */
    List<Definition> at(Expr read) {
        return atRead.getOrDefault(read, List.of());
    }

    /** Every definition of the method (parameters' entry values included), in evaluation order. */
    List<Definition> all() {
        return List.copyOf(all);
    }

    /**
     * The definitions of each location at one point, joined over the paths that reach it. Sets are
     * small lists compared by identity: a definition is one place in the code.
     */
    private static final class State {
        final Map<VarId, List<Definition>> defs = new HashMap<>();
        boolean dead;

        State copy() {
            State c = new State();
            defs.forEach((k, v) -> c.defs.put(k, new ArrayList<>(v)));
            c.dead = dead;
            return c;
        }

        void define(Definition d, boolean strong) {
            if (dead) {
                return;
            }
            List<Definition> list = strong ? new ArrayList<>() : defs.computeIfAbsent(d.id(), k -> new ArrayList<>());
            addNew(list, d);
            defs.put(d.id(), list);
        }

        /** This state joined with {@code other} (a path that did not reach the join is dead). */
        void join(State other) {
            if (other.dead) {
                return;
            }
            if (dead) {
                defs.clear();
                other.defs.forEach((k, v) -> defs.put(k, new ArrayList<>(v)));
                dead = false;
                return;
            }
            other.defs.forEach((k, v) -> {
                List<Definition> mine = defs.computeIfAbsent(k, x -> new ArrayList<>());
                v.forEach(d -> addNew(mine, d));
            });
        }

        boolean sameAs(State other) {
            if (dead != other.dead || !defs.keySet().equals(other.defs.keySet())) {
                return false;
            }
            for (Map.Entry<VarId, List<Definition>> e : defs.entrySet()) {
                List<Definition> theirs = other.defs.get(e.getKey());
                if (theirs.size() != e.getValue().size() || !e.getValue().stream().allMatch(d -> containsSame(theirs, d))) {
                    return false;
                }
            }
            return true;
        }

        private static void addNew(List<Definition> list, Definition d) {
            if (!containsSame(list, d)) {
                list.add(d);
            }
        }

        private static boolean containsSame(List<Definition> list, Definition d) {
            for (Definition x : list) {
                if (x == d) {
                    return true;
                }
            }
            return false;
        }
    }

    /** Where {@code break} and {@code continue} paths go: the end (and for loops the head) of a statement. */
    private static final class Escapes {
        final boolean loop;
        final State breaks = dead();
        final State continues = dead();

        Escapes(boolean loop) {
            this.loop = loop;
        }

        static State dead() {
            State s = new State();
            s.dead = true;
            return s;
        }
    }

    private void stmt(Stmt s, State state) {
        if (s == null || state.dead) {
            return;
        }
        Stmt outer = current;
        if (!(s instanceof Stmt.Block)) {
            current = s;
        }
        if (s instanceof Stmt.Block b) {
            b.statements().forEach(child -> stmt(child, state));
        } else if (s instanceof Stmt.LocalDecl d) {
            expr(d.init(), state);
            record(state, d, () -> new Definition(d.name(), d, AssignOp.ASSIGN, d.init(), false, d.id()), true);
        } else if (s instanceof Stmt.Assign a) {
            assign(a.target(), a.op(), a.value(), state);
        } else if (s instanceof Stmt.ExprStmt e) {
            expr(e.expr(), state);
        } else if (s instanceof Stmt.If i) {
            expr(i.condition(), state);
            State otherwise = state.copy();
            stmt(i.then(), state);
            stmt(i.otherwise(), otherwise);
            state.join(otherwise);
        } else if (s instanceof Stmt.Loop l) {
            loop(l, state);
        } else if (s instanceof Stmt.Return r) {
            expr(r.value(), state);
            state.dead = true;
        } else if (s instanceof Stmt.Other o) {
            other(o, state);
        }
        current = outer;
    }

    private void loop(Stmt.Loop l, State state) {
        l.init().forEach(i -> stmt(i, state));
        expr(l.iterable(), state);
        Escapes escapes = new Escapes(true);
        targets.push(escapes);
        State head = state.copy();
        State afterBody = null;
        boolean doWhile = l.kind() == LoopKind.DO_WHILE;
        for (int pass = 0; pass < MAX_LOOP_PASSES; pass++) {
            State body = head.copy();
            if (!doWhile) {
                expr(l.condition(), body);
            }
            stmt(l.element(), body);
            stmt(l.body(), body);
            body.join(escapes.continues);
            l.update().forEach(u -> stmt(u, body));
            if (doWhile) {
                expr(l.condition(), body);
            }
            afterBody = body;
            State next = head.copy();
            next.join(body);
            if (next.sameAs(head)) {
                break;
            }
            head = next;
        }
        targets.pop();
        // a while or for loop may run no time and leaves from its head; a do-while after its body
        State out = doWhile ? afterBody : head.copy();
        if (!doWhile) {
            expr(l.condition(), out);
        }
        out.join(escapes.breaks);
        state.defs.clear();
        state.defs.putAll(out.defs);
        state.dead = out.dead;
    }

    private void other(Stmt.Other o, State state) {
        if (o.kind().equals("break") || o.kind().equals("continue")) {
            Escapes target = o.kind().equals("continue") ? innermostLoop() : targets.peek();
            if (target != null) {
                (o.kind().equals("break") ? target.breaks : target.continues).join(state);
            }
            state.dead = true;
            return;
        }
        if (o.kind().equals("throw")) {
            o.exprs().forEach(e -> expr(e, state));
            state.dead = true;
            return;
        }
        o.exprs().forEach(e -> expr(e, state));
        boolean isSwitch = o.kind().equals("switch");
        Escapes escapes = new Escapes(false);
        if (isSwitch) {
            targets.push(escapes);
        }
        // each part of a try, a switch or a synchronized block may or may not run
        for (Stmt child : o.children()) {
            State taken = state.copy();
            stmt(child, taken);
            state.join(taken);
        }
        if (isSwitch) {
            targets.pop();
            state.join(escapes.breaks);
        }
    }

    private Escapes innermostLoop() {
        for (Escapes e : targets) {
            if (e.loop) {
                return e;
            }
        }
        return null;
    }

    private void assign(Expr target, AssignOp op, Expr value, State state) {
        Expr t = Nodes.stripCasts(target);
        if (t instanceof Expr.ArrayElement element) {
            expr(element.array(), state);
            expr(element.index(), state);
            if (op != AssignOp.ASSIGN) {
                read(element, state);
            }
        } else if (t instanceof Expr.VarRead v) {
            expr(v.qualifier(), state);
            if (op != AssignOp.ASSIGN) {
                read(v, state);
            }
        } else {
            expr(t, state);
        }
        expr(value, state);
        define(t, op, value, state);
    }

    private void define(Expr target, AssignOp op, Expr value, State state) {
        if (target instanceof Expr.VarRead v) {
            boolean strong = v.kind() != VarKind.FIELD || v.qualifier() == null;
            Stmt site = current;
            record(state, v, () -> new Definition(v.name(), site, op, value, false, v.id()), strong);
        } else if (target instanceof Expr.ArrayElement element) {
            Expr base = element;
            while (base instanceof Expr.ArrayElement inner) {
                base = Nodes.stripCasts(inner.array());
            }
            if (base instanceof Expr.VarRead array) {
                Stmt site = current;
                record(state, target, () -> new Definition(array.name(), site, op, value, true, array.id()), false);
            }
        }
    }

    /** Defines the location written at {@code where} (one definition object per place, whatever the pass). */
    private void record(State state, Object where, Supplier<Definition> definition, boolean strong) {
        if (state.dead) {
            return;
        }
        Definition d = byPlace.get(where);
        if (d == null) {
            d = definition.get();
            byPlace.put(where, d);
            all.add(d);
        }
        state.define(d, strong);
    }

    private void read(Expr read, State state) {
        Expr base = read;
        while (base instanceof Expr.ArrayElement inner) {
            base = Nodes.stripCasts(inner.array());
        }
        if (base instanceof Expr.VarRead v) {
            List<Definition> defs = state.defs.get(v.id());
            atRead.put(read, defs == null ? List.of() : List.copyOf(defs));
        }
    }

    private void expr(Expr e, State state) {
        if (e == null || state.dead) {
            return;
        }
        if (e instanceof Expr.VarRead v) {
            expr(v.qualifier(), state);
            read(v, state);
        } else if (e instanceof Expr.ArrayElement a) {
            expr(a.array(), state);
            expr(a.index(), state);
            read(a, state);
        } else if (e instanceof Expr.Other o && o.kind().equals("assignment") && o.children().size() == 2) {
            assign(o.children().get(0), AssignOp.ASSIGN, o.children().get(1), state);
        } else if (e instanceof Expr.Unary u && u.op().assigns()) {
            expr(u.operand(), state);
            define(Nodes.stripCasts(u.operand()), AssignOp.ADD, null, state);
        } else if (e instanceof Expr.Conditional c) {
            expr(c.condition(), state);
            State otherwise = state.copy();
            expr(c.whenTrue(), state);
            expr(c.whenFalse(), otherwise);
            state.join(otherwise);
        } else if (e instanceof Expr.Lambda l) {
            State inside = state.copy();
            expr(l.body(), inside);
            Deque<Escapes> saved = new ArrayDeque<>(targets);
            targets.clear();
            stmt(l.blockBody(), inside);
            targets.addAll(saved);
        } else {
            e.children().forEach(child -> expr(child, state));
        }
    }
}
