package dev.numguard.rules.facts;

import dev.numguard.rules.SourceSpan;
import dev.numguard.rules.model.AssignOp;
import dev.numguard.rules.model.Expr;
import dev.numguard.rules.model.MethodModel;
import dev.numguard.rules.model.Stmt;
import dev.numguard.rules.model.VarKind;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Facts about one method body, computed once: every loop, the definitions of each local
 * (reaching definitions in a structured, span-based approximation), and every accumulator.
 *
 * <p>Reaching definitions: the definitions of {@code x} that reach a read are those before it in
 * source order, restarting at the last plain assignment that runs whenever the read runs (one
 * whose enclosing loops, ifs and other compound statements all enclose the read too), plus
 * definitions later in a loop around the read (carried round the loop).
 */
public final class MethodFacts {
    private static final int MAX_RESOLVE_DEPTH = 8;

    private final MethodModel method;
    private final ClassFacts context;
    private final List<Stmt> statements;
    private final List<Stmt> compounds = new ArrayList<>();
    private final List<Stmt.Loop> loops = new ArrayList<>();
    private final Map<String, List<Definition>> definitions = new HashMap<>();
    private final Map<String, Stmt.LocalDecl> declarations = new HashMap<>();
    private final List<Reduction> reductions = new ArrayList<>();
    private List<Object> nodes;
    private ReachingDefinitions flow;
    private final Map<Class<?>, Object> indexes = new HashMap<>();

    MethodFacts(MethodModel method, ClassFacts context) {
        this.method = method;
        this.context = context;
        this.statements = method.body() == null ? List.of() : Nodes.statements(method.body());
        for (Stmt s : statements) {
            collect(s);
        }
        for (Stmt s : statements) {
            Reductions.update(s).ifPresent(r -> placeReduction(r));
        }
    }

    public MethodModel method() {
        return method;
    }

    public ClassFacts context() {
        return context;
    }

    /**
     * Every statement and expression of the body (lambda bodies included) in source order, a
     * statement before its expressions; each is a {@link Stmt} or an {@link Expr}. Walked once,
     * on first use, and shared by every rule.
     */
    public List<Object> nodes() {
        if (nodes == null) {
            List<Object> all = new ArrayList<>();
            Nodes.visit(method.body(), all::add, all::add);
            nodes = List.copyOf(all);
        }
        return nodes;
    }

    /**
     * The index of type {@code kind} over this method, built by {@code build} on its first request
     * and shared by every later one: for an idiom that would otherwise walk the whole method once
     * per candidate, which is quadratic in the size of the method.
     */
    public <T> T index(Class<T> kind, Function<MethodFacts, T> build) {
        Object index = indexes.get(kind);
        if (index == null) {
            index = build.apply(this);      // not computeIfAbsent: a build may ask for another index
            indexes.put(kind, index);
        }
        return kind.cast(index);
    }

    /**
     * Flow-sensitive: the definitions that can reach {@code read} at its point in the method — a
     * variable read or an array element ({@code a[i]}: the writes to elements of {@code a} and the
     * definitions of {@code a} itself), keyed by {@link dev.numguard.rules.model.VarId}, not name.
     * A parameter's value on entry is a definition with no site and no value. Empty for a node
     * that is not a read of this method.
     */
    public List<Definition> definitionsAt(Expr read) {
        return flow().at(read);
    }

    /** Every definition of the variable {@code id} in this method (its entry value if a parameter), in order. */
    public List<Definition> definitionsOf(dev.numguard.rules.model.VarId id) {
        return flow().all().stream().filter(d -> d.id().equals(id)).toList();
    }

    /**
     * The accumulator {@code read} holds at its point: the reduction whose update reaches it from a
     * loop that has finished ({@code s} after {@code for (...) s += exp(x[i]);}), or for a field of
     * this class an accumulator of the class. Empty when no single reduction reaches the read.
     */
    public Optional<Reduction> reductionAt(Expr read) {
        Expr x = Nodes.stripCasts(read);
        if (x instanceof Expr.VarRead v && v.kind() == VarKind.FIELD && v.ownField()) {
            return context.fieldAccumulators().reductionsOf(v.name()).stream().findFirst();
        }
        List<Reduction> reaching = new ArrayList<>();
        for (Definition d : definitionsAt(x)) {
            for (Reduction r : reductions) {
                if (r.update() == d.site() && r.loop() != null && !r.loop().span().contains(x.span())
                        && !reaching.contains(r)) {
                    reaching.add(r);
                }
            }
        }
        return reaching.size() == 1 ? Optional.of(reaching.get(0)) : Optional.empty();
    }

    /**
     * True when {@code e} is at most 0 wherever it is evaluated: {@code x − max(x)} (the maximum a
     * reduction, a {@code max} helper or {@code Math.max} over the same values), {@code −abs(d)},
     * {@code −exp(…)}, {@code min(z, 0)}, a non-positive literal, a local all of whose reaching
     * definitions are, or a value read under a sign test ({@code if (z < 0)}, {@code z <= 0 ? z : …}).
     */
    public boolean isNonPositive(Expr e) {
        return Bounds.isNonPositive(e, this, 0);
    }

    /**
     * What {@code e} computes, over which variable, as method summaries describe it: {@code s}
     * after {@code for (v : x) s += Math.exp(v)} is SUM_EXP over {@code x}; {@code sumExp(w)} with a
     * summarised helper SUM_EXP over {@code w}; {@code Arrays.stream(x).max()} MAX over {@code x};
     * {@code Transforms.exp(x).sumNumber()} SUM_EXP over {@code x}. Empty when not one of the shapes.
     */
    public Optional<ValueShape> shapeOf(Expr e) {
        return Summaries.describe(e, this, 0);
    }

    private ReachingDefinitions flow() {
        if (flow == null) {
            flow = new ReachingDefinitions(method);
        }
        return flow;
    }

    /** Every statement of the body in source order. */
    public List<Stmt> statements() {
        return statements;
    }

    /** Every loop of the body in source order. */
    public List<Stmt.Loop> loops() {
        return loops;
    }

    /** The declaration of local {@code name}, or null (parameters and fields have none). */
    public Stmt.LocalDecl declaration(String name) {
        return declarations.get(name);
    }

    /** Every name declared as a local, parameter or field in scope of this method. */
    public boolean isNameTaken(String name) {
        return declarations.containsKey(name) || method.parameter(name) != null
                || context.clazz().field(name).isPresent();
    }

    /** Definitions of the local {@code name} (element writes included), in source order. */
    public List<Definition> definitions(String name) {
        return definitions.getOrDefault(name, List.of());
    }

    /** Accumulators of locals in loops, and of fields, of this method. */
    public List<Reduction> reductions() {
        return reductions;
    }

    /** Loops enclosing {@code span}, outermost first. */
    public List<Stmt.Loop> enclosingLoops(SourceSpan span) {
        return loops.stream().filter(l -> l.span().contains(span) && !l.span().equals(span)).toList();
    }

    /** The definitions of the read variable that reach {@code read}. */
    public List<Definition> reaching(Expr.VarRead read) {
        if (read.kind() == VarKind.FIELD) {
            return List.of();
        }
        List<Stmt> readControl = enclosingCompounds(read.span());
        List<Stmt.Loop> readLoops = enclosingLoops(read.span());
        List<Definition> reaching = new ArrayList<>();
        for (Definition d : definitions(read.name())) {
            if (d.element()) {
                continue;
            }
            SourceSpan site = d.site().span();
            if (site.end() <= read.span().start()) {
                if (d.isPlain() && readControl.containsAll(enclosingCompounds(site))) {
                    reaching.clear();
                }
                reaching.add(d);
            } else if (site.start() > read.span().end()
                    && readLoops.stream().anyMatch(l -> l.span().contains(site))) {
                reaching.add(d);
            }
        }
        return reaching;
    }

    /**
     * What {@code e} stands for: a local with a single reaching plain definition is replaced by
     * its value, an element of a local array written by a single plain element assignment by that
     * value, repeatedly. Anything else is returned as is.
     */
    public Expr resolve(Expr e) {
        Expr current = e;
        for (int depth = 0; depth < MAX_RESOLVE_DEPTH; depth++) {
            Expr next = resolveOnce(Nodes.stripCasts(current));
            if (next == null) {
                return current;
            }
            current = next;
        }
        return current;
    }

    /** True when {@code value} reads a local that holds an element of array {@code array} ({@code c = a[i]; a[i] = c / s}). */
    private boolean readsElementThroughLocal(Expr value, String array) {
        return Nodes.expressions(value).stream().anyMatch(x -> x instanceof Expr.VarRead v && v.kind() == VarKind.LOCAL
                && reaching(v).stream().anyMatch(d -> d.value() != null && Nodes.stripCasts(d.value())
                        instanceof Expr.ArrayElement read && Nodes.mentions(read.array(), array)));
    }

    private Expr resolveOnce(Expr e) {
        if (e instanceof Expr.VarRead v && v.kind() == VarKind.LOCAL) {
            List<Definition> defs = OverflowPatches.without(reaching(v), this);
            if (defs.size() == 1 && defs.get(0).isPlain()) {
                return defs.get(0).value();
            }
        }
        if (e instanceof Expr.ArrayElement a && Nodes.stripCasts(a.array()) instanceof Expr.VarRead arr
                && arr.kind() != VarKind.FIELD) {
            // writes reading the array itself (a[i] = a[i] / s) transform a value; the definition is the other one
            List<Definition> writes = elementWrites(arr.name()).stream()
                    .filter(d -> !Nodes.mentions(d.value(), arr.name()) && !readsElementThroughLocal(d.value(), arr.name()))
                    .toList();
            if (writes.size() == 1) {
                return writes.get(0).value();
            }
        }
        return null;
    }

    /** Plain assignments to elements of the local array {@code name}. */
    public List<Definition> elementWrites(String name) {
        return definitions(name).stream().filter(d -> d.element() && d.isPlain()).toList();
    }

    /** Every write to an element of array {@code name} (plain or compound). */
    public List<Definition> elementWritesAll(String name) {
        return definitions(name).stream().filter(Definition::element).toList();
    }

    /** The accumulator that {@code read} reads once its loop has finished, if any. */
    public Optional<Reduction> reductionRead(Expr read) {
        if (!(Nodes.stripCasts(read) instanceof Expr.VarRead v)) {
            return Optional.empty();
        }
        if (v.kind() == VarKind.FIELD) {
            return context.fieldAccumulators().reductionsOf(v.name()).stream().findFirst();
        }
        return reductions.stream()
                .filter(r -> r.variable().equals(v.name()) && r.loop() != null
                        && r.loop().span().end() <= v.span().start())
                .max(Comparator.comparingInt(r -> r.loop().span().start()));
    }

    /** The reductions (for locals: in a loop) of variable {@code name}. */
    public List<Reduction> reductionsOf(String name) {
        return reductions.stream().filter(r -> r.variable().equals(name)).toList();
    }

    private void placeReduction(Reduction r) {
        if (r.variableKind() == VarKind.FIELD) {
            List<Stmt.Loop> around = enclosingLoops(r.update().span());
            reductions.add(withLoop(r, around.isEmpty() ? null : around.get(around.size() - 1)));
            return;
        }
        Stmt.LocalDecl decl = declarations.get(r.variable());
        if (decl == null) {
            return;
        }
        for (Stmt.Loop loop : enclosingLoops(r.update().span())) {
            if (!loop.span().contains(decl.span())) {
                reductions.add(withLoop(r, loop));
                return;
            }
        }
    }

    private static Reduction withLoop(Reduction r, Stmt.Loop loop) {
        return new Reduction(r.variable(), r.variableKind(), r.kind(), r.term(), r.update(), loop, r.subtracted());
    }

    private List<Stmt> enclosingCompounds(SourceSpan span) {
        return compounds.stream().filter(c -> c.span().contains(span) && !c.span().equals(span)).toList();
    }

    private void collect(Stmt s) {
        if (s instanceof Stmt.Loop l) {
            loops.add(l);
            compounds.add(l);
        } else if (s instanceof Stmt.If || s instanceof Stmt.Other) {
            compounds.add(s);
        } else if (s instanceof Stmt.LocalDecl d) {
            declarations.putIfAbsent(d.name(), d);
            add(new Definition(d.name(), d, AssignOp.ASSIGN, d.init(), false));
        } else if (s instanceof Stmt.Assign a) {
            Expr target = Nodes.stripCasts(a.target());
            if (target instanceof Expr.VarRead v && v.kind() != VarKind.FIELD) {
                add(new Definition(v.name(), a, a.op(), a.value(), false));
            } else if (target instanceof Expr.ArrayElement el
                    && Nodes.stripCasts(el.array()) instanceof Expr.VarRead arr && arr.kind() != VarKind.FIELD) {
                add(new Definition(arr.name(), a, a.op(), a.value(), true));
            }
        } else if (s instanceof Stmt.ExprStmt es && es.expr() instanceof Expr.Unary u && u.op().assigns()
                && u.operand() instanceof Expr.VarRead v) {
            add(new Definition(v.name(), es, AssignOp.ADD, null, false));
        }
    }

    private void add(Definition d) {
        definitions.computeIfAbsent(d.variable(), k -> new ArrayList<>()).add(d);
    }
}
