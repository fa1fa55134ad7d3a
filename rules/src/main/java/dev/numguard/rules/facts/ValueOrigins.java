package dev.numguard.rules.facts;

import dev.numguard.rules.model.Expr;
import dev.numguard.rules.model.MethodModel;
import dev.numguard.rules.model.NumericType;
import dev.numguard.rules.model.Parameter;
import dev.numguard.rules.model.Stmt;
import dev.numguard.rules.model.TypeInfo;
import dev.numguard.rules.model.VarKind;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.function.BiPredicate;

/**
 * Where a value can come from anywhere in the analysed tree: the expressions that produce it
 * (constructions, calls to code outside the tree, literals) and the parameters that no code of the
 * tree passes (inputs of the tree's API). A value is followed backwards
 * <ul>
 *   <li>through the local definitions that reach it (flow-sensitive, {@link MethodFacts#reaching});</li>
 *   <li>from a parameter to the arguments of every call of the tree that can invoke its method:
 *     calls on the method's own class and calls on any of its supertypes, whose dispatch may
 *     reach this implementation (class-hierarchy analysis over the tree, {@link ProjectFacts#isSubtype});
 *     constructor parameters to the arguments of {@code new T(..)} and of {@code super(..)};</li>
 *   <li>from a field of the class to every value the tree assigns to it (constructors included,
 *     so a constructor-initialised field reaches back to the construction sites);</li>
 *   <li>from the result of a method of the tree to the values it returns;</li>
 *   <li>from data held by an object ({@code t.elements[i]}, {@code m.dataAt(r, c)},
 *     {@code ctx.data(node)}) to the object and the object-valued arguments it is read with.</li>
 * </ul>
 * Each question follows at most {@value #BUDGET} expressions, each once, so its cost is bounded
 * whatever the size of the tree; the call, construction and field-write sites come from the
 * project's index ({@link ProjectFacts#callSites()}), built once.
 */
public final class ValueOrigins {
    /** Expressions followed per question at most. */
    static final int BUDGET = 400;

    /** How a value enters the flow. */
    public enum Kind {
        /** An expression that makes the value: a construction, a call outside the tree, a literal. */
        PRODUCED,
        /** A parameter no call of the tree passes: an input of the tree's API. */
        INPUT
    }

    /** One origin: the expression and the method that holds it. */
    public record Origin(MethodFacts where, Expr value, Kind kind) {
    }

    private final List<Origin> origins = new ArrayList<>();
    private final Set<Expr> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    private final Deque<Origin> work = new ArrayDeque<>();
    private final BiPredicate<Expr, MethodFacts> isSource;
    private boolean exhausted;

    private ValueOrigins(BiPredicate<Expr, MethodFacts> isSource) {
        this.isSource = isSource;
    }

    /**
     * The origins of {@code value}, read in {@code where}: an expression that {@code isSource}
     * accepts (the producer a rule looks for: a call of a softmax method, say) is an origin and is
     * not followed further. {@link #complete} tells whether the budget sufficed to follow every path.
     */
    public static ValueOrigins of(Expr value, MethodFacts where, BiPredicate<Expr, MethodFacts> isSource) {
        ValueOrigins search = new ValueOrigins(isSource);
        search.work.add(new Origin(where, value, Kind.PRODUCED));
        int steps = 0;
        while (!search.work.isEmpty()) {
            if (++steps > BUDGET) {
                search.exhausted = true;
                break;
            }
            Origin next = search.work.poll();
            search.follow(Nodes.stripCasts(next.value()), next.where());
        }
        return search;
    }

    /** The origins found. */
    public List<Origin> origins() {
        return List.copyOf(origins);
    }

    /** False when the search stopped at its budget before following every path. */
    public boolean complete() {
        return !exhausted;
    }

    private void push(Expr e, MethodFacts where) {
        if (e != null && seen.add(e)) {
            work.add(new Origin(where, e, Kind.PRODUCED));
        }
    }

    private void follow(Expr e, MethodFacts where) {
        if (isSource.test(e, where)) {
            origins.add(new Origin(where, e, Kind.PRODUCED));
        } else if (e instanceof Expr.VarRead v && v.kind() == VarKind.LOCAL) {
            List<Definition> defs = where.reaching(v);
            if (defs.isEmpty()) {
                origins.add(new Origin(where, e, Kind.PRODUCED));
            }
            defs.forEach(d -> push(d.value(), where));
        } else if (e instanceof Expr.VarRead v && v.kind() == VarKind.PARAMETER) {
            parameter(v, where);
        } else if (e instanceof Expr.VarRead v && v.kind() == VarKind.FIELD) {
            field(v, where);
        } else if (e instanceof Expr.ArrayElement a) {
            Expr resolved = where.resolve(a);
            if (resolved != a) {
                push(resolved, where);
            } else {
                push(a.array(), where);
            }
        } else if (e instanceof Expr.Conditional c) {
            push(c.whenTrue(), where);
            push(c.whenFalse(), where);
        } else if (e instanceof Expr.Call call) {
            call(call, where);
        } else {
            origins.add(new Origin(where, e, Kind.PRODUCED));
        }
    }

    private void parameter(Expr.VarRead read, MethodFacts where) {
        MethodModel method = where.method();
        int index = -1;
        for (int i = 0; i < method.parameters().size(); i++) {
            Parameter p = method.parameters().get(i);
            if (p.name().equals(read.name()) && (read.id() == null || p.id() == null || p.id().equals(read.id()))) {
                index = i;
            }
        }
        if (index < 0) {                                       // a lambda's parameter: its caller is not in the model
            origins.add(new Origin(where, read, Kind.PRODUCED));
            return;
        }
        List<CallSites.Site<? extends Expr>> arguments = callersOf(where, index);
        if (arguments.isEmpty()) {
            origins.add(new Origin(where, read, Kind.INPUT));
        }
        arguments.forEach(site -> push(site.node(), site.where()));
    }

    /** The argument at {@code index} of every call or construction of the tree that can invoke {@code callee}. */
    private static List<CallSites.Site<? extends Expr>> callersOf(MethodFacts callee, int index) {
        MethodModel method = callee.method();
        ClassFacts owner = callee.context();
        CallSites sites = owner.project().callSites();
        int arity = method.parameters().size();
        List<CallSites.Site<? extends Expr>> arguments = new ArrayList<>();
        String self = CallSites.typeKey(owner.clazz().qualifiedName());
        if (method.isConstructor()) {
            for (CallSites.Site<Expr.Other> creation : sites.creationsOf(owner.clazz().qualifiedName())) {
                if (creation.node().children().size() == arity) {
                    arguments.add(new CallSites.Site<>(creation.where(), creation.node().children().get(index)));
                }
            }
            for (String chained : List.of("<init>", "super", "this")) {
                for (CallSites.Site<Expr.Call> call : sites.callsNamed(chained, arity)) {
                    if (CallSites.typeKey(call.node().ownerType()).equals(self) && call.where() != callee) {
                        arguments.add(new CallSites.Site<>(call.where(), call.node().args().get(index)));
                    }
                }
            }
            return arguments;
        }
        for (CallSites.Site<Expr.Call> call : sites.callsNamed(method.name(), arity)) {
            String receiver = call.node().ownerType();
            // a call on this class, or (virtual dispatch) on a supertype whose method this one overrides
            boolean reaches = receiver.equals("?") ? call.where().context() == owner
                    : CallSites.typeKey(receiver).equals(self)
                            || !method.isStatic() && !method.isPrivate() && owner.project().isSubtype(owner, receiver)
                            || owner.project().classesOfType(receiver).stream()      // inherited by the receiver's class
                                    .anyMatch(r -> owner.project().isSubtype(r, owner.clazz().qualifiedName()));
            if (reaches) {
                arguments.add(new CallSites.Site<>(call.where(), call.node().args().get(index)));
            }
        }
        return arguments;
    }

    private void field(Expr.VarRead read, MethodFacts where) {
        if (read.qualifier() != null && !(Nodes.stripCasts(read.qualifier()) instanceof Expr.Other o
                && (o.kind().equals("this") || o.kind().equals("type")))) {
            push(read.qualifier(), where);                     // data held by an object: follow the object
            return;
        }
        List<CallSites.Site<Expr>> writes = where.context().project().callSites().writesOf(read.id());
        if (writes.isEmpty()) {
            origins.add(new Origin(where, read, Kind.PRODUCED));
        }
        writes.forEach(w -> push(w.node(), w.where()));
    }

    private void call(Expr.Call call, MethodFacts where) {
        var callee = where.context().callee(call);
        if (callee.isPresent() && callee.get().method().body() != null) {
            boolean returns = false;
            for (var s : Nodes.statements(callee.get().method().body())) {
                if (s instanceof Stmt.Return r && r.value() != null) {
                    push(r.value(), callee.get());
                    returns = true;
                }
            }
            if (returns) {
                return;
            }
        }
        // a value read from objects: it comes from the receiver and the objects it is read with
        boolean followed = false;
        // (a front end without the library may take an instance call for a static one: the receiver decides)
        if (call.target() != null && !(call.target() instanceof Expr.Other o && o.kind().equals("type"))
                && holdsData(call.target().type())) {
            push(call.target(), where);
            followed = true;
        }
        for (Expr arg : call.args()) {
            if (holdsData(arg.type()) && !(arg instanceof Expr.Literal)) {
                push(arg, where);
                followed = true;
            }
        }
        if (!followed || callee.isEmpty()) {
            origins.add(new Origin(where, call, Kind.PRODUCED));
        }
    }

    /** An array or an object (not a number, a boolean or a string): something values can be read from. */
    private static boolean holdsData(TypeInfo type) {
        return type.arrayDimensions() > 0 || type.numeric() == NumericType.OTHER
                && !Set.of("boolean", "java.lang.String", "void").contains(type.name());
    }
}
